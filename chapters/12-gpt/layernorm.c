/**
 * @file chapters/12-gpt/layernorm.c
 * @brief Layer normalisation, forward and backward (in either precision: see real.h).
 */
#include <tgmath.h>

#include "../../common/gemm.h"
#include "gpt.h"

//! [layernorm_forward]
void R(layernorm_forward)(real *y, real *stats, const real *x, const real *g, const real *b, int N, int E)
{
    const int threads = gemm_thread_count();
#pragma omp parallel for num_threads(threads) if (threads > 1 && N > 1) schedule(static)
    for (int i = 0; i < N; i++) {               // row by row: the rows are independent
        const real *xi = x + (size_t)i * E;
        real *yi = y + (size_t)i * E;
        real mu = 0, var = 0;
        for (int j = 0; j < E; j++)
            mu += xi[j];
        mu /= E;
        for (int j = 0; j < E; j++)
            var += (xi[j] - mu) * (xi[j] - mu);
        const real r = 1 / sqrt(var / E + (real)1e-5);
        for (int j = 0; j < E; j++)
            yi[j] = g[j] * ((xi[j] - mu) * r) + b[j];
        stats[2 * i] = mu, stats[2 * i + 1] = r;
    }
}
//! [layernorm_forward]

//! [layernorm_backward]
void R(layernorm_backward)(real *dx, real *dg, real *db, const real *dy, const real *x, const real *stats,
                           const real *g, int N, int E)
{
    for (int i = 0; i < N; i++) {
        const real *xi = x + (size_t)i * E, *dyi = dy + (size_t)i * E;
        real *dxi = dx + (size_t)i * E;
        const real mu = stats[2 * i], r = stats[2 * i + 1];
        real mean_d = 0, mean_dx = 0;               // mean(dx-hat), mean(dx-hat * x-hat) over the row
        for (int j = 0; j < E; j++) {
            const real xhat = (xi[j] - mu) * r, dxhat = dyi[j] * g[j];
            dg[j] += dyi[j] * xhat;                 // y = g x-hat + b
            db[j] += dyi[j];
            mean_d += dxhat, mean_dx += dxhat * xhat;
        }
        mean_d /= E, mean_dx /= E;
        for (int j = 0; j < E; j++) {
            const real xhat = (xi[j] - mu) * r;
            dxi[j] += r * (dyi[j] * g[j] - mean_d - xhat * mean_dx);
        }
    }
}
//! [layernorm_backward]
