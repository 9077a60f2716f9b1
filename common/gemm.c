/**
 * @file gemm.c
 * @brief The packed, register-blocked, threaded matrix product (chapter 06's kernels 4 and 5).
 *
 * Written once over a type `real`: this file is the double product and, included
 * by gemm_f32.c with GEMM_F32 defined, the float one. Chapter 06's page derives
 * every block size and loop; the comments here only say what each part is.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "gemm.h"
#ifdef _OPENMP
#include <omp.h>
#endif

#ifdef GEMM_F32
typedef float real;
#define R(name) name##_f32
#else
typedef double real;
#define R(name) name##_f64
#endif

#if defined(__AVX512F__)
#define VEC_BYTES 64        // one AVX-512 register
#else
#define VEC_BYTES 32        // one AVX register (two SSE or NEON ones)
#endif
typedef real vec __attribute__((vector_size(VEC_BYTES)));
typedef real vec_at __attribute__((vector_size(VEC_BYTES), aligned(sizeof(real)), may_alias));
enum { VL = VEC_BYTES / sizeof(real) };

/* One product: its shapes, operands through their strides, and whether C is added to. */
typedef struct {
    int m, n, k;
    const real *a;
    long ars, acs;
    const real *b;
    long brs, bcs;
    real *c;
    long ldc;
    int accumulate;
} Product;

#define A_(g, i, p) ((g)->a[(long)(i) * (g)->ars + (long)(p) * (g)->acs])
#define B_(g, p, j) ((g)->b[(long)(p) * (g)->brs + (long)(j) * (g)->bcs])
#define C_(g, i, j) ((g)->c[(long)(i) * (g)->ldc + (j)])

// The blocks: MR x NR accumulators in registers; a KC x NR sliver of B in L1;
// an MC x KC block of A in L2; a KC x NC panel of B in L3 (chapter 06, "blocks").
enum { MR = 6, NV = 2, NR = NV * VL, KC = 256, MC = 16 * MR, NC = 4096 };

static int min_int(int a, int b) { return a < b ? a : b; }

/* Rows [i0, i0 + mr) of op(A), columns [p0, p0 + kc), as one sliver: column by column, zeros past row i0 + mr. */
static void R(pack_a)(const Product *g, int i0, int mr, int p0, int kc, real *out)
{
    for (int p = p0; p < p0 + kc; p++)
        for (int i = i0; i < i0 + MR; i++)
            *out++ = i < i0 + mr ? A_(g, i, p) : 0;
}

/* Rows [p0, p0 + kc) of op(B), columns [j0, j0 + nr), as one sliver: row by row, zeros past column j0 + nr. */
static void R(pack_b)(const Product *g, int p0, int kc, int j0, int nr, real *out)
{
    for (int p = p0; p < p0 + kc; p++, out += NR) {
        for (int j = 0; j < nr; j++)
            out[j] = B_(g, p, j0 + j);
        for (int j = nr; j < NR; j++)
            out[j] = 0;
    }
}

/* C[0..mr)[0..nr) = (or +=, unless first and not accumulating) kc outer products of packed slivers. */
static void R(micro_kernel)(int kc, const real *a, const real *b, real *c, long ldc, int store, int mr, int nr)
{
    vec acc[MR][NV];
#pragma GCC unroll MR
    for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++)
            acc[i][v] = (vec){0};
    for (int p = 0; p < kc; p++, a += MR, b += NR) {
        vec bv[NV];
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++)
            bv[v] = *(const vec_at *)(b + v * VL);
#pragma GCC unroll MR
        for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
            for (int v = 0; v < NV; v++)
                acc[i][v] += a[i] * bv[v];      // a[i] broadcast: one fused multiply-add
    }
    real tile[MR][NR];                          // the block, or the part of it inside C at an edge
    const int whole = mr == MR && nr == NR;
    real *out = whole ? c : &tile[0][0];
    const long ld = whole ? ldc : NR;
#pragma GCC unroll MR
    for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++) {
            vec_at *dst = (vec_at *)(out + i * ld + v * VL);
            if (whole && !store)
                *dst += acc[i][v];
            else
                *dst = acc[i][v];
        }
    if (!whole)
        for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++)
                c[i * ldc + j] = (store ? 0 : c[i * ldc + j]) + tile[i][j];
}

/*
 * Goto's loops around the micro-kernel, with orphaned `omp for`: on one
 * thread plain loops, inside a parallel region shared by the team. Each
 * element of C is summed by one thread, panel after panel in order: the same
 * bits on any number of threads.
 */
static void R(packed_loops)(const Product *g, real *bpack, real *apack)
{
    for (int jc = 0; jc < g->n; jc += NC) {
        const int nc = min_int(NC, g->n - jc);
        for (int pc = 0; pc < g->k; pc += KC) {
            const int kc = min_int(KC, g->k - pc);
            const int store = pc == 0 && !g->accumulate;
#pragma omp for schedule(static)
            for (int s = 0; s < nc; s += NR)
                R(pack_b)(g, pc, kc, jc + s, min_int(NR, nc - s), bpack + (long)s * kc);
            for (int ic = 0; ic < g->m; ic += MC) {
                const int mc = min_int(MC, g->m - ic);
#pragma omp for schedule(static)
                for (int s = 0; s < mc; s += MR)
                    R(pack_a)(g, ic + s, min_int(MR, mc - s), pc, kc, apack + (long)s * kc);
#pragma omp for schedule(static)
                for (int jr = 0; jr < nc; jr += NR)
                    for (int ir = 0; ir < mc; ir += MR)
                        R(micro_kernel)(kc, apack + (long)ir * kc, bpack + (long)jr * kc, &C_(g, ic + ir, jc + jr),
                                        g->ldc, store, min_int(MR, mc - ir), min_int(NR, nc - jr));
            }
        }
    }
}

/* A product too small to repay packing (a row or two, say): the plain i-p-j sums. */
static void R(small)(const Product *g)
{
    for (int i = 0; i < g->m; i++) {
        real *ci = &C_(g, i, 0);
        if (!g->accumulate)
            memset(ci, 0, (size_t)g->n * sizeof(real));
        for (int p = 0; p < g->k; p++) {
            const real aip = A_(g, i, p);
            for (int j = 0; j < g->n; j++)
                ci[j] += aip * B_(g, p, j);
        }
    }
}

/*
 * The packed buffers: kept from one product to the next (a training step makes
 * thousands), grown when a product needs more, freed when the program ends.
 * Each thread has its own, so that the threads of a chapter's own parallel loop
 * (chapter 12's heads of attention) can each run a product at once.
 */
static _Thread_local real *R(buffer)[2];
static _Thread_local size_t R(capacity)[2];

static void R(release)(void)
{
    for (int i = 0; i < 2; i++)
        free(R(buffer)[i]), R(buffer)[i] = NULL, R(capacity)[i] = 0;
}

/* Buffer i with room for n numbers, aligned to a cache line. */
static real *R(room)(int i, size_t n)
{
    const size_t want = n + 64 / sizeof(real);
    if (R(capacity)[i] < want) {
        if (!R(buffer)[0] && !R(buffer)[1])
            atexit(R(release));
        R(buffer)[i] = nn_realloc(R(buffer)[i], want, sizeof(real), i ? "a packed block of A" : "a packed panel of B");
        R(capacity)[i] = want;
    }
    return (real *)(((size_t)R(buffer)[i] + 63) & ~(size_t)63);
}

void R(gemm)(int m, int n, int k, const real *a, long ars, long acs, const real *b, long brs, long bcs, real *c,
             long ldc, int accumulate)
{
    const Product g = {m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate};
    if (m <= 0 || n <= 0)
        return;
    if (k <= 0 || (m < MR && (double)m * n * k < 1e4)) {    // an empty sum, or a row or two
        R(small)(&g);
        return;
    }
    real *bp = R(room)(0, (size_t)KC * (size_t)(min_int(NC, n) + NR)), *ap = R(room)(1, (size_t)KC * (MC + MR));
    const int threads = gemm_thread_count();
#ifdef _OPENMP
    if (omp_in_parallel()) {    // one thread of a chapter's own team: this product on it alone (a team of one)
#pragma omp parallel num_threads(1)
        R(packed_loops)(&g, bp, ap);
        return;
    }
#endif
    if (threads > 1 && (double)m * n * k > 1e5) {   // small products: threads cost more than they save
#pragma omp parallel num_threads(threads)
        R(packed_loops)(&g, bp, ap);
    } else {
        R(packed_loops)(&g, bp, ap);
    }
}

#ifndef GEMM_F32
static int n_threads = 1;

void gemm_use_threads(int threads)
{
    n_threads = threads > 0 ? threads : gemm_core_count();
}

int gemm_thread_count(void)
{
    return n_threads;
}

int gemm_core_count(void)
{
#ifdef _OPENMP
    return omp_get_num_procs();
#else
    return 1;
#endif
}

void gemm_mat(Mat *out, const Mat *a, int ta, const Mat *b, int tb, int accumulate)
{
    const int m = ta ? a->cols : a->rows, k = ta ? a->rows : a->cols;
    const int kb = tb ? b->cols : b->rows, n = tb ? b->rows : b->cols;
    if (k != kb) {
        mat_error("gemm_mat: op(a) is %dx%d but op(b) is %dx%d (op(a).cols must equal op(b).rows)", m, k, kb, n);
        return;
    }
    if (out->rows != m || out->cols != n) {
        mat_error("gemm_mat: out is %dx%d but the result is %dx%d", out->rows, out->cols, m, n);
        return;
    }
    if (out->data == a->data || out->data == b->data) {
        mat_error("gemm_mat: out must not be one of the inputs (a product reads them while writing)");
        return;
    }
    gemm_f64(m, n, k, a->data, ta ? 1 : a->cols, ta ? a->cols : 1, b->data, tb ? 1 : b->cols, tb ? b->cols : 1,
             out->data, out->cols, accumulate);
}
#endif
