/**
 * @file network.h
 * @brief Chapter 04: a classifier of sigmoid hidden layers and a softmax output, trained on mini-batches.
 *
 * Layer l = 1..L computes \f$Z_l = A_{l-1} W_l + b_l\f$ on a batch of B samples
 * (\f$A_0 = X\f$, B x 784); hidden layers apply the sigmoid, \f$A_l = s(Z_l)\f$,
 * and the last applies softmax, \f$Y = A_L = \text{softmax}(Z_L)\f$ (B x 10).
 * With no hidden layer (L = 1) this is softmax regression. In C the layers
 * are counted from 0: `net->W[l]` is \f$W_{l+1}\f$.
 */
#ifndef CH04_NETWORK_H
#define CH04_NETWORK_H

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** What the forward pass keeps for the backward pass, for up to capacity samples. */
typedef struct {
    int L;                          /**< number of layers */
    int capacity;                   /**< the most samples a batch may have */
    Mat Z[WEIGHTS_MAX_LAYERS];      /**< Z[l]: net input of layer l+1, B x units */
    Mat A[WEIGHTS_MAX_LAYERS];      /**< A[l]: output of layer l+1, B x units; A[L-1] = Y */
    Mat dZ[WEIGHTS_MAX_LAYERS];     /**< dZ[l]: dE/dZ of layer l+1 in the backward pass */
    Mat Y;                          /**< the last batch's outputs: the first B rows of A[L-1] */
    Mat logits;                     /**< the last batch's Z_L: the first B rows of Z[L-1] */
} Cache;

/** Allocate a cache for batches of up to capacity samples through a network with net's shapes. */
Cache cache_new(int capacity, const Weights *net);

/** Release a cache. */
void cache_free(Cache *c);

/** The sigmoid \f$s(z) = 1 / (1 + e^{-z})\f$. */
double sigmoid(double z);

/** The forward pass of a batch X (B x inputs, B <= capacity); returns the softmax outputs Y (B x classes). */
const Mat *net_forward(const Weights *net, const Mat *X, Cache *c);

/**
 * The backward pass after net_forward() on the same X: fills grad with the
 * gradient of the batch's mean cross-entropy, \f$\partial E / \partial W_l\f$ and \f$\partial E / \partial b_l\f$.
 */
void net_backward(const Weights *net, const Mat *X, const int *labels, Cache *c, Weights *grad);

/** One step of mini-batch gradient descent on X: \f$W \leftarrow W - \eta\, \partial E / \partial W\f$. Returns the batch's loss before the step. */
double net_sgd_step(Weights *net, const Mat *X, const int *labels, double lr, Cache *c, Weights *grad);

#endif
