/**
 * @file loops.c
 * @brief Chapter 06: the loops a learner writes: i-k-j order, one cache tile, packing a panel.
 *
 * Written once over `real` (real.h): this file is the double kernels and,
 * included by loops_float.c, the float ones.
 */
#include "real.h"

//! [ikj]
void R(gemm_ikj)(const Gemm *g)
{
    for (int i = 0; i < g->m; i++) {
        for (int j = 0; j < g->n; j++)
            C_(g, i, j) = 0;
        for (int p = 0; p < g->k; p++) {
            const real a = A_(g, i, p);
            for (int j = 0; j < g->n; j++)      // row p of B into row i of C
                C_(g, i, j) += a * B_(g, p, j);
        }
    }
}
//! [ikj]

//! [tile]
void R(gemm_tile)(const Gemm *g, int i0, int i1, int j0, int j1, int p0, int p1)
{
    for (int i = i0; i < i1; i++)
        for (int p = p0; p < p1; p++) {
            const real a = A_(g, i, p);
            for (int j = j0; j < j1; j++)
                C_(g, i, j) += a * B_(g, p, j);
        }
}
//! [tile]

//! [pack_b]
void R(pack_b)(const Gemm *g, int p0, int kc, int j0, int nc, int nr, real *out)
{
    for (int s = 0; s < nc; s += nr) {          // one sliver of nr columns
        const int width = nc - s < nr ? nc - s : nr;    // of them inside B
        for (int p = p0; p < p0 + kc; p++) {    // ... row by row
            for (int j = 0; j < width; j++)
                out[j] = B_(g, p, j0 + s + j);
            for (int j = width; j < nr; j++)    // zeros past B's last column
                out[j] = 0;
            out += nr;
        }
    }
}
//! [pack_b]
