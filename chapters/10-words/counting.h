/**
 * @file chapters/10-words/counting.h
 * @brief Chapter 10, parts 1 and 2: the counting model, and the one-layer network that learns it.
 */
#ifndef CH10_COUNTING_H
#define CH10_COUNTING_H

#include <stdio.h>

#include "../../common/matrix.h"
#include "language.h"
#include "words.h"

/** The bigram counts N.n[a][b] of a set's (previous, next) pairs, and the model they make. */
typedef struct {
    Counts N;                   /**< how often b followed a in the training words */
    double smoothing;           /**< s of add-s smoothing (1: add-one) */
} Bigram;

/** Count the pairs of the examples e (their context must be one character). */
void bigram_from(Bigram *m, const Examples *e, double smoothing);

/** The model's mean -log P(next | previous) over the pairs of e. */
double bigram_loss(const Bigram *m, const Examples *e);

/**
 * Part 2: a 27 x 27 W from zero, by `steps` steps of gradient descent with
 * rate lr on the mean cross-entropy of the one-layer network over all the
 * training pairs: \f$\partial E / \partial W_{a\cdot} = (N_a\,\mathrm{softmax}(W_{a\cdot}) - N_{a\cdot}) / n\f$,
 * which is the gradient over the n examples with those sharing a previous
 * character added up first. When f is not NULL, `step,train_loss,val_loss`
 * at the steps of a doubling sequence (1, 2, 4, ...) and the last; the
 * validation loss from the counts of the validation pairs, val.
 */
void onelayer_train(Mat *W, const Bigram *train, const Bigram *val, int steps, double lr, FILE *f);

/** The one-layer network's mean loss on pairs counted in m (m->N), with weights W. */
double onelayer_loss(const Mat *W, const Bigram *m);

#endif
