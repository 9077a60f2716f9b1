/**
 * @file network.h
 * @brief Chapter 07: a convolutional network described by a string, and its forward and
 *        backward passes on a batch.
 *
 * `--arch c8k5-p2-c16k5-p2-f10` reads: a convolution with 8 output channels and
 * 5x5 kernels ("valid": no padding; `c8k5s` pads to keep the size, "same"),
 * 2x2 max-pooling, another convolution, pooling, and a fully connected layer
 * of 10 outputs. Every convolution and every fully connected layer but the
 * last is followed by a ReLU; the last is the output, followed by softmax and
 * the mean cross-entropy. Layers with weights are numbered from 1 in order
 * (the weight file's K1 b1 K2 b2 W3 b3 for the example).
 */
#ifndef CH07_NETWORK_H
#define CH07_NETWORK_H

#include <stddef.h>

#include "../../common/idx.h"
#include "../../common/rng.h"
#include "../../common/weights.h"
#include "conv.h"

/** The most layers an --arch string may have. */
#define ARCH_MAX 16

/** What a layer does. */
typedef enum { LAYER_CONV, LAYER_POOL, LAYER_FC } LayerKind;

/** One layer and the shape of what it reads and writes (C channels of H x W; a vector is C x 1 x 1). */
typedef struct {
    LayerKind kind;     /**< convolution, 2x2 max-pooling or fully connected */
    int relu;           /**< 1: a ReLU follows it */
    ConvShape conv;     /**< a convolution's shape (C, H, W are its input) */
    int in_c;           /**< input channels */
    int in_h;           /**< input rows */
    int in_w;           /**< input columns */
    int out_c;          /**< output channels (a fully connected layer: outputs) */
    int out_h;          /**< output rows (1 for a fully connected layer) */
    int out_w;          /**< output columns (1 for a fully connected layer) */
    int param;          /**< index of its weights in a Weights (0, 1, ...), -1 for pooling */
} Layer;

/** A network's layers, from the input image to the logits. */
typedef struct {
    int n;                      /**< number of layers */
    int n_params;               /**< layers with weights */
    Layer layer[ARCH_MAX];      /**< the layers in order */
} Arch;

/**
 * Parse an --arch string for images of C channels of H x W and `classes`
 * outputs. Returns 0, or -1 with a one-line message in err that names the bad
 * token (an unknown layer, a size that leaves nothing, a last layer that is
 * not f<classes>).
 */
int arch_parse(Arch *a, const char *text, int C, int H, int W, int classes, char *err, size_t errlen);

/** Numbers in layer l's output for one sample (l = -1: the input image). */
int arch_size(const Arch *a, int l);

/** Allocate the weights for arch (all zero): kernels as 'K' layers, fully connected as 'W'. */
void arch_weights(const Arch *a, Weights *w);

/** He's start: N(0, 2 / fan-in) weights (fan-in C k k or the inputs), zero biases. */
void arch_init(const Arch *a, Weights *w, Rng *rng);

/** Returns 0 if w's shapes are arch's; else -1 with a message naming the first layer that differs. */
int arch_check_weights(const Arch *a, const Weights *w, char *err, size_t errlen);

/** What the forward pass keeps for the backward pass, for batches of up to `capacity` samples. */
typedef struct {
    int capacity;               /**< the most samples in a batch */
    double *act[ARCH_MAX + 1];  /**< act[0] the input, act[l+1] layer l's output (after its ReLU) */
    int *argmax[ARCH_MAX];      /**< a pooling layer's winners */
    double *grad[2];            /**< two work arrays for dE/d(activation) going backwards, a batch's */
    double *img[2];             /**< the same for one image, inside a run of convolutions and pooling */
    double *cols;               /**< one image's unfolded input (im2col), for the largest convolution */
    double *dcols;              /**< the gradient of those columns, the same size */
} Cache;

/** A cache for batches of up to capacity samples. */
Cache cache_new(const Arch *a, int capacity);
/** Release a cache. */
void cache_free(Cache *c, const Arch *a);

/**
 * The images order[start], order[start+1], ... of s, at most B and fewer at
 * the end of the set, into the cache's input c->act[0] (pixel / 255), their
 * classes into labels (idx_gather()). Returns how many.
 */
int cache_gather(Cache *c, const ImageSet *s, const int *order, int start, int B, int *labels);

/**
 * The forward pass of the B samples in c->act[0] (B x C H W): every layer's
 * output in c->act; returns the logits, B x classes. `direct`: convolutions by
 * their definition instead of im2col (slower; the same numbers to rounding).
 */
const double *net_forward(const Arch *a, const Weights *w, Cache *c, int B, int direct);

/**
 * The mean cross-entropy of the batch of B samples from its logits Z (B x K),
 * and, when dZ is not NULL, its gradient (softmax - one-hot) / B into dZ
 * (B x K): chapter 04's lesson, from common/loss.h.
 */
double net_loss(const double *Z, const int *labels, int B, int K, double *dZ);

/**
 * The backward pass after net_forward(): from dZ = dE/dlogits, the gradient
 * of every weight and bias into g (overwritten), layer by layer.
 */
void net_backward(const Arch *a, const Weights *w, Cache *c, int B, const double *dZ, Weights *g);

/**
 * The gradient of the mean cross-entropy over every image of s at w, into g
 * (allocated here, shaped like w): chunks of up to `chunk` images through
 * net_forward() and net_backward(), each chunk's mean gradient weighted by
 * its share of the images, B / n.
 */
void net_gradient_set(const Arch *a, const Weights *w, const ImageSet *s, int chunk, int direct, Weights *g);

#endif
