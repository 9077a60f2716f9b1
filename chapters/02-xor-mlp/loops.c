/**
 * @file loops.c
 * @brief The tutorial's training step, scalar by scalar.
 */
#include "loops.h"

#include <assert.h>
#include <math.h>

double loops_train_step(int N, int n, int H, const double *x, const double *t, double lr,
                        double *w1, double *b1, double *w2, double *b2)
{
    assert(N <= LOOPS_MAX && H <= LOOPS_MAX && n <= LOOPS_MAX);
    double a1[LOOPS_MAX][LOOPS_MAX], y[LOOPS_MAX], d2[LOOPS_MAX], d1[LOOPS_MAX][LOOPS_MAX];
    double E = 0.0;
    // forward, and the output delta, one sample at a time
    for (int k = 0; k < N; k++) {
        for (int j = 0; j < H; j++) {
            double z = b1[j];
            for (int i = 0; i < n; i++)
                z += x[k * n + i] * w1[i * H + j];
            a1[k][j] = 1.0 / (1.0 + exp(-z));
        }
        double z = *b2;
        for (int j = 0; j < H; j++)
            z += a1[k][j] * w2[j];
        y[k] = 1.0 / (1.0 + exp(-z));
        E += 0.5 * (y[k] - t[k]) * (y[k] - t[k]);
        d2[k] = (y[k] - t[k]) * y[k] * (1.0 - y[k]);
        for (int j = 0; j < H; j++) // the hidden delta uses W2 before its update
            d1[k][j] = d2[k] * w2[j] * a1[k][j] * (1.0 - a1[k][j]);
    }
    // the updates: each gradient sums over the samples
    for (int j = 0; j < H; j++) {
        double g2 = 0.0, gb1 = 0.0;
        for (int k = 0; k < N; k++) {
            g2 += a1[k][j] * d2[k];
            gb1 += d1[k][j];
        }
        w2[j] -= lr * g2;
        b1[j] -= lr * gb1;
        for (int i = 0; i < n; i++) {
            double g1 = 0.0;
            for (int k = 0; k < N; k++)
                g1 += x[k * n + i] * d1[k][j];
            w1[i * H + j] -= lr * g1;
        }
    }
    double gb2 = 0.0;
    for (int k = 0; k < N; k++)
        gb2 += d2[k];
    *b2 -= lr * gb2;
    return E;
}
