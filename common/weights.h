/**
 * @file weights.h
 * @brief A network's weights (or their gradients) and their plain-text file format.
 *
 * Layer l (counted from 1) computes `A W_l + b_l` on a matrix A with one
 * sample per row: W_l is (units in) x (units out) and b_l is 1 x (units out).
 * On disk, each matrix is a header line `name rows cols` followed by one
 * line of numbers per row, printed with `%.17g` so that reading gives back
 * the same doubles; lines that start with '#' are comments:
 *
 *     # ch02 weights after 5000 epochs
 *     W1 2 3
 *     0.5 -0.25 1
 *     -1 0.125 0.75
 *     b1 1 3
 *     0 0 0
 *     W2 3 1
 *     ...
 *
 * A gradient file has the same form and holds dE/dW_l and dE/db_l.
 */
#ifndef NN_WEIGHTS_H
#define NN_WEIGHTS_H

#include "matrix.h"
#include "rng.h"

/** The most layers a network of the course may have. */
#define WEIGHTS_MAX_LAYERS 32
/** The most units a layer of the course may have. */
#define WEIGHTS_MAX_UNITS 100000

/**
 * The parameters of a network: W[l] and b[l] for l = 0..n_layers-1 (layer l+1 on disk).
 * A fully connected layer (kind 'W', the default) is as above; a convolution
 * (kind 'K', chapter 07) stores its kernels as W[l], out channels x (in channels k k),
 * named `K<l>` on disk, and one bias per out channel.
 */
typedef struct {
    int n_layers;                   /**< number of weight layers L */
    Mat W[WEIGHTS_MAX_LAYERS];      /**< W[l] is sizes[l] x sizes[l+1] (or a convolution's kernels) */
    Mat b[WEIGHTS_MAX_LAYERS];      /**< b[l] is 1 x sizes[l+1] (or 1 x out channels) */
    char kind[WEIGHTS_MAX_LAYERS];  /**< 'K' for a convolution; 'W' or 0 for fully connected */
} Weights;

/**
 * Allocate zero weights for layer sizes sizes[0..n_layers] (inputs, hidden
 * sizes..., outputs): W[l] is sizes[l] x sizes[l+1]. The sizes must be valid.
 */
void weights_alloc(Weights *w, int n_layers, const int *sizes);

/** Allocate zero weights with the same shapes as like (e.g. for gradients). */
void weights_alloc_like(Weights *w, const Weights *like);

/** Release weights made by weights_alloc(), weights_alloc_like() or weights_read(). */
void weights_free(Weights *w);

/**
 * Glorot's initialisation, as chapters 02-04 draw it: every W[l] uniform in
 * \f$\pm\sqrt{6 / (\text{fan}_{in} + \text{fan}_{out})}\f$ (its rows + cols),
 * layer by layer, row by row, from rng; every b[l] 0. The same seed gives the
 * same weights in every chapter that uses it, so their runs can be compared.
 */
void weights_init_glorot(Weights *w, Rng *rng);

/** Number of units of layer l = 0..n_layers: inputs for 0, outputs of W[l-1] after. */
int weights_units(const Weights *w, int l);

/**
 * A weight this large saturates every sigmoid it feeds: the training runs
 * stop with "diverged" when one appears (see weights_max_abs()).
 */
#define WEIGHTS_DIVERGED 1e6

/** The largest magnitude among all weights and biases; infinity if any is not finite. */
double weights_max_abs(const Weights *w);

/**
 * Read a weight file. The matrices must come as W1 b1 W2 b2 ..., each b a
 * single row as wide as its W, each W as tall as the previous W is wide.
 * Returns 0, or -1 with `path:line: problem` in err (w is then left empty).
 */
int weights_read(Weights *w, const char *path, char *err, size_t errlen);

/**
 * weights_read() for networks with convolutions too: a layer may be `K<l> out in_k_k`
 * followed by `b<l> 1 out`; consecutive fully connected layers still chain.
 */
int weights_read_conv(Weights *w, const char *path, char *err, size_t errlen);

/**
 * One named matrix of a model that is not a chain of W and b (part three's
 * models: an embedding table `C`, a recurrent `Whh`, a transformer's `ln1_g1`):
 * rows x cols doubles at data, row-major, in the model's own memory. A model
 * lists its matrices in the order of its weight file.
 */
typedef struct {
    const char *name;   /**< its name in the file ("C", "W1", "Whh") */
    int rows;           /**< rows */
    int cols;           /**< columns */
    double *data;       /**< rows * cols numbers, row-major */
} Param;

/** Print the n matrices p in the weight format (each `name rows cols`, then its rows), after a comment line. */
void params_print(FILE *f, const Param *p, int n, const char *comment);

/**
 * Read a weight file into the n matrices p: it must hold exactly them, in this
 * order and these shapes. Returns 0, or -1 with `path:line: problem` in err
 * (`W1 is 24x200, but this model's W1 is 30x200`); on failure p's data may be
 * partly overwritten.
 */
int params_read(const Param *p, int n, const char *path, char *err, size_t errlen);

/** Print w to f in the format above, after a comment line (may be NULL). */
void weights_print(FILE *f, const Weights *w, const char *comment);

/**
 * Write w to path in the format above, after a comment line (may be NULL).
 * Returns 0, or -1 with `path: problem` in err.
 */
int weights_write(const Weights *w, const char *path, const char *comment, char *err, size_t errlen);

#endif
