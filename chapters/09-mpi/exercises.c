/*
 * Chapter 09 exercises: the three functions of share.h. No MPI here: the
 * arithmetic of splitting a batch, averaging, and the cost of an allreduce.
 *
 * Each stub compiles but gives a wrong answer, so `make ex09` fails until you
 * fill it in. Each TODO names the section of the chapter page it comes from.
 */
#include "share.h"

void share_of(int B, int P, int r, int *first, int *count)
{
    // TODO: section "Splitting a batch": rank r's contiguous share of B samples over P ranks.
    // Hint: B / P samples each, and B % P are left over: give them one each to the first ranks.
    // Then rank r starts after the shares of ranks 0 .. r-1.
    (void)B, (void)P, (void)r;
    *first = 0;
    *count = 0;
}

void average(double *g, size_t n, int B)
{
    // TODO: section "MPI in a few calls": the summed gradient becomes the gradient of the mean loss.
    (void)g, (void)n, (void)B;
}

double ring_allreduce_seconds(double bytes, int P, double latency, double bandwidth)
{
    // TODO: section "What communication costs": the ring's time, from its number of steps and what each sends.
    // Hint: one machine sends nothing at all.
    (void)bytes, (void)P, (void)latency, (void)bandwidth;
    return -1.0;
}
