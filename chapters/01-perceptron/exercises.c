/*
 * Chapter 01 exercises: write the three functions of perceptron.h.
 *
 * Each body below is a stub that compiles but gives the wrong answer, so
 * `make ex01` fails until you fill it in. Read the chapter page (or
 * perceptron.h) for the maths, replace the TODO, and run `make ex01` again:
 * every exercise prints PASS or FAIL with what was expected.
 */
#include "perceptron.h"

double perc_net_input(int n, const double *x, const double *w, double b)
{
    // TODO: return b plus the sum over i of x[i] * w[i].
    // Hint: start from y_in = b and add one product per input.
    (void)n, (void)x, (void)w, (void)b;
    return 0.0;
}

double perc_step(double y_in)
{
    // TODO: return 1.0 when y_in >= 0 and -1.0 otherwise.
    // Hint: the tutorial's rule gives 1 at exactly 0.
    (void)y_in;
    return 0.0;
}

int perc_update(int n, const double *x, double t, double y, double lr, double *w, double *b,
                double *dw, double *db)
{
    // TODO: if y equals t, set every dw[i] and *db to 0 and return 0.
    // Otherwise set dw[i] = lr * t * x[i], add it to w[i], set *db = lr * t,
    // add it to *b, and return 1.
    // Hint: the changes are written to dw and db even when they are zero,
    // because the chapter's table prints them.
    (void)n, (void)x, (void)t, (void)y, (void)lr, (void)w, (void)b, (void)dw, (void)db;
    return -1;
}
