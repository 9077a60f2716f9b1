/**
 * @file chapters/10-words/language.h
 * @brief Chapter 10's lesson in small pieces: counting bigrams, the embedding lookup, sampling.
 *
 * These are the functions the exercises ask for (exercises.c holds them as
 * stubs): the counting model and its loss, the one-layer network that equals
 * it, the embedding table's lookup and its gradient, and drawing the next
 * character from a model's prediction at a temperature.
 */
#ifndef CH10_LANGUAGE_H
#define CH10_LANGUAGE_H

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "words.h"

/** A table of bigram counts: n[a][b], how often character b followed character a. */
typedef struct {
    double n[VOCAB][VOCAB];     /**< the counts, a row per previous character */
} Counts;

/**
 * The bigram counts: counts->n[a][b] += 1 for every pair (prev[k], next[k]),
 * k = 0 .. n-1 (the table is not cleared first).
 */
void bigram_count(Counts *counts, const int *prev, const int *next, long n);

/**
 * The counting model's loss on the pairs (prev[k], next[k]): the mean of
 * \f$-\log P(b \mid a)\f$ with \f$P(b \mid a) = (N_{ab} + s) / (N_a + 27 s)\f$,
 * \f$N_a = \sum_b N_{ab}\f$ and s the smoothing (add-one: s = 1).
 */
double bigram_nll(const Counts *counts, double s, const int *prev, const int *next, long n);

/**
 * Puzzle: weights W (27 x 27) of the one-layer network, logits = row `a` of
 * W for the previous character a, softmax over the row, that make it the
 * counting model with smoothing s exactly.
 */
void bigram_as_weights(Mat *W, const Counts *counts, double s);

/**
 * The embedding lookup of a batch of B contexts of n ids: row k of X
 * (B x nD) is rows ids[k*n], ..., ids[k*n + n-1] of the table C (27 x D)
 * side by side, the oldest first.
 */
void embed_forward(Mat *X, const Mat *C, const int *ids, int B, int n);

/**
 * Its backward pass: dC (27 x D) += each piece of dX (B x nD) at the row of
 * C it was looked up from. dC is not cleared first.
 */
void embed_backward(Mat *dC, const Mat *dX, const int *ids, int B, int n);

/**
 * Draw the next id from the logits z[0..n) at a temperature T > 0: from
 * \f$\mathrm{softmax}(z / T)\f$, with one rng_uniform() number u and the first
 * id whose running sum of probabilities passes u; with T = 0 the most likely
 * id (the first of a tie: the smallest id), and no random number drawn.
 */
int sample_next(const double *z, int n, double T, Rng *rng);

#endif
