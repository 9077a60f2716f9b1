/*
 * Tests of chapter 12's layer norm exercise (layernorm.c). `make check` runs them
 * against the reference (must pass) and against the shipped stub (must fail);
 * `make ex12` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "../../common/rng.h"
#include "gpt.h"


enum { N = 3, E = 6 };     // (the suite ex12 and its time limit: test_attention.c)

/* E = sum u * layernorm(x; g, b). */
static double loss(const double *x, const double *g, const double *b, const double *u)
{
    double y[N * E], stats[2 * N], s = 0;
    layernorm_forward_f64(y, stats, x, g, b, N, E);
    for (int i = 0; i < N * E; i++)
        s += u[i] * y[i];
    return s;
}

Test(ex12, layernorm_backward)
{
    Rng r;
    rng_seed(&r, 9);
    double x[N * E], g[E], b[E], u[N * E], y[N * E], stats[2 * N], dx[N * E], dg[E], db[E];
    for (int i = 0; i < N * E; i++)
        x[i] = 2 * rng_normal(&r) + 1, u[i] = rng_normal(&r), dx[i] = 0.5;     // dx starts at 0.5: it adds
    for (int j = 0; j < E; j++)
        g[j] = 1 + 0.5 * rng_normal(&r), b[j] = rng_normal(&r), dg[j] = db[j] = 0.5;
    layernorm_forward_f64(y, stats, x, g, b, N, E);
    layernorm_backward_f64(dx, dg, db, u, x, stats, g, N, E);
    const double h = 1e-6;
    const char *names[3] = {"db", "dg", "dx"};
    double *vals[3] = {b, g, x}, *grads[3] = {db, dg, dx};
    const int sizes[3] = {E, E, N * E};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < sizes[k]; i++) {
            const double keep = vals[k][i];
            vals[k][i] = keep + h;
            const double up = loss(x, g, b, u);
            vals[k][i] = keep - h;
            const double numeric = (up - loss(x, g, b, u)) / (2 * h);
            vals[k][i] = keep;
            const double got = grads[k][i] - 0.5;
            cr_assert(fabs(got - numeric) < 1e-6 * fmax(1, fabs(numeric)), "%s[%d]: your gradient adds %.6f, the "
                      "finite difference says %.6f%s", names[k], i, got, numeric,
                      fabs(grads[k][i] - numeric) < 1e-6 * fmax(1, fabs(numeric)) ? " (overwritten, not added to?)"
                                                                                     : "");
        }
}
