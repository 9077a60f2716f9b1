/**
 * @file share.c
 * @brief Chapter 09's reference implementation of its exercises.
 */
#include "share.h"

//! [share_of]
void share_of(int B, int P, int r, int *first, int *count)
{
    const int base = B / P, extra = B % P;          // the first `extra` ranks take one more
    *count = base + (r < extra);
    *first = r * base + (r < extra ? r : extra);    // the shares of ranks 0 .. r-1 come before
}
//! [share_of]

//! [average]
void average(double *g, size_t n, int B)
{
    const double inv_B = 1.0 / B;
    for (size_t i = 0; i < n; i++)
        g[i] *= inv_B;          // E = (1/B) sum_k e_k, so dE/dw = (1/B) sum_k de_k/dw
}
//! [average]

//! [ring]
double ring_allreduce_seconds(double bytes, int P, double latency, double bandwidth)
{
    // reduce-scatter then allgather: 2 (P - 1) steps, each sending a P-th of the data to a neighbour
    return 2.0 * (P - 1) * (latency + bytes / P / bandwidth);
}
//! [ring]
