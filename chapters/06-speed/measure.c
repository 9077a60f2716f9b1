/**
 * @file measure.c
 * @brief Chapter 06: checking and timing a kernel, in either precision.
 *
 * Written once over `real` (real.h): this file is the double version and,
 * included by measure_float.c, the float one.
 */
#include <cblas.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "measure.h"
#include "real.h"

#ifdef GEMM_FLOAT
#define UNIT_ROUNDOFF (FLT_EPSILON / 2)
#define cblas_gemm cblas_sgemm
#else
#define UNIT_ROUNDOFF (DBL_EPSILON / 2)
#define cblas_gemm cblas_dgemm
#endif
enum { PAD = 3 };       // numbers after each stored row: strides differ from widths

/* count numbers uniform in [-1, 1), for what (named if memory runs out). */
static real *R(random_matrix)(long count, Rng *rng, const char *what)
{
    real *p = nn_alloc((size_t)count, sizeof(real), what);
    for (long i = 0; i < count; i++)
        p[i] = (real)rng_range(rng, -1, 1);
    return p;
}

// C = op(A) op(B) by kernel, or by OpenBLAS (alpha 1, beta 0: the same product).
static void R(run)(Kernel kernel, const Gemm *g, int ta, int tb)
{
    if (kernel != OPENBLAS) {
        R(gemm)(kernel, g);
        return;
    }
    cblas_gemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, g->m, g->n, g->k,
               1, g->a, (int)(ta ? g->acs : g->ars), g->b, (int)(tb ? g->bcs : g->brs), 0, g->c, (int)g->ldc);
}

//! [verify]
void R(verify)(const Kernel *kernels, int count, int m, int n, int k, int ta, int tb, uint64_t seed, double *worst)
{
    Rng rng;
    rng_seed(&rng, seed);
    const long lda = (ta ? m : k) + PAD, ldb = (tb ? k : n) + PAD, ldc = n + PAD;
    const long na = (ta ? k : m) * lda, nb = (tb ? n : k) * ldb, nc = m * ldc;
    real *a = R(random_matrix)(na, &rng, "the check's A"), *b = R(random_matrix)(nb, &rng, "the check's B");
    real *c = R(random_matrix)(nc, &rng, "the check's C");
    real *abs_a = R(random_matrix)(na, &rng, "|A|"), *abs_b = R(random_matrix)(nb, &rng, "|B|");
    real *ref = R(random_matrix)(nc, &rng, "the naive product"), *bound = R(random_matrix)(nc, &rng, "|A| |B|");
    real *before = R(random_matrix)(nc, &rng, "C before the kernel");
    for (long i = 0; i < na; i++)
        abs_a[i] = fabs(a[i]);
    for (long i = 0; i < nb; i++)
        abs_b[i] = fabs(b[i]);
    for (long i = 0; i < nc; i++)
        before[i] = c[i];
    Gemm g = {.m = m, .n = n, .k = k, .a = a, .ars = ta ? 1 : lda, .acs = ta ? lda : 1,
              .b = b, .brs = tb ? 1 : ldb, .bcs = tb ? ldb : 1, .c = ref, .ldc = ldc};
    R(gemm_naive)(&g);                                  // the reference, once for every kernel
    Gemm sizes = g;                                     // |A| |B|: how large the sums' terms are
    sizes.a = abs_a, sizes.b = abs_b, sizes.c = bound;
    R(gemm_naive)(&sizes);
    g.c = c;
    for (int q = 0; q < count; q++) {
        for (long i = 0; i < nc; i++)                   // C as it was, padding included
            c[i] = before[i];
        R(run)(kernels[q], &g, ta, tb);                 // the kernel under test
        worst[q] = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                const double tol = 2.0 * k * UNIT_ROUNDOFF * bound[i * ldc + j] + DBL_MIN;
                const double err = fabs((double)c[i * ldc + j] - ref[i * ldc + j]) / tol;
                worst[q] = err > worst[q] || isnan(err) ? err : worst[q];
            }
            for (int j = n; j < ldc; j++)               // the padding must be as it was
                if (c[i * ldc + j] != before[i * ldc + j])
                    worst[q] = INFINITY;
        }
    }
    real *all[] = { a, b, c, abs_a, abs_b, ref, bound, before };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]);
}
//! [verify]

double R(time_gemm)(Kernel kernel, int n, double min_time)
{
    Rng rng;
    rng_seed(&rng, 6);
    const long nn = (long)n * n;
    real *a = R(random_matrix)(nn, &rng, "the timed A"), *b = R(random_matrix)(nn, &rng, "the timed B");
    real *c = R(random_matrix)(nn, &rng, "the timed C");
    const Gemm g = {.m = n, .n = n, .k = n, .a = a, .ars = n, .acs = 1, .b = b, .brs = n, .bcs = 1, .c = c, .ldc = n};
    double best = INFINITY, spent = 0;
    do {
        const double t0 = timing_now();
        R(run)(kernel, &g, 0, 0);
        const double t = timing_now() - t0;
        best = t < best ? t : best;
        spent += t;
    } while (spent < min_time);
    free(a), free(b), free(c);
    return 2.0 * n * n * (double)n / (best > 0 ? best : 1e-9) / 1e9;
}
