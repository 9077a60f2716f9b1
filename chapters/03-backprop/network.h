/**
 * @file network.h
 * @brief Chapter 03: a fully connected sigmoid network of any depth, on the matrix module.
 *
 * Layer l = 1..L computes \f$Z_l = A_{l-1} W_l + b_l\f$ and \f$A_l = s(Z_l)\f$
 * with \f$A_0 = X\f$ (N samples, one per row) and \f$A_L = Y\f$. In C the layers
 * are counted from 0: `net->W[l]` is \f$W_{l+1}\f$ and `c->A[l]` is \f$A_{l+1}\f$.
 */
#ifndef CH03_NETWORK_H
#define CH03_NETWORK_H

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** The sigmoid \f$s(z) = 1 / (1 + e^{-z})\f$. */
double sigmoid(double z);

/** What the forward pass keeps for the backward pass, for N samples. */
typedef struct {
    int L;                          /**< number of layers */
    Mat Z[WEIGHTS_MAX_LAYERS];      /**< Z[l] = net input of layer l+1, N x units */
    Mat A[WEIGHTS_MAX_LAYERS];      /**< A[l] = output of layer l+1, N x units; A[L-1] = Y */
    Mat dA[WEIGHTS_MAX_LAYERS];     /**< dA[l] = dE/dA[l], becomes delta of layer l+1 in the backward pass */
} Cache;

/** Allocate a cache for N samples through a network with net's shapes. */
Cache cache_new(int N, const Weights *net);

/** Release a cache. */
void cache_free(Cache *c);

/** The forward pass through every layer; returns the outputs Y (the cache's last A). */
const Mat *net_forward(const Weights *net, const Mat *X, Cache *c);

/** The loss \f$E = \frac12 \sum (Y - T)^2\f$ over samples and outputs. */
double net_loss(const Mat *Y, const Mat *T);

/**
 * The backward pass after net_forward() on the same X: fills grad (shaped
 * like net) with \f$\partial E / \partial W_l\f$ and \f$\partial E / \partial b_l\f$.
 */
void net_backward(const Weights *net, const Mat *X, const Mat *T, Cache *c, Weights *grad);

/** One full-batch step of gradient descent; returns E before the update. */
double net_train_step(Weights *net, const Mat *X, const Mat *T, double lr, Cache *c, Weights *grad);

#endif
