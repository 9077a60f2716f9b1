/* make bench: the matrix module's products, timed (median of repeated runs). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "matrix.h"
#include "rng.h"

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

typedef void (*product)(Mat *, const Mat *, const Mat *);

/* Median seconds of one product of two n x n matrices. */
static double time_product(product f, int n, int repeats)
{
    Mat a = mat_new(n, n), b = mat_new(n, n), out = mat_new(n, n);
    Rng r;
    rng_seed(&r, 1);
    for (size_t i = 0; i < mat_size(&a); i++) {
        a.data[i] = rng_normal(&r);
        b.data[i] = rng_normal(&r);
    }
    double t[31];
    for (int k = 0; k < repeats; k++) {
        double t0 = now();
        f(&out, &a, &b);
        t[k] = now() - t0;
    }
    qsort(t, (size_t)repeats, sizeof t[0], cmp);
    mat_free(&a), mat_free(&b), mat_free(&out);
    return t[repeats / 2];
}

int main(void)
{
    const struct { const char *name; product f; } ops[] = {
        {"mat_mul    (A B)  ", mat_mul}, {"mat_mul_tn (A^T B)", mat_mul_tn}, {"mat_mul_nt (A B^T)", mat_mul_nt}};
    const int sizes[] = {4, 64, 256};
    printf("matrix module: median of 21 runs per product of two n x n matrices\n");
    printf("  %-18s %6s %12s %10s\n", "operation", "n", "time", "GFLOP/s");
    for (int o = 0; o < 3; o++)
        for (int s = 0; s < 3; s++) {
            const int n = sizes[s];
            const double t = time_product(ops[o].f, n, 21);
            printf("  %-18s %6d %10.3f us %10.2f\n", ops[o].name, n, t * 1e6, 2.0 * n * n * n / t * 1e-9);
        }
    return 0;
}
