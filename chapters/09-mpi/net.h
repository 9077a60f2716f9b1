/**
 * @file net.h
 * @brief Chapter 09: chapter 04's network, with every parameter in one array.
 *
 * D-H-10 (or D-10 with no hidden layer), D an image's pixels (784 for
 * Fashion-MNIST's 28 x 28): sigmoid hidden units, softmax output,
 * cross-entropy. The weights and biases live one after another in one array
 * of doubles, W1 b1 W2 b2, and the gradient in another of the same layout:
 * one MPI call moves all of it. `net.w` and `net.g` are the course's
 * Weights, whose matrices look into those arrays, so that the matrix module,
 * the weight files and the code of chapter 04 all apply.
 */
#ifndef CH09_NET_H
#define CH09_NET_H

#include <stddef.h>

#include "../../common/matrix.h"
#include "../../common/weights.h"

/**
 * The gradient array has room for this many numbers after the gradient: a
 * share's loss and its right answers travel in the same message.
 */
#define NET_EXTRA 2

/** The parameters, their gradient, and the work space of one share of a batch. */
typedef struct {
    int L;              /**< weight layers: 2 (D-H-10) or 1 (D-10) */
    size_t n;           /**< number of parameters */
    double *params;     /**< every weight and bias, W1 b1 W2 b2 */
    double *grad;       /**< the gradient, in the same layout, then #NET_EXTRA numbers more */
    Weights w;          /**< the parameters as matrices (views into params: never weights_free() them) */
    Weights g;          /**< the gradient as matrices (views into grad) */
    int capacity;       /**< the most rows a share may have */
    Mat Z1;             /**< the hidden layer's net input, capacity rows */
    Mat A1;             /**< the hidden layer's output s(Z1) */
    Mat Z2;             /**< the logits */
    Mat Y;              /**< softmax(Z2) */
    Mat dZ1;            /**< the backward pass: dE/dZ1 */
    Mat dZ2;            /**< the backward pass: dE/dZ2 = Y - T */
} Net;

/** A network of sizes[0..L] (inputs, [hidden,] classes) with zero weights and work space for capacity rows. */
Net net_new(int L, const int *sizes, int capacity);

/** Release a network. */
void net_free(Net *net);

/**
 * Weights whose matrices look into flat, net->n numbers in the parameters'
 * layout (W1 b1 W2 b2): how the gradient and the momentum's velocity are seen
 * as matrices. Never weights_free() them.
 */
Weights net_views(const Net *net, double *flat);

/** Copy weights of the same shapes into the network (from a file or an initialisation). */
void net_set(Net *net, const Weights *from);

/**
 * The forward pass of the rows X (at most capacity) with classes labels:
 * returns the **sum** of their cross-entropies and adds the number of rows
 * whose largest output is their class to *correct.
 */
double net_forward(Net *net, const Mat *X, const int *labels, int *correct);

/**
 * After net_forward() on the same X: net->grad = the **sum** over the rows of
 * the gradient of each row's cross-entropy (not yet divided by the batch size).
 */
void net_backward(Net *net, const Mat *X, const int *labels);

#endif
