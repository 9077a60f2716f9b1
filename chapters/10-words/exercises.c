/*
 * Chapter 10 exercises: write the functions of language.h.
 *
 * Each body below is a stub that compiles but gives a wrong answer (or, for a
 * puzzle, a mistake to find), so `make ex10` fails until you fill it in. Each
 * TODO names the part of the chapter page it comes from.
 */
#include <math.h>

#include "language.h"

void bigram_count(Counts *counts, const int *prev, const int *next, long n)
{
    // TODO: "Counting": one more for every pair (prev[k], next[k]).
    // Hint: the table is not cleared here; the caller starts it at 0.
    (void)counts, (void)prev, (void)next, (void)n;
}

double bigram_nll(const Counts *counts, double s, const int *prev, const int *next, long n)
{
    // TODO: "Counting": the mean of -log P(next | prev) with add-s smoothing,
    // P(b | a) = (n_ab + s) / (n_a + 27 s), n_a the sum of row a (natural logarithms: nats).
    // Hint: the row sums are the same for every pair: compute them once.
    (void)counts, (void)s, (void)prev, (void)next, (void)n;
    return 0.0;
}

void bigram_as_weights(Mat *W, const Counts *counts, double s)
{
    // Puzzle, "The same as a network": weights for the one-layer network whose
    // softmax(row a of W) is exactly the counting model's P(. | a), smoothing s.
    // Hint: softmax(w)_b = e^{w_b} / sum_j e^{w_j}. What w makes the sum 1?
    (void)W, (void)counts, (void)s;
}

void embed_forward(Mat *X, const Mat *C, const int *ids, int B, int n)
{
    // Given: row k of X is the rows of C of the batch's n ids, side by side.
    const int D = C->cols;
    for (int k = 0; k < B; k++)
        for (int j = 0; j < n; j++) {
            const double *c = C->data + (size_t)ids[k * n + j] * D;
            double *e = X->data + (size_t)k * X->cols + (size_t)j * D;
            for (int d = 0; d < D; d++)
                e[d] = c[d];
        }
}

void embed_backward(Mat *dC, const Mat *dX, const int *ids, int B, int n)
{
    // Puzzle, "Embeddings": this backward pass is right for some batches and
    // wrong for others. The tests that fail say which; find the mistake.
    // Hint: what must happen to a row of C that a batch looks up more than once?
    const int D = dC->cols;
    for (int k = 0; k < B; k++)
        for (int j = 0; j < n; j++) {
            double *g = dC->data + (size_t)ids[k * n + j] * D;
            const double *ge = dX->data + (size_t)k * dX->cols + (size_t)j * D;
            for (int d = 0; d < D; d++)
                g[d] = ge[d];
        }
}

int sample_next(const double *z, int n, double T, Rng *rng)
{
    // TODO: "Making up words": draw an id from softmax(z / T): one
    // rng_uniform() number u, and the first id whose running sum of
    // probabilities passes u. T = 0: the likeliest id (the first of a tie),
    // and no random number.
    // Hint: subtract the largest z before exp(), as chapter 04 does.
    (void)z, (void)n, (void)T, (void)rng;
    return 0;
}
