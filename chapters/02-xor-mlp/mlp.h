/**
 * @file mlp.h
 * @brief Chapter 02: a network with one hidden layer of sigmoid units, trained by backpropagation.
 *
 * Shapes, for N samples with n inputs, H hidden units and one output:
 *
 *     X  N x n     W1 n x H   b1 1 x H     Z1, A1  N x H
 *                  W2 H x 1   b2 1 x 1     Z2, Y   N x 1
 *
 * Forward:  A1 = s(X W1 + b1),  Y = s(A1 W2 + b2).
 * Loss:     E = 1/2 sum (Y - T)^2.
 * Backward: d2 = (Y - T) * s'(Z2),  d1 = (d2 W2^T) * s'(Z1),  with s' = s (1 - s).
 * Update:   W2 -= lr A1^T d2,  b2 -= lr sum_rows d2,  W1 -= lr X^T d1,  b1 -= lr sum_rows d1.
 *
 * The functions declared here are the chapter's exercises (exercises.c).
 */
#ifndef CH02_MLP_H
#define CH02_MLP_H

#include "../../common/matrix.h"
#include "../../common/weights.h"

/** The sigmoid \f$s(z) = 1 / (1 + e^{-z})\f$. */
double sigmoid(double z);

/**
 * The sigmoid's derivative written with its output: if \f$y = s(z)\f$ then
 * \f$s'(z) = y (1 - y)\f$. This is the tutorial's `sigmoid_derivative(x)`,
 * which is given the output, not the net input.
 */
double sigmoid_prime_from_output(double y);

/** Everything a forward and backward pass computes, allocated once for N samples. */
typedef struct {
    Mat Z1;     /**< hidden net input X W1 + b1, N x H */
    Mat A1;     /**< hidden output s(Z1), N x H */
    Mat Z2;     /**< output net input A1 W2 + b2, N x 1 */
    Mat Y;      /**< output s(Z2), N x 1 */
    Mat d2;     /**< output delta dE/dZ2, N x 1 */
    Mat d1;     /**< hidden delta dE/dZ1, N x H */
    Mat sp1;    /**< s'(Z1) = A1 (1 - A1), N x H */
    Mat sp2;    /**< s'(Z2) = Y (1 - Y), N x 1 */
    Mat dW1;    /**< dE/dW1, n x H */
    Mat db1;    /**< dE/db1, 1 x H */
    Mat dW2;    /**< dE/dW2, H x 1 */
    Mat db2;    /**< dE/db2, 1 x 1 */
} MlpWork;

/** Allocate the work matrices for N samples and a network with these weights. */
MlpWork mlp_work_new(int N, const Weights *net);

/** Release what mlp_work_new() allocated. */
void mlp_work_free(MlpWork *ws);

/** The forward pass: fills ws->Z1, A1, Z2 and Y (the outputs) for the inputs X. */
void mlp_forward(const Weights *net, const Mat *X, MlpWork *ws);

/** The loss \f$E = \frac12 \sum (Y - T)^2\f$ of the outputs in ws->Y. */
double mlp_loss(const Mat *Y, const Mat *T);

/**
 * The backward pass, after mlp_forward() on the same X: fills the deltas
 * ws->d2, ws->d1 and the gradients ws->dW1, db1, dW2, db2 of E for targets T.
 */
void mlp_backward(const Weights *net, const Mat *X, const Mat *T, MlpWork *ws);

/**
 * One full-batch training step: forward, backward (fills the deltas and the
 * gradients in ws), then the update \f$W \leftarrow W - \eta\, \partial E / \partial W\f$.
 * Returns the loss E before the update.
 */
double mlp_train_step(Weights *net, const Mat *X, const Mat *T, double lr, MlpWork *ws);

#endif
