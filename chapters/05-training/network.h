/**
 * @file network.h
 * @brief Chapter 05: a classifier of any depth with a choice of hidden units, initialisation,
 *        dropout, weight decay and optimiser.
 *
 * Layer l = 1..L computes \f$Z_l = A_{l-1} W_l + b_l\f$ on a batch of B samples
 * (\f$A_0 = X\f$). Hidden layers apply the activation \f$f\f$ (sigmoid, tanh or
 * ReLU) and, while training with dropout, a mask: \f$A_l = f(Z_l) \odot M_l\f$.
 * The last layer applies softmax. The loss is chapter 04's mean cross-entropy
 * plus, with weight decay \f$\lambda\f$, \f$\frac{\lambda}{2} \sum_l \| W_l \|^2\f$
 * (the biases are not decayed). In C the layers are counted from 0.
 */
#ifndef CH05_NETWORK_H
#define CH05_NETWORK_H

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** The hidden units' activation. */
typedef enum { ACT_SIGMOID, ACT_TANH, ACT_RELU } Act;

/** How the weights start. */
typedef enum { INIT_NORMAL, INIT_GLOROT, INIT_HE } Init;

/** What the forward and backward passes need besides the weights. */
typedef struct {
    Act act;                /**< hidden units */
    double dropout;         /**< probability p of dropping a hidden unit while training (0: none) */
    double weight_decay;    /**< lambda of the L2 term in the loss (0: none) */
} NetConfig;

/** What the forward pass keeps for the backward pass, for up to capacity samples. */
typedef struct {
    int L;                          /**< number of layers */
    int capacity;                   /**< the most samples a batch may have */
    Mat Z[WEIGHTS_MAX_LAYERS];      /**< Z[l]: net input of layer l+1 */
    Mat A[WEIGHTS_MAX_LAYERS];      /**< A[l]: f(Z[l]) for hidden layers, softmax for the last */
    Mat M[WEIGHTS_MAX_LAYERS];      /**< M[l]: dropout mask of hidden layer l+1 */
    Mat D[WEIGHTS_MAX_LAYERS];      /**< D[l]: A[l] * M[l], what the next layer sees when dropping */
    Mat dZ[WEIGHTS_MAX_LAYERS];     /**< dZ[l]: dE/dZ of layer l+1 in the backward pass */
    int dropped;                    /**< 1 when the last forward pass used masks */
    Mat Y;                          /**< the last batch's outputs: the first B rows of A[L-1] */
    Mat logits;                     /**< the last batch's Z_L */
} Cache;

/** Allocate a cache for batches of up to capacity samples through a network with net's shapes. */
Cache cache_new(int capacity, const Weights *net);

/** Release a cache. */
void cache_free(Cache *c);

/**
 * Initial weights, layer by layer, row by row; biases 0. normal: \f$N(0, 1)\f$
 * (chapter 02's tutorial); glorot: uniform in \f$\pm\sqrt{6 / (n_{in} + n_{out})}\f$;
 * he: \f$N(0, 2 / n_{in})\f$ (init_he()).
 */
void net_init(Weights *net, Init init, Rng *rng);

/** The activation's name ("sigmoid", "tanh", "relu"). */
const char *act_name(Act act);

/** The initialisation's name ("normal", "glorot", "he"). */
const char *init_name(Init init);

/**
 * The forward pass of a batch X (B x inputs, B <= capacity); returns the
 * softmax outputs Y. With rng (training) and cfg->dropout > 0 the hidden
 * layers' outputs are masked with new masks; with rng NULL (testing) no unit is dropped.
 */
const Mat *net_forward(const Weights *net, const NetConfig *cfg, const Mat *X, Cache *c, Rng *rng);

/** The loss of the last forward pass: mean cross-entropy plus the weight-decay term. */
double net_loss(const Weights *net, const NetConfig *cfg, const Cache *c, const int *labels);

/**
 * The backward pass after net_forward() on the same X (and the same masks):
 * fills grad with \f$\partial E / \partial W_l\f$ and \f$\partial E / \partial b_l\f$ of net_loss().
 */
void net_backward(const Weights *net, const NetConfig *cfg, const Mat *X, const int *labels, Cache *c,
                  Weights *grad);

/** The optimisers. */
typedef enum { OPT_SGD, OPT_MOMENTUM, OPT_ADAM } OptKind;

/** An optimiser and its state: one velocity (momentum) or two moments (Adam) per parameter. */
typedef struct {
    OptKind kind;           /**< which update */
    double mu;              /**< momentum */
    double beta1;           /**< Adam's decay rate of the gradient's running mean */
    double beta2;           /**< Adam's decay rate of the gradient's running mean square */
    double eps;             /**< Adam's guard against dividing by 0 */
    long t;                 /**< steps taken */
    Weights m;              /**< Adam's first moment, shaped like the network */
    Weights v;              /**< momentum's velocity, or Adam's second moment */
} Optimizer;

/** An optimiser for net with zero state. */
Optimizer opt_new(OptKind kind, const Weights *net, double mu, double beta1, double beta2, double eps);

/** Release an optimiser's state. */
void opt_free(Optimizer *o);

/** The optimiser's name ("sgd", "momentum", "adam"). */
const char *opt_name(OptKind kind);

/** One update of every parameter of net from its gradient, with learning rate lr. */
void opt_step(Optimizer *o, Weights *net, const Weights *grad, double lr);

/** The learning-rate schedules. */
typedef enum { SCHED_CONSTANT, SCHED_STEP, SCHED_COSINE } Schedule;

/** The schedule's name ("constant", "step", "cosine"). */
const char *schedule_name(Schedule s);

/**
 * The learning rate for epoch e = 0 .. epochs-1: constant lr; step: lr, then
 * lr/10 from half way and lr/100 from three quarters; cosine:
 * \f$\eta \cdot \frac12 (1 + \cos(\pi e / E))\f$.
 */
double schedule_lr(Schedule s, double lr, long e, long epochs);

#endif
