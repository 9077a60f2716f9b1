/**
 * @file softmax.h
 * @brief Chapter 04: softmax, cross-entropy and its gradient, shuffling, accuracy.
 *
 * These are the chapter's exercises (exercises.c). A batch holds B samples,
 * one per row; with K classes the output layer's net input Z (the *logits*)
 * and its softmax Y are B x K, and `labels[k]` is the class of sample k
 * (its one-hot target row \f$T_k\f$ has a 1 in that column, 0 elsewhere).
 */
#ifndef CH04_SOFTMAX_H
#define CH04_SOFTMAX_H

#include "../../common/matrix.h"
#include "../../common/rng.h"

/**
 * The softmax of every row of Z, computed stably:
 * \f$Y_{kj} = e^{Z_{kj} - m_k} / \sum_i e^{Z_{ki} - m_k}\f$ with \f$m_k = \max_i Z_{ki}\f$
 * (subtracting the row's maximum changes nothing mathematically and keeps
 * every exponential at most 1). Y and Z are B x K; Y may be Z.
 */
void softmax_rows(Mat *Y, const Mat *Z);

/**
 * The mean cross-entropy of a batch, from its logits:
 * \f$E = \frac1B \sum_k -\log Y_{k,\,\text{labels}[k]}\f$, computed as
 * \f$\frac1B \sum_k \big(m_k + \log \sum_i e^{Z_{ki} - m_k} - Z_{k,\,\text{labels}[k]}\big)\f$
 * (log-softmax), which never takes the log of 0.
 */
double cross_entropy(const Mat *Z, const int *labels);

/**
 * The gradient of the mean cross-entropy with respect to the logits, for
 * Y = softmax(Z): \f$\partial E / \partial Z = (Y - T) / B\f$. dZ and Y are B x K.
 */
void softmax_ce_backward(Mat *dZ, const Mat *Y, const int *labels);

/** The loss of a network that cannot tell K classes apart at all: the yardstick for the first batches. */
double chance_loss(int K);

/** Put the n numbers of a into a uniformly random order: each of the n! orders equally likely. */
void shuffle(int *a, int n, Rng *rng);

/** How many rows of Y have their largest value in the column of their label (ties: the first largest). */
int count_correct(const Mat *Y, const int *labels);

#endif
