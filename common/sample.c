/**
 * @file sample.c
 * @brief Sampling at a temperature, and the bigram counting model.
 */
#include "sample.h"

#include <math.h>
#include <stdlib.h>

#include "alloc.h"

int sample_logits(const double *z, int n, double T, Rng *rng)
{
    int best = 0;
    for (int j = 1; j < n; j++)
        best = z[j] > z[best] ? j : best;
    if (T == 0)
        return best;
    double *p = nn_alloc((size_t)n, sizeof(double), "the probabilities of a draw"), sum = 0, run = 0;
    for (int j = 0; j < n; j++)
        sum += p[j] = exp((z[j] - z[best]) / T);   // softmax(z / T), the largest subtracted first
    const double u = rng_uniform(rng) * sum;
    int pick = best;                                // (rounding: u at the very end of the sum)
    for (int j = 0; j < n; j++)
        if ((run += p[j]) > u) {
            pick = j;
            break;
        }
    free(p);
    return pick;
}

double bigram_baseline(int V, const int *prev, const int *next, long n, double alpha, const int *eprev,
                   const int *enext, long m)
{
    double *N = nn_alloc((size_t)V * V, sizeof(double), "the bigram counts"), *row = nn_alloc((size_t)V, sizeof(double),
                                                                                                "their row sums");
    for (long k = 0; k < n; k++)
        N[(size_t)prev[k] * V + next[k]] += 1, row[prev[k]] += 1;
    double E = 0;
    for (long k = 0; k < m; k++)
        E -= log((N[(size_t)eprev[k] * V + enext[k]] + alpha) / (row[eprev[k]] + V * alpha));
    free(N), free(row);
    return E / (double)m;
}
