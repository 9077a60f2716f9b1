/* make bench: chapter 03's forward pass against its backward pass. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "network.h"

#define RUNS 21

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median seconds of `reps` forward passes and of `reps` backward passes. */
static void time_passes(int n_layers, const int *sizes, int N, int reps)
{
    Weights w, g;
    weights_alloc(&w, n_layers, sizes);
    Rng r;
    rng_seed(&r, 1);
    net_init(&w, &r);
    weights_alloc_like(&g, &w);
    Mat X = mat_new(N, sizes[0]), T = mat_new(N, sizes[n_layers]);
    for (size_t i = 0; i < mat_size(&X); i++)
        X.data[i] = rng_range(&r, -1, 1);
    Cache c = cache_new(N, &w);
    double tf[RUNS], tb[RUNS];
    for (int k = 0; k < RUNS; k++) {
        double t0 = now();
        for (int i = 0; i < reps; i++)
            net_forward(&w, &X, &c);
        tf[k] = (now() - t0) / reps;
        t0 = now();
        for (int i = 0; i < reps; i++)
            net_backward(&w, &X, &T, &c, &g);
        tb[k] = (now() - t0) / reps;
    }
    qsort(tf, RUNS, sizeof tf[0], cmp);
    qsort(tb, RUNS, sizeof tb[0], cmp);
    printf("  ");
    for (int l = 0; l <= n_layers; l++)
        printf("%s%d", l ? "-" : "", sizes[l]);
    printf(", %5d samples: forward %9.2f us, backward %9.2f us, ratio %.2f\n", N, tf[RUNS / 2] * 1e6,
           tb[RUNS / 2] * 1e6, tb[RUNS / 2] / tf[RUNS / 2]);
    cache_free(&c), weights_free(&w), weights_free(&g), mat_free(&X), mat_free(&T);
}

int main(void)
{
    printf("chapter 03: one forward and one backward pass, median of %d runs\n", RUNS);
    time_passes(3, (int[]){2, 8, 8, 1}, 100, 2000);
    time_passes(3, (int[]){2, 64, 64, 1}, 1000, 20);
    time_passes(3, (int[]){64, 256, 256, 10}, 256, 5);
    return 0;
}
