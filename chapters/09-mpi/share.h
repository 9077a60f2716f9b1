/**
 * @file share.h
 * @brief Chapter 09: the arithmetic of data parallelism, without MPI (the chapter's exercises).
 *
 * A global mini-batch of B samples is cut into P contiguous shares, one per
 * rank; each rank adds up the gradients of its own samples; one allreduce adds
 * the P sums on every rank; every rank divides the total by B. The last
 * function is the model of what the allreduce costs on a network.
 */
#ifndef CH09_SHARE_H
#define CH09_SHARE_H

#include <stddef.h>

/**
 * Rank r's share of a batch of B samples split across P ranks: the samples
 * *first .. *first + *count - 1. Shares are contiguous, in rank order, cover
 * the batch exactly once, and differ in size by at most one: the first
 * B mod P ranks take one sample more (so with B < P, as in an epoch's last
 * small batch, the last ranks' shares are empty).
 */
void share_of(int B, int P, int r, int *first, int *count);

/**
 * Turn the sum of the per-sample gradients of a batch of B samples into the
 * gradient of the batch's mean loss, in place: each of the n numbers of g
 * divided by B.
 */
void average(double *g, size_t n, int B);

/**
 * The seconds a ring allreduce of bytes bytes takes on P machines joined by a
 * network of the given latency (the seconds of one message, however small)
 * and bandwidth (bytes per second): the ring of the chapter's section "What
 * communication costs", its steps one after another, every machine sending
 * one message at each step. 0 for P = 1 (one machine sends nothing).
 */
double ring_allreduce_seconds(double bytes, int P, double latency, double bandwidth);

#endif
