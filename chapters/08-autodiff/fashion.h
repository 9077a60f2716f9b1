/**
 * @file chapters/08-autodiff/fashion.h
 * @brief `--task fashion`: chapter 04's network on Fashion-MNIST, trained through the tape in mini-batches.
 *
 * The same network, the same batches in the same order and the same update as
 * chapter 04's hand-written program: the test suite checks that both end
 * with the same weights and write the same epochs.csv.
 */
#ifndef CH08_FASHION_H
#define CH08_FASHION_H

#include "../../common/idx.h"
#include "../../common/rng.h"
#include "../../common/weights.h"
#include "options.h"

/** Fashion-MNIST's classes, the network's outputs. */
#define CLASSES 10
/** Images per forward pass when only evaluating, and for --gradients (as chapter 04). */
#define EVAL_BATCH 1000

/**
 * Chapter 04's network for images of `inputs` pixels: read from
 * --load-weights (784-10 or 784-H-10, H as --hidden if given), or
 * inputs-H-10 (inputs-10 for --hidden 0) with Glorot's start from rng.
 * Stops with exit 2 on a file that does not fit.
 */
void fashion_network(Weights *net, const Options *o, int inputs, Rng *rng);

/**
 * Train net on train_set for --epochs (a line each in the report and in
 * epochs.csv, with the test set evaluated after each), then report the test
 * accuracy and the tape's size and write weights.txt in --out.
 */
void fashion_train(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o, Rng *rng);

#endif
