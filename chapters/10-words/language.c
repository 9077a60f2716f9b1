/**
 * @file chapters/10-words/language.c
 * @brief The reference answers of chapter 10's exercises.
 */
#include "language.h"

#include <assert.h>
#include <math.h>

//! [bigram_count]
void bigram_count(Counts *counts, const int *prev, const int *next, long n)
{
    for (long k = 0; k < n; k++)
        counts->n[prev[k]][next[k]] += 1;
}
//! [bigram_count]

//! [bigram_nll]
double bigram_nll(const Counts *counts, double s, const int *prev, const int *next, long n)
{
    double row[VOCAB], E = 0;
    for (int a = 0; a < VOCAB; a++) {           // n_a: how often each character comes first
        row[a] = 0;
        for (int b = 0; b < VOCAB; b++)
            row[a] += counts->n[a][b];
    }
    for (long k = 0; k < n; k++)
        E -= log((counts->n[prev[k]][next[k]] + s) / (row[prev[k]] + VOCAB * s));
    return E / (double)n;
}
//! [bigram_nll]

//! [bigram_as_weights]
void bigram_as_weights(Mat *W, const Counts *counts, double s)
{
    // softmax(w)_b = e^{w_b} / sum e^{w_j}: with w_b = log P(b | a) the sum is 1
    for (int a = 0; a < VOCAB; a++) {
        double total = 0;
        for (int b = 0; b < VOCAB; b++)
            total += counts->n[a][b] + s;
        for (int b = 0; b < VOCAB; b++)
            mat_set(W, a, b, log((counts->n[a][b] + s) / total));
    }
}
//! [bigram_as_weights]

//! [embed]
void embed_forward(Mat *X, const Mat *C, const int *ids, int B, int n)
{
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
    const int D = dC->cols;
    for (int k = 0; k < B; k++)
        for (int j = 0; j < n; j++) {
            double *g = dC->data + (size_t)ids[k * n + j] * D;
            const double *ge = dX->data + (size_t)k * dX->cols + (size_t)j * D;
            for (int d = 0; d < D; d++)
                g[d] += ge[d];                  // a row used twice gets both pieces: they add up
        }
}
//! [embed]

//! [sample_next]
int sample_next(const double *z, int n, double T, Rng *rng)
{
    int best = 0;
    for (int j = 1; j < n; j++)
        best = z[j] > z[best] ? j : best;
    if (T == 0)
        return best;                            // the limit T -> 0: all the probability on the largest
    double p[VOCAB * 16], sum = 0;
    assert(n <= VOCAB * 16);
    for (int j = 0; j < n; j++)
        sum += p[j] = exp((z[j] - z[best]) / T);     // softmax(z / T), the largest subtracted first
    const double u = rng_uniform(rng) * sum;
    double run = 0;
    for (int j = 0; j < n; j++)
        if ((run += p[j]) > u)
            return j;
    return best;                                // (rounding: u at the very end of the sum)
}
//! [sample_next]
