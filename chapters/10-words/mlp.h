/**
 * @file chapters/10-words/mlp.h
 * @brief Chapter 10's model (Bengio et al., 2003): embeddings of the context, a tanh layer, softmax.
 *
 * For a batch of B contexts of N ids, with the notation of the chapter page:
 *
 *     X = embed(C, x)          B x nD    the rows of C (27 x D) of the n ids, side by side
 *     A = tanh(X W1 + b1)      B x H     W1 is nD x H
 *     Z = A W2 + b2            B x 27    logits; Y = softmax(Z)
 *     loss = mean over the batch of -log Y[k][y_k]     (chapter 04's cross-entropy)
 *
 * The parameters live in one array, in the order of the weight file (`C 27 D`,
 * `W1 nD H`, `b1 1 H`, `W2 H 27`, `b2 1 27`), so that one call of an optimiser
 * updates them all; the matrices are views into it.
 */
#ifndef CH10_MLP_H
#define CH10_MLP_H

#include <stddef.h>

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** The model's sizes. */
typedef struct {
    int context;    /**< n: characters of context */
    int embed;      /**< D: numbers per character in the table C */
    int hidden;     /**< H: tanh units */
} MlpShape;

/** The parameters (or their gradient: the same layout). */
typedef struct {
    MlpShape s;     /**< the sizes */
    double *p;      /**< every parameter, in the weight file's order */
    size_t n;       /**< how many */
    Mat C;          /**< the embedding table, 27 x D */
    Mat W1;         /**< nD x H */
    Mat b1;         /**< 1 x H */
    Mat W2;         /**< H x 27 */
    Mat b2;         /**< 1 x 27 */
} Mlp;

/** What the forward pass keeps for the backward pass, for batches of up to `capacity` contexts. */
typedef struct {
    int capacity;   /**< the largest batch */
    Mat X;          /**< the looked-up embeddings: the layer's input */
    Mat A;          /**< the tanh layer's output */
    Mat Z;          /**< the logits */
    Mat dZ;         /**< dloss/dZ, then the softmax Y on its way */
    Mat dA;         /**< dloss/dA, then dloss/d(X W1 + b1) */
    Mat dX;         /**< dloss/dX */
} MlpCache;

/** A model of this shape with every parameter 0 (see mlp_init()). */
Mlp mlp_new(MlpShape s);

/**
 * The starting weights: C standard normal; W1 normal with standard deviation
 * \f$\frac53 / \sqrt{nD}\f$ (the gain usually given to a tanh layer: it
 * makes up for the squashing, so that the outputs start with the size of the
 * inputs); W2 normal, 0.1 / sqrt(H), so that the first predictions
 * are nearly uniform; biases 0.
 */
void mlp_init(Mlp *m, Rng *rng);

/** Release a model. */
void mlp_free(Mlp *m);

/** The model's matrices under their names in the weight file (five). */
void mlp_params(const Mlp *m, Param p[5]);

/** A cache for batches of up to capacity contexts. */
MlpCache mlp_cache(const MlpShape *s, int capacity);

/** Release a cache. */
void mlp_cache_free(MlpCache *c);

/**
 * The forward pass on the B contexts x (B x n ids): the logits in c->Z;
 * with targets y, returns the mean cross-entropy (else 0).
 */
double mlp_forward(const Mlp *m, const int *x, const int *y, int B, MlpCache *c);

/**
 * The backward pass after mlp_forward() on the same batch: the gradient of
 * the mean loss into g (same shape as m, overwritten).
 */
void mlp_backward(const Mlp *m, const int *x, const int *y, int B, MlpCache *c, Mlp *g);

#endif
