/* make bench: chapter 03's forward pass against its backward pass. */
#include <stdio.h>
#include <stdlib.h>

#include "network.h"
#include "../../common/timing.h"

#define RUNS 21

/* Median seconds of `reps` forward passes and of `reps` backward passes. */
static void time_passes(int n_layers, const int *sizes, int N, int reps)
{
    Weights w, g;
    weights_alloc(&w, n_layers, sizes);
    Rng r;
    rng_seed(&r, 1);
    weights_init_glorot(&w, &r);
    weights_alloc_like(&g, &w);
    Mat X = mat_new(N, sizes[0]), T = mat_new(N, sizes[n_layers]);
    for (size_t i = 0; i < mat_size(&X); i++)
        X.data[i] = rng_range(&r, -1, 1);
    Cache c = cache_new(N, &w);
    double tf[RUNS], tb[RUNS];
    for (int k = 0; k < RUNS; k++) {
        double t0 = timing_now();
        for (int i = 0; i < reps; i++)
            net_forward(&w, &X, &c);
        tf[k] = (timing_now() - t0) / reps;
        t0 = timing_now();
        for (int i = 0; i < reps; i++)
            net_backward(&w, &X, &T, &c, &g);
        tb[k] = (timing_now() - t0) / reps;
    }
    const double f = timing_median(tf, RUNS), b = timing_median(tb, RUNS);
    printf("  ");
    for (int l = 0; l <= n_layers; l++)
        printf("%s%d", l ? "-" : "", sizes[l]);
    printf(", %5d samples: forward %9.2f us, backward %9.2f us, ratio %.2f\n", N, f * 1e6,
           b * 1e6, b / f);
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
