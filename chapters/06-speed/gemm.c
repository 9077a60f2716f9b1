/**
 * @file gemm.c
 * @brief Chapter 06: the kernels that are not exercises: the definition, the
 *        blocked driver, the packed SIMD kernel and its threads, and the dispatch.
 *
 * Written once over `real` (real.h): this file is the double kernels and,
 * included by gemm_float.c, the float ones.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/cli.h"
#include "real.h"
#ifdef _OPENMP
#include <omp.h>
#endif

// ----------------------------------------------------------------------------
// kernel 1: the definition

//! [naive]
void R(gemm_naive)(const Gemm *g)
{
    for (int i = 0; i < g->m; i++)
        for (int j = 0; j < g->n; j++) {
            real sum = 0;
            for (int p = 0; p < g->k; p++)      // walks B down a column: a stride of n numbers
                sum += A_(g, i, p) * B_(g, p, j);
            C_(g, i, j) = sum;
        }
}
//! [naive]

// ----------------------------------------------------------------------------
// kernel 3: i-k-j on tiles, so that what a tile reads is still in the cache
// when it is read again

//! [blocked]
void R(gemm_blocked)(const Gemm *g)
{
    for (int i = 0; i < g->m; i++)
        memset(&C_(g, i, 0), 0, (size_t)g->n * sizeof(real));
    for (int j0 = 0; j0 < g->n; j0 += GEMM_TILE_N)
        for (int p0 = 0; p0 < g->k; p0 += GEMM_TILE_K)
            for (int i0 = 0; i0 < g->m; i0 += GEMM_TILE_M)
                R(gemm_tile)(g, i0, i0 + GEMM_TILE_M < g->m ? i0 + GEMM_TILE_M : g->m,
                             j0, j0 + GEMM_TILE_N < g->n ? j0 + GEMM_TILE_N : g->n,
                             p0, p0 + GEMM_TILE_K < g->k ? p0 + GEMM_TILE_K : g->k);
}
//! [blocked]

// ----------------------------------------------------------------------------
// kernel 4: packed panels and a register-blocked micro-kernel
//
// The micro-kernel keeps an MR x NR block of C in vector registers and adds
// kc outer products to it: for each p, a column of MR numbers of A times a row
// of NR numbers of B, MR x NR fused multiply-adds from MR + NR loads. The
// loops around it (Goto's) choose blocks so that each level of the cache holds
// what is reused from it: a kc x NR sliver of B stays in L1 while every MR-row
// sliver of A's block goes past it; the mc x kc block of A stays in L2.

//! [blocks]
enum {
    MR = 6,                 // rows of the register block
    NV = 2,                 // vectors across it: MR x NV = 12 accumulators
    NR = NV * VL,           // columns of the register block
    KC = 256,               // terms per pass: a KC x NR sliver of B fits L1
    MC = 16 * MR,           // rows of A per packed block (MC x KC in L2)
    NC = 4096               // columns of B per packed panel (KC x NC in L3)
};
//! [blocks]

//! [pack_a]
void R(pack_a)(const Gemm *g, int i0, int mc, int p0, int kc, int mr, real *out)
{
    for (int s = 0; s < mc; s += mr)            // one sliver of mr rows
        for (int p = p0; p < p0 + kc; p++)      // ... column by column
            for (int i = i0 + s; i < i0 + s + mr; i++)
                *out++ = i < i0 + mc ? A_(g, i, p) : 0;
}
//! [pack_a]

//! [micro]
// C[0..mr)[0..nr) (+)= the product of an MR-row sliver of packed A and an
// NR-column sliver of packed B, kc terms; store when first, else add.
static void R(micro_kernel)(int kc, const real *a, const real *b, real *c, long ldc, int first, int mr, int nr)
{
    vec acc[MR][NV];
#pragma GCC unroll MR
    for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++)
            acc[i][v] = (vec){ 0 };
    for (int p = 0; p < kc; p++, a += MR, b += NR) {
        vec bv[NV];                             // row p of the B sliver
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++)
            bv[v] = *(const vec_at *)(b + v * VL);
#pragma GCC unroll MR
        for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
            for (int v = 0; v < NV; v++)
                acc[i][v] += a[i] * bv[v];      // a[i] broadcast: one fused multiply-add
    }
    real tile[MR][NR];                          // the block, or the part of it in C at an edge
    const int whole = mr == MR && nr == NR;
    real *out = whole ? c : &tile[0][0];
    const long ld = whole ? ldc : NR;
#pragma GCC unroll MR
    for (int i = 0; i < MR; i++)
#pragma GCC unroll NV
        for (int v = 0; v < NV; v++) {
            vec_at *dst = (vec_at *)(out + i * ld + v * VL);
            if (whole && !first)
                *dst += acc[i][v];
            else
                *dst = acc[i][v];
        }
    if (!whole)
        for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++)
                c[i * ldc + j] = (first ? 0 : c[i * ldc + j]) + tile[i][j];
}
//! [micro]

static int min_int(int a, int b) { return a < b ? a : b; }

// The loops around the micro-kernel. Work is split with orphaned `omp for`:
// called by one thread they are plain loops (kernel 4); called inside a
// parallel region, the team shares each loop and the buffers (kernel 5).
//! [packed]
static void R(packed_loops)(const Gemm *g, real *bpack, real *apack)
{
    for (int jc = 0; jc < g->n; jc += NC) {
        const int nc = min_int(NC, g->n - jc);
        for (int pc = 0; pc < g->k; pc += KC) {
            const int kc = min_int(KC, g->k - pc);
#pragma omp for schedule(static)
            for (int s = 0; s < nc; s += NR)                // pack the kc x nc panel of B
                R(pack_b)(g, pc, kc, jc + s, min_int(NR, nc - s), NR, bpack + (long)s * kc);
            for (int ic = 0; ic < g->m; ic += MC) {
                const int mc = min_int(MC, g->m - ic);
#pragma omp for schedule(static)
                for (int s = 0; s < mc; s += MR)            // pack the mc x kc block of A
                    R(pack_a)(g, ic + s, min_int(MR, mc - s), pc, kc, MR, apack + (long)s * kc);
#pragma omp for schedule(static)
                for (int jr = 0; jr < nc; jr += NR)         // the micro-kernels, shared among threads
                    for (int ir = 0; ir < mc; ir += MR)
                        R(micro_kernel)(kc, apack + (long)ir * kc, bpack + (long)jr * kc,
                                        &C_(g, ic + ir, jc + jr), g->ldc, pc == 0,
                                        min_int(MR, mc - ir), min_int(NR, nc - jr));
            }
        }
    }
}
//! [packed]

// Packed buffers, aligned to a cache line, sized for the largest blocks (aligned_alloc():
// common/alloc.h's nn_alloc() does not align; the same one-line message when memory runs out).
static real *R(pack_buffer)(long numbers)
{
    real *p = aligned_alloc(64, ((size_t)numbers * sizeof(real) + 63) / 64 * 64);
    if (!p)
        cli_fail(EXIT_FAILURE_IO, "out of memory: %ld numbers for a packed panel", numbers);
    return p;
}

void R(gemm_packed)(const Gemm *g)
{
    if (g->m == 0 || g->n == 0)
        return;
    if (g->k == 0) {                            // an empty sum: C = 0
        for (int i = 0; i < g->m; i++)
            memset(&C_(g, i, 0), 0, (size_t)g->n * sizeof(real));
        return;
    }
    real *bpack = R(pack_buffer)((long)KC * (min_int(NC, g->n) + NR));
    real *apack = R(pack_buffer)((long)KC * (MC + MR));
    R(packed_loops)(g, bpack, apack);
    free(bpack);
    free(apack);
}

//! [threads]
void R(gemm_threads)(const Gemm *g)
{
    if (g->m == 0 || g->n == 0 || g->k == 0) {
        R(gemm_packed)(g);
        return;
    }
    real *bpack = R(pack_buffer)((long)KC * (min_int(NC, g->n) + NR));
    real *apack = R(pack_buffer)((long)KC * (MC + MR));
#pragma omp parallel num_threads(gemm_threads())
    R(packed_loops)(g, bpack, apack);
    free(bpack);
    free(apack);
}
//! [threads]

PackedShape R(packed_shape)(void)
{
    return (PackedShape){ VEC_BYTES, MR, NR, KC, MC, NC };
}

// ----------------------------------------------------------------------------
// dispatch

void R(gemm)(Kernel kernel, const Gemm *g)
{
    switch (kernel) {
    case KERNEL_NAIVE: R(gemm_naive)(g); break;
    case KERNEL_IKJ: R(gemm_ikj)(g); break;
    case KERNEL_BLOCKED: R(gemm_blocked)(g); break;
    case KERNEL_PACKED: R(gemm_packed)(g); break;
    case KERNEL_THREADS: R(gemm_threads)(g); break;
    default: assert(!"no such kernel");
    }
}

#ifndef GEMM_FLOAT
static int n_threads;

const char *kernel_name(Kernel kernel)
{
    static const char *names[] = { "?", "naive", "ikj", "blocked", "packed", "threads" };
    return kernel >= KERNEL_NAIVE && kernel <= KERNEL_COUNT ? names[kernel] : "?";
}

void gemm_set_threads(int threads) { n_threads = threads; }

int gemm_cores(void)
{
#ifdef _OPENMP
    return omp_get_num_procs();
#else
    return 1;
#endif
}

int gemm_threads(void) { return n_threads > 0 ? n_threads : gemm_cores(); }
#endif
