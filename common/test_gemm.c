/* Unit tests of the fast product: every shape and transpose against the plain sums, and the same bits on any number of threads. */
#include <criterion/criterion.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>

#include "alloc.h"
#include "gemm.h"
#include "rng.h"

TestSuite(gemm, .timeout = 30.0);

/* op(X)[i][j] of a rows x cols row-major X, transposed when t. */
static double at(const double *x, int cols, int t, int i, int j)
{
    return t ? x[(size_t)j * cols + i] : x[(size_t)i * cols + j];
}

/* C (+)= op(A) op(B) in double, in every shape and transpose, against the definition. */
Test(gemm, every_shape_against_the_definition)
{
    Rng rng;
    rng_seed(&rng, 7);
    const int sizes[] = {1, 2, 5, 6, 7, 17, 31, 64, 97, 300};
    for (int trial = 0; trial < 60; trial++) {
        const int m = sizes[rng_below(&rng, 10)], n = sizes[rng_below(&rng, 10)], k = sizes[rng_below(&rng, 10)];
        const int ta = (int)rng_below(&rng, 2), tb = (int)rng_below(&rng, 2), acc = (int)rng_below(&rng, 2);
        double *a = nn_alloc((size_t)m * k, sizeof(double), "a"), *b = nn_alloc((size_t)k * n, sizeof(double), "b");
        double *c = nn_alloc((size_t)m * n, sizeof(double), "c"), *want = nn_alloc((size_t)m * n, sizeof(double), "w");
        for (int i = 0; i < m * k; i++)
            a[i] = rng_range(&rng, -1, 1);
        for (int i = 0; i < k * n; i++)
            b[i] = rng_range(&rng, -1, 1);
        for (int i = 0; i < m * n; i++)
            c[i] = want[i] = acc ? rng_range(&rng, -1, 1) : 1e300;     // overwritten when not accumulating
        const int acols = ta ? m : k, bcols = tb ? k : n;           // the stored matrices' row lengths
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += at(a, acols, ta, i, p) * at(b, bcols, tb, p, j);
                want[(size_t)i * n + j] = (acc ? want[(size_t)i * n + j] : 0) + s;
            }
        gemm_f64(m, n, k, a, ta ? 1 : acols, ta ? acols : 1, b, tb ? 1 : bcols, tb ? bcols : 1, c, n, acc);
        for (int i = 0; i < m * n; i++)
            cr_assert(fabs(c[i] - want[i]) <= 1e-12 * (k + 1), "%dx%dx%d ta=%d tb=%d acc=%d: C[%d] = %.17g, want %.17g",
                      m, n, k, ta, tb, acc, i, c[i], want[i]);
        free(a), free(b), free(c), free(want);
    }
}

Test(gemm, float_and_threads)
{
    enum { M = 130, N = 270, K = 513 };
    Rng rng;
    rng_seed(&rng, 3);
    float *a = nn_alloc(M * K, sizeof(float), "a"), *b = nn_alloc(K * N, sizeof(float), "b");
    float *c1 = nn_alloc(M * N, sizeof(float), "c1"), *c2 = nn_alloc(M * N, sizeof(float), "c2");
    for (int i = 0; i < M * K; i++)
        a[i] = (float)rng_range(&rng, -1, 1);
    for (int i = 0; i < K * N; i++)
        b[i] = (float)rng_range(&rng, -1, 1);
    gemm_use_threads(1);
    gemm_f32(M, N, K, a, K, 1, b, N, 1, c1, N, 0);
    for (int i = 0; i < M; i += 37)
        for (int j = 0; j < N; j += 41) {
            double s = 0;
            for (int p = 0; p < K; p++)
                s += (double)a[i * K + p] * b[p * N + j];
            cr_assert(fabs(c1[i * N + j] - s) < 1e-3, "float C[%d][%d] = %g, want %g", i, j, c1[i * N + j], s);
        }
    gemm_use_threads(2);
    cr_assert_eq(gemm_thread_count(), 2);
    gemm_f32(M, N, K, a, K, 1, b, N, 1, c2, N, 0);
    gemm_use_threads(1);
    cr_assert(memcmp(c1, c2, sizeof(float) * M * N) == 0, "two threads must sum each element as one does");
    free(a), free(b), free(c1), free(c2);
}

static jmp_buf back;
static char message[256];
static void catch(const char *m)
{
    snprintf(message, sizeof message, "%s", m);
    longjmp(back, 1);
}

Test(gemm, the_course_matrices_and_their_shapes)
{
    Mat a = mat_new(2, 3), b = mat_new(2, 4), out = mat_new(3, 4), wrong = mat_new(2, 4);
    for (int i = 0; i < 6; i++)
        a.data[i] = i + 1;                      // a = [1 2 3; 4 5 6]
    for (int i = 0; i < 8; i++)
        b.data[i] = i % 3 - 1;
    gemm_mat(&out, &a, 1, &b, 0, 0);            // a^T b
    Mat want = mat_new(3, 4);
    mat_mul_tn(&want, &a, &b);
    for (int i = 0; i < 12; i++)
        cr_assert_eq(out.data[i], want.data[i]);
    mat_set_error_handler(catch);
    if (setjmp(back) == 0)
        gemm_mat(&wrong, &a, 1, &b, 0, 0);
    mat_set_error_handler(NULL);
    cr_assert_str_eq(message, "gemm_mat: out is 2x4 but the result is 3x4");
    mat_free(&a), mat_free(&b), mat_free(&out), mat_free(&wrong), mat_free(&want);
}
