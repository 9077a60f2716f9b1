/*
 * Chapter 04 exercises: write the functions of softmax.h.
 *
 * Each body below is a stub that compiles but gives a wrong answer, so
 * `make ex04` fails until you fill it in. The equations are on the chapter
 * page, under the names given in each TODO; a batch holds one sample per row.
 */
#include "softmax.h"

#include <math.h>

void softmax_rows(Mat *Y, const Mat *Z)
{
    // TODO: the softmax of each row, equation (softmax), computed the stable way.
    // Hint: what happens to exp(z) when z is 1000, and what does subtracting
    // the row's largest value do to the result?
    (void)Y, (void)Z;
}

double cross_entropy(const Mat *Z, const int *labels)
{
    // TODO: the batch's mean cross-entropy, equation (log-softmax), from the logits Z.
    // Hint: never compute log(softmax): a probability of 0 gives -infinity.
    (void)Z, (void)labels;
    return 0.0;
}

void softmax_ce_backward(Mat *dZ, const Mat *Y, const int *labels)
{
    // TODO: dE/dZ for the mean loss, equation (gradient), with Y = softmax(Z).
    // Hint: T is never stored; it is 1 in column labels[k] of row k.
    (void)dZ, (void)Y, (void)labels;
}

double chance_loss(int K)
{
    // TODO: the loss of a network whose K outputs are all equal, whatever the image.
    // Hint: what is every softmax output then, and what is -log of it?
    (void)K;
    return 0.0;
}

void shuffle(int *a, int n, Rng *rng)
{
    // This shuffle puts the numbers in a random order, but not in a *uniformly*
    // random one: some orders come up more often than others. Find the bug.
    // Hint: count the equally likely ways the loop can run for n = 3 (3^3?),
    // and the orders they must share out evenly (3! = 6).
    for (int i = 0; i < n; i++) {
        const int j = (int)rng_below(rng, (uint64_t)n);
        const int keep = a[i];
        a[i] = a[j];
        a[j] = keep;
    }
}

int count_correct(const Mat *Y, const int *labels)
{
    // TODO: how many rows have their largest output in their label's column.
    // Hint: when two outputs tie, the first one counts as the prediction.
    (void)Y, (void)labels;
    return 0;
}
