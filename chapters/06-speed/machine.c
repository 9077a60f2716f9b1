/**
 * @file machine.c
 * @brief Chapter 06: the roofline's two numbers, measured: peak GFLOP/s and GB/s.
 *
 * The peak is written once over `real` (real.h): this file is the double
 * version and, included by machine_float.c, the float one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/timing.h"
#include "machine.h"
#include "real.h"

//! [peak]
// ACC independent chains, each acc = acc * x + y on a whole vector: a fused
// multiply-add takes several cycles, so one chain would wait for itself; with
// enough chains every FMA unit starts a new one each cycle.
enum { ACC = 12, PEAK_STEPS = 1 << 14 };

double R(peak_gflops)(double seconds)
{
    vec acc[ACC], x, y;
    for (int v = 0; v < VL; v++)
        x[v] = (real)0.999999, y[v] = (real)1e-6;   // acc tends to 1: never overflows
    for (int a = 0; a < ACC; a++)
        acc[a] = y * (real)a;
    double best = INFINITY;                         // the fastest burst of PEAK_STEPS steps
    const double t0 = timing_now();
    do {
        const double t = timing_now();
        for (int s = 0; s < PEAK_STEPS; s++)
#pragma GCC unroll ACC
            for (int a = 0; a < ACC; a++)
                acc[a] = acc[a] * x + y;
        const double dt = timing_now() - t;
        best = dt < best ? dt : best;
    } while (timing_now() - t0 < seconds);
    real sum = 0;                                   // use the results, or no work need be done
    for (int a = 0; a < ACC; a++)
        for (int v = 0; v < VL; v++)
            sum += acc[a][v];
    return sum > 0 && best > 0 ? 2.0 * VL * ACC * PEAK_STEPS / best / 1e9 : 0;
}
//! [peak]

#ifndef GEMM_FLOAT
//! [triad]
double triad_gbs(long bytes, double seconds)
{
    const long n = bytes / 24 > 1 ? bytes / 24 : 1;
    double *a = nn_alloc(3 * (size_t)n, sizeof(double), "the triad's three arrays"), *b = a + n, *c = b + n, best = 0;
    for (long i = 0; i < n; i++)
        a[i] = 0, b[i] = 1, c[i] = 2;
    const double t0 = timing_now();
    do {
        const double t = timing_now();
        for (long i = 0; i < n; i++)
            a[i] = b[i] + 0.5 * c[i];
        const double dt = timing_now() - t;
        if (dt > 0 && 24.0 * n / dt > best)
            best = 24.0 * n / dt;
        b[n / 2] = a[n / 3];                        // each pass depends on the last
    } while (timing_now() - t0 < seconds);
    free(a);
    return best / 1e9;
}
//! [triad]
#endif
