/**
 * @file nets.h
 * @brief Chapter 08: the course's networks written with the two engines.
 *
 * On scalars: one tanh neuron, and a sigmoid network of any sizes on one
 * sample, every weight a node. On the tape: chapters 02–04's networks, a
 * layer \f$Z_l = A_{l-1} W_l + b_l\f$ at a time, sigmoid hidden layers, and
 * either a sigmoid output with \f$E = \frac12 \sum (Y - T)^2\f$ (chapters 02
 * and 03) or a softmax output with the mean cross-entropy (chapter 04).
 * Nothing here says how to differentiate: the engines know.
 */
#ifndef CH08_NETS_H
#define CH08_NETS_H

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "tape.h"
#include "value.h"

/** The leaves and nodes of the neuron \f$o = \tanh(x_1 w_1 + x_2 w_2 + b)\f$. */
typedef struct {
    Value *x1;  /**< input 1, a leaf */
    Value *x2;  /**< input 2, a leaf */
    Value *w1;  /**< weight 1, a leaf */
    Value *w2;  /**< weight 2, a leaf */
    Value *b;   /**< the bias, a leaf */
    Value *n;   /**< the net input \f$x_1 w_1 + x_2 w_2 + b\f$ */
    Value *o;   /**< the output \f$\tanh n\f$ */
} Neuron;

/** The neuron on the graph g with inputs x, weights w and bias b (9 nodes). */
Neuron scalar_neuron(Graph *g, const double x[2], const double w[2], double b);

/** The most units a layer of scalar_mlp_loss() may have: a graph of scalars is for small networks. */
#define SCALAR_MAX_UNITS 64

/**
 * The loss \f$E = \frac12 \sum_j (y_j - t_j)^2\f$ of a sigmoid network with
 * net's weights on one sample x (inputs) with targets t, every weight and
 * bias a leaf of g: leaves[] receives them in the weight file's order
 * (W1 row by row, b1, W2, ...), each named like `W1[1,2]`.
 */
Value *scalar_mlp_loss(Graph *g, const Weights *net, const double *x, const double *t, Value **leaves);

/** The nodes of one step on the tape: each parameter's node, and the outputs. */
typedef struct {
    Node *W[WEIGHTS_MAX_LAYERS];    /**< W[l]: the node of net->W[l] */
    Node *b[WEIGHTS_MAX_LAYERS];    /**< b[l]: the node of net->b[l] */
    Node *out;                      /**< the network's outputs Y (sigmoid output) or logits Z_L (softmax) */
    Node *loss;                     /**< the 1 x 1 loss */
} Step;

/**
 * Chapters 02 and 03's network on the tape, on the inputs X (N x n) with
 * targets T: sigmoid layers, \f$E = \frac12 \sum (Y - T)^2\f$ over samples and outputs.
 */
Step tape_squared_error(Tape *t, Weights *net, const Mat *X, const Mat *T);

/**
 * Chapter 04's network on the tape, on a batch X (B x 784) with classes
 * labels: sigmoid hidden layers, softmax output, the mean cross-entropy.
 */
Step tape_cross_entropy(Tape *t, Weights *net, const Mat *X, const int *labels);

/** After tape_backward(s->loss): copy every parameter's gradient into grad (shaped like the network). */
void step_gradients(const Step *s, Weights *grad);

/** After tape_backward(s->loss): the update \f$W \leftarrow W - \eta\, \partial E / \partial W\f$ of every parameter. */
void step_update(const Step *s, Weights *net, double lr);

/**
 * The tape's gradient of \f$E = \frac12 \sum (Y - T)^2\f$ over the whole of
 * X, T (one step of tape_squared_error()) at net's weights, into grad
 * (allocated here, shaped like net).
 */
void squared_error_gradient(Weights *net, const Mat *X, const Mat *T, Weights *grad);

/**
 * The tape's gradient of the mean cross-entropy over every image of s at
 * net's weights, into grad (allocated here, shaped like net): chunks of up to
 * `chunk` images, each chunk's mean gradient weighted by its share of the
 * images, B / n (chapter 04's way, so that the two agree).
 */
void cross_entropy_gradient(Weights *net, const ImageSet *s, int chunk, Weights *grad);

#endif
