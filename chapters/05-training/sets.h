/**
 * @file chapters/05-training/sets.h
 * @brief Chapter 05's three sets of images, and its network measured on a whole set.
 *
 * The validation set is the training file's last images (`--val N`): early
 * stopping watches it, and training never sees it. The validation and test
 * sets are measured after every epoch (evaluate()), with no unit dropped and
 * without the weight-decay term: the loss of what the network predicts. The
 * gradient over a set (gradient_over()) is what `--gradients` writes, and its
 * size per layer at the starting weights is the page's vanishing-gradient experiment.
 */
#ifndef CH05_SETS_H
#define CH05_SETS_H

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "network.h"

/** The pixels of an image: the chapter's networks take Fashion-MNIST's 28x28 images. */
#define PIXELS 784

/** The number of classes. */
#define CLASSES 10

/** The images of a run. */
typedef struct {
    ImageSet train;     /**< what the network learns from */
    ImageSet val;       /**< the training file's last images (none without `--val`), in train's memory */
    ImageSet test;      /**< the test file's images (none in `--gradients` mode) */
} Sets;

/**
 * Read the training set of dir (its first train_limit images when > 0) and,
 * with with_test, the test set (test_limit), both of #PIXELS pixels; then take
 * its last val images off the training set as the validation set. Stops with
 * exit 2 on bad input, or when val leaves no training images.
 */
void sets_load(Sets *d, const char *dir, long train_limit, long test_limit, long val, int with_test);

/** Release the sets' memory. */
void sets_free(Sets *d);

/** A network's results on a set of images. */
typedef struct {
    double loss;        /**< mean cross-entropy (without the weight-decay term) */
    double accuracy;    /**< percent of images whose largest output is their class */
} Eval;

/** The loss and accuracy of net on s, in forward passes of 1000 images, no unit dropped. */
Eval evaluate(const Weights *net, const NetConfig *cfg, const ImageSet *s);

/**
 * Into total (shaped like net): the gradient of net_loss() (with cfg's weight
 * decay, no dropout) over the first n images of s, or all of them when n is 0,
 * computed on 1000 images at a time.
 */
void gradient_over(const Weights *net, const NetConfig *cfg, const ImageSet *s, int n, Weights *total);

/** Into norms[l]: the size (Frobenius norm) of \f$\partial E / \partial W_{l+1}\f$ over the first 1000 images of s. */
void gradient_norms(const Weights *net, const NetConfig *cfg, const ImageSet *s, double *norms);

#endif
