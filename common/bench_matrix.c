/* make bench: the matrix module's products, timed (median of repeated runs). */
#include <stdio.h>
#include <stdlib.h>

#include "gemm.h"
#include "matrix.h"
#include "rng.h"
#include "timing.h"

typedef void (*product)(Mat *, const Mat *, const Mat *);

/* The fast product (gemm.h) with the teaching product's signature. */
static void fast_mul(Mat *out, const Mat *a, const Mat *b) { gemm_mat(out, a, 0, b, 0, 0); }
static void fast_mul_tn(Mat *out, const Mat *a, const Mat *b) { gemm_mat(out, a, 1, b, 0, 0); }
static void fast_mul_nt(Mat *out, const Mat *a, const Mat *b) { gemm_mat(out, a, 0, b, 1, 0); }

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
        double t0 = timing_now();
        f(&out, &a, &b);
        t[k] = timing_now() - t0;
    }
    mat_free(&a), mat_free(&b), mat_free(&out);
    return timing_median(t, repeats);
}

int main(void)
{
    const struct { const char *name; product f; } ops[] = {
        {"mat_mul    (A B)  ", mat_mul}, {"mat_mul_tn (A^T B)", mat_mul_tn}, {"mat_mul_nt (A B^T)", mat_mul_nt},
        {"gemm_mat   (A B)  ", fast_mul}, {"gemm_mat   (A^T B)", fast_mul_tn}, {"gemm_mat   (A B^T)", fast_mul_nt}};
    const int sizes[] = {4, 64, 256, 512};
    printf("matrix module: median of 21 runs per product of two n x n matrices, one thread\n"
           "(mat_mul: the teaching product of chapters 01-05; gemm_mat: chapter 06's packed kernel, common/gemm.h)\n");
    printf("  %-18s %6s %12s %10s\n", "operation", "n", "time", "GFLOP/s");
    for (int o = 0; o < 6; o++)
        for (int s = 0; s < 4; s++) {
            const int n = sizes[s];
            const double t = time_product(ops[o].f, n, 21);
            printf("  %-18s %6d %10.3f us %10.2f\n", ops[o].name, n, t * 1e6, 2.0 * n * n * n / t * 1e-9);
        }
    return 0;
}
