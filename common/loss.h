/**
 * @file loss.h
 * @brief Softmax and the mean cross-entropy, as chapter 04 teaches them, for the chapters after it.
 *
 * Chapter 04 derives these and keeps its own version as the lesson
 * (chapters/04-softmax/softmax.c, which its tests compare with these to the
 * bit). A batch holds one sample per row: Z (B x K) are the logits, Y their
 * softmax, labels[k] the class of row k. The loss is computed from the logits,
 * \f$E = \frac1B \sum_k \big(m_k + \log \sum_j e^{z_{kj} - m_k} - z_{k,\text{label}}\big)\f$
 * with \f$m_k\f$ the row's largest logit, so it is finite for any finite logits.
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "matrix.h"

/** Y = softmax of each row of Z (the row's largest value subtracted first); Y may be Z. */
void loss_softmax(Mat *Y, const Mat *Z);

/** The mean cross-entropy of the rows of Z against labels, from the logits. */
double loss_cross_entropy(const Mat *Z, const int *labels);

/** dE/dZ = (Y - T) / B for the mean loss, with Y = softmax(Z) and T the one-hot labels; dZ may be Y. */
void loss_softmax_backward(Mat *dZ, const Mat *Y, const int *labels);

/** How many rows of Y have their largest value in their label's column (the first of a tie). */
int loss_count_correct(const Mat *Y, const int *labels);

#endif
