/**
 * @file timing.h
 * @brief Wall-clock timing for `make bench`: a monotonic clock and the median of repeated runs.
 */
#ifndef NN_TIMING_H
#define NN_TIMING_H

/** Seconds on a monotonic clock (only differences mean anything). */
double timing_now(void);

/** The median of the n times in t (t is sorted in place). */
double timing_median(double *t, int n);

#endif
