/*
 * Chapter 06 exercises: write the three loops of loops.c.
 *
 * Each body below is a stub that compiles but leaves C (or the packed panel)
 * as it was, so `make ex06` fails until you fill it in. The page explains
 * each under the name given in its TODO. Read the matrices through the
 * macros of real.h, A_(g, i, p), B_(g, p, j) and C_(g, i, j): they follow
 * the strides, so that your loop works for transposed matrices too.
 * This file is compiled as double (the _d functions); the tests check those.
 */
#include "real.h"

void R(gemm_ikj)(const Gemm *g)
{
    // TODO: kernel 2, section "Kernel 2: loop order". C = op(A) op(B) with the loops i, p, j.
    // Hint: C holds garbage at the start; and the inner loop should walk a row.
    (void)g;
}

void R(gemm_tile)(const Gemm *g, int i0, int i1, int j0, int j1, int p0, int p1)
{
    // TODO: one tile of kernel 3, section "Kernel 3: cache blocking": add to C's rows [i0, i1)
    // and columns [j0, j1) the terms p in [p0, p1) of the sums, loops i, p, j.
    // Hint: the caller has zeroed C already; add, do not overwrite.
    (void)g, (void)i0, (void)i1, (void)j0, (void)j1, (void)p0, (void)p1;
}

void R(pack_b)(const Gemm *g, int p0, int kc, int j0, int nc, int nr, real *out)
{
    // TODO: section "Kernel 4: packing and a register-blocked micro-kernel": copy rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B)
    // into slivers of nr columns, each sliver row by row, zeros past column j0 + nc.
    // Hint: out is written in order, one number after another, never skipping;
    // pack_a in gemm.c is the same thing turned on its side.
    (void)g, (void)p0, (void)kc, (void)j0, (void)nc, (void)nr, (void)out;
}
