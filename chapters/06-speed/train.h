/**
 * @file train.h
 * @brief Chapter 06: chapter 04's network trained with a chosen matrix product, in float or double.
 *
 * The network is 784-H-10: \f$H = \mathrm{relu}(X W_1 + b_1)\f$,
 * \f$Y = \mathrm{softmax}(H W_2 + b_2)\f$, mean cross-entropy, plain SGD on
 * mini-batches (chapter 04's algorithm with ReLU units). Only the arithmetic
 * changes between the runs the chapter races: the precision and the product.
 */
#ifndef CH06_TRAIN_H
#define CH06_TRAIN_H

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "gemm.h"

/** How to train. */
typedef struct {
    long epochs;            /**< passes over the training set */
    long batch;             /**< samples per step */
    double lr;              /**< SGD's step size */
    unsigned long seed;     /**< the shuffles' generator */
    int shuffle;            /**< 1: a new order every epoch; 0: the file's order */
    Kernel kernel;          /**< the product (ignored when teaching) */
    int teaching;           /**< 1: double, through common/'s mat_mul (train_d() only) */
    int quiet;              /**< 1: no progress bar */
} TrainConfig;

/** What an epoch did. */
typedef struct {
    int epoch;              /**< 1, 2, ... */
    double loss;            /**< mean cross-entropy of the epoch's batches */
    double seconds;         /**< the epoch's training time (evaluation not counted) */
    double samples_per_s;   /**< training samples per second in the epoch */
    double test_accuracy;   /**< percent of the test set right after the epoch */
} EpochStats;

/** Called after each epoch (to report it). */
typedef void (*EpochFn)(const EpochStats *s, void *ctx);

/**
 * Train the 784-H-10 network `net` (its weights are the start and are replaced
 * by the end) in double on `train`, reporting each epoch with its accuracy on `test`.
 */
void train_d(const TrainConfig *c, Weights *net, const ImageSet *train, const ImageSet *test, EpochFn fn, void *ctx);

/** train_d() in float, with the chosen kernel (c->teaching must be 0). */
void train_s(const TrainConfig *c, Weights *net, const ImageSet *train, const ImageSet *test, EpochFn fn, void *ctx);

#endif
