/**
 * @file loops.h
 * @brief Chapter 02's algorithm once more, as plain scalar loops with no matrix module.
 *
 * This is the tutorial's numpy step written out index by index. It is the
 * independent reference the tests compare mlp_train_step() with, and the
 * hand-written baseline `make bench` times the matrix version against.
 */
#ifndef CH02_LOOPS_H
#define CH02_LOOPS_H

/** The most samples and hidden units the loop version handles. */
#define LOOPS_MAX 64

/**
 * One training step of an n-H-1 sigmoid network on N samples, in place.
 * x is N x n row-major, t has N targets; w1 is n x H, b1 H, w2 H, b2 one.
 * Returns the loss E = 1/2 sum (y - t)^2 before the update.
 */
double loops_train_step(int N, int n, int H, const double *x, const double *t, double lr,
                        double *w1, double *b1, double *w2, double *b2);

#endif
