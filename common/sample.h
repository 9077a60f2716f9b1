/**
 * @file sample.h
 * @brief Chapter 10's tools for the sequence chapters after it: drawing the next symbol, and the bigram yardstick.
 *
 * Chapter 10 teaches both and keeps its own versions as its lesson (its
 * language.c, the exercises `sample_next`, `bigram_count` and `bigram_nll`);
 * its test agree_sample.c checks that these give the same draws and numbers.
 */
#ifndef NN_SAMPLE_H
#define NN_SAMPLE_H

#include "rng.h"

/**
 * Draw an id from the logits z[0..n) at temperature T: from softmax(z / T),
 * with one rng_uniform() number u and the first id whose running sum of
 * probabilities passes u (times their sum); T = 0 gives the likeliest id (the
 * first of a tie) and draws no random number.
 */
int sample_logits(const double *z, int n, double T, Rng *rng);

/**
 * The bigram model with add-alpha smoothing: counts of the n pairs
 * (prev[k], next[k]) of ids below V, then the mean -log P(next | prev),
 * P(b | a) = (n_ab + alpha) / (n_a + V alpha), over the m pairs (eprev[k], enext[k]).
 */
double bigram_baseline(int V, const int *prev, const int *next, long n, double alpha, const int *eprev,
                   const int *enext, long m);

#endif
