/* make bench: chapter 02's training step on the matrix module against hand-written loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/rng.h"
#include "loops.h"
#include "mlp.h"
#include "../../common/timing.h"

#define EPOCHS 10000
#define RUNS 21

static const double xor_x[] = {0, 0, 0, 1, 1, 0, 1, 1}, xor_t[] = {0, 1, 1, 0};

/* Seconds for EPOCHS steps of the 2-3-1 network with the matrix module (mlp.c). */
static double run_matrix(const Weights *start, double *sink)
{
    Weights w;
    weights_alloc_like(&w, start);
    for (int l = 0; l < 2; l++)
        mat_copy(&w.W[l], &start->W[l]), mat_copy(&w.b[l], &start->b[l]);
    Mat X = mat_new(4, 2), T = mat_new(4, 1);
    memcpy(X.data, xor_x, sizeof xor_x), memcpy(T.data, xor_t, sizeof xor_t);
    MlpWork ws = mlp_work_new(4, &w);
    double t0 = timing_now(), E = 0;
    for (int e = 0; e < EPOCHS; e++)
        E = mlp_train_step(&w, &X, &T, 0.1, &ws);
    double t = timing_now() - t0;
    *sink += E;
    mlp_work_free(&ws), weights_free(&w), mat_free(&X), mat_free(&T);
    return t;
}

/* The same with the hand-written loops (loops.c). */
static double run_loops(const Weights *start, double *sink)
{
    double w1[6], b1[3], w2[3], b2 = start->b[1].data[0];
    memcpy(w1, start->W[0].data, sizeof w1), memcpy(b1, start->b[0].data, sizeof b1);
    memcpy(w2, start->W[1].data, sizeof w2);
    double t0 = timing_now(), E = 0;
    for (int e = 0; e < EPOCHS; e++)
        E = loops_train_step(4, 2, 3, xor_x, xor_t, 0.1, w1, b1, w2, &b2);
    double t = timing_now() - t0;
    *sink += E;
    return t;
}

int main(void)
{
    const int sizes[] = {2, 3, 1};
    Weights start;
    weights_alloc(&start, 2, sizes);
    Rng r;
    rng_seed(&r, 1);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < mat_size(&start.W[l]); i++)
            start.W[l].data[i] = rng_normal(&r);
    double tm[RUNS], tl[RUNS], sink = 0;
    for (int k = 0; k < RUNS; k++) { // interleaved, so both see the same machine
        tm[k] = run_matrix(&start, &sink);
        tl[k] = run_loops(&start, &sink);
    }
    const double m = timing_median(tm, RUNS), h = timing_median(tl, RUNS);
    printf("chapter 02: %d epochs of the 2-3-1 network on XOR, median of %d runs\n", EPOCHS, RUNS);
    printf("  matrix module (mlp.c)      %8.3f ms\n", m * 1e3);
    printf("  hand-written loops (loops.c) %6.3f ms\n", h * 1e3);
    printf("  ratio matrix / loops       %8.2f\n", m / h);
    if (sink == 42.0) // keep the results alive
        printf("\n");
    weights_free(&start);
    return 0;
}
