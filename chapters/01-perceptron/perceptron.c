/**
 * @file perceptron.c
 * @brief Chapter 01's reference implementation (the solutions of the exercises).
 */
#include "perceptron.h"

//! [net_input]
double perc_net_input(int n, const double *x, const double *w, double b)
{
    double y_in = b;
    for (int i = 0; i < n; i++)
        y_in += x[i] * w[i];
    return y_in;
}
//! [net_input]

//! [step]
double perc_step(double y_in)
{
    return y_in >= 0.0 ? 1.0 : -1.0;
}
//! [step]

//! [update]
int perc_update(int n, const double *x, double t, double y, double lr, double *w, double *b,
                double *dw, double *db)
{
    if (y == t) { // right answer: the rule leaves the weights alone
        for (int i = 0; i < n; i++)
            dw[i] = 0.0;
        *db = 0.0;
        return 0;
    }
    // Wrong answer: move w along t x. The new net input for this sample grows
    // by eta t (|x|^2 + 1), i.e. towards the side of the target t.
    for (int i = 0; i < n; i++) {
        dw[i] = lr * t * x[i];
        w[i] += dw[i];
    }
    *db = lr * t;
    *b += *db;
    return 1;
}
//! [update]
