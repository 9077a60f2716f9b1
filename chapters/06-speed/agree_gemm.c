/* The chapter's packed kernel and its threads against common/gemm.h, the tool later chapters use: the same bits. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "../../common/rng.h"
#include "gemm.h"

TestSuite(agree, .timeout = 30.0);

Test(agree, kernels_4_and_5_are_common_gemm)
{
    Rng rng;
    rng_seed(&rng, 11);
    const int sizes[] = {6, 7, 31, 64, 97, 300, 515};
    for (int trial = 0; trial < 24; trial++) {
        const int m = sizes[rng_below(&rng, 7)], n = sizes[rng_below(&rng, 7)], k = sizes[rng_below(&rng, 7)];
        const int ta = (int)rng_below(&rng, 2);
        double *a = nn_alloc((size_t)m * k, sizeof(double), "a"), *b = nn_alloc((size_t)k * n, sizeof(double), "b");
        double *c4 = nn_alloc((size_t)m * n, sizeof(double), "c4"), *c5 = nn_alloc((size_t)m * n, sizeof(double), "c5");
        double *cc = nn_alloc((size_t)m * n, sizeof(double), "cc");
        float *af = nn_alloc((size_t)m * k, sizeof(float), "af"), *bf = nn_alloc((size_t)k * n, sizeof(float), "bf");
        float *c4f = nn_alloc((size_t)m * n, sizeof(float), "c4f"), *ccf = nn_alloc((size_t)m * n, sizeof(float), "ccf");
        for (int i = 0; i < m * k; i++)
            af[i] = (float)(a[i] = rng_range(&rng, -1, 1));
        for (int i = 0; i < k * n; i++)
            bf[i] = (float)(b[i] = rng_range(&rng, -1, 1));
        const long ars = ta ? 1 : k, acs = ta ? m : 1;          // op(A) = A, or the transpose of a k x m A
        const GemmD g = {m, n, k, a, ars, acs, b, n, 1, c4, n};
        gemm_packed_d(&g);
        const GemmD g5 = {m, n, k, a, ars, acs, b, n, 1, c5, n};
        gemm_threads_d(&g5);
        gemm_f64(m, n, k, a, ars, acs, b, n, 1, cc, n, 0);
        cr_assert(memcmp(c4, cc, sizeof(double) * (size_t)m * n) == 0, "kernel 4 and gemm_f64 differ, %dx%dx%d", m, n, k);
        cr_assert(memcmp(c5, cc, sizeof(double) * (size_t)m * n) == 0, "kernel 5 and gemm_f64 differ, %dx%dx%d", m, n, k);
        const GemmS gs = {m, n, k, af, ars, acs, bf, n, 1, c4f, n};
        gemm_packed_s(&gs);
        gemm_f32(m, n, k, af, ars, acs, bf, n, 1, ccf, n, 0);
        cr_assert(memcmp(c4f, ccf, sizeof(float) * (size_t)m * n) == 0, "kernel 4 and gemm_f32 differ, %dx%dx%d", m, n, k);
        free(a), free(b), free(c4), free(c5), free(cc), free(af), free(bf), free(c4f), free(ccf);
    }
}
