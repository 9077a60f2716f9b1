/**
 * @file backprop.h
 * @brief Chapter 03: one layer forward and backward, and the gradient check's two pieces.
 *
 * These are the chapter's exercises (exercises.c).
 */
#ifndef CH03_BACKPROP_H
#define CH03_BACKPROP_H

#include "network.h"

/**
 * One sigmoid layer forward: \f$Z = A_{prev} W + b\f$, \f$A = s(Z)\f$.
 * Shapes: A_prev N x in, W in x out, b 1 x out, Z and A N x out.
 */
void layer_forward(Mat *Z, Mat *A, const Mat *A_prev, const Mat *W, const Mat *b);

/**
 * One sigmoid layer backward. On entry dA holds \f$\partial E / \partial A\f$
 * for this layer's output A; on return it holds the layer's
 * \f$\delta = \partial E / \partial Z = \partial E / \partial A \odot A \odot (1 - A)\f$.
 * Fills \f$\partial E / \partial W = A_{prev}^T \delta\f$,
 * \f$\partial E / \partial b = \sum_{rows} \delta\f$ and, unless dA_prev is NULL
 * (the first layer), \f$\partial E / \partial A_{prev} = \delta W^T\f$.
 */
void layer_backward(Mat *dA_prev, Mat *dW, Mat *db, Mat *dA, const Mat *A_prev, const Mat *W,
                    const Mat *A);

/**
 * The central difference \f$(E(p + \varepsilon) - E(p - \varepsilon)) / 2\varepsilon\f$
 * for element i of one parameter matrix p of net (p points into net), over
 * inputs X and targets T, using cache c for the forward passes. p is restored.
 */
double numerical_gradient(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c);

/**
 * The relative error \f$|a - n| / \max(|a|, |n|, \tau)\f$ of an analytic
 * gradient a against a numerical one n. The floor \f$\tau\f$ (tiny) keeps
 * gradients that are about zero from dividing by about zero: below it, the
 * difference is measured against \f$\tau\f$ instead.
 */
double relative_error(double a, double n, double tiny);

#endif
