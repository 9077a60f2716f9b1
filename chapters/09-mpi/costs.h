/**
 * @file chapters/09-mpi/costs.h
 * @brief Chapter 09's `--bench-allreduce`: what communication costs here, and a model of it on a cluster.
 *
 * The allreduce timed on this machine's ranks for 1 KB to 64 MB
 * (`allreduce.csv`), one step's computing timed on one rank, and the model of
 * the page's section "What communication costs": time per step = computing / P
 * + a ring allreduce of the gradient on a network of 10 Gbit/s, for 1 to 64
 * machines (`model.csv`).
 */
#ifndef CH09_COSTS_H
#define CH09_COSTS_H

#include "../../common/idx.h"
#include "../../common/matrix.h"
#include "dist.h"
#include "net.h"

/** The large batch of the model, beside --batch. */
#define BENCH_LARGE 1024

/**
 * Measure and report (rank 0) what communication costs, for net and batches
 * of batch and #BENCH_LARGE images of s (X and labels hold as many rows), and
 * write OUT/allreduce.csv and OUT/model.csv. Every rank takes part. Each size
 * of allreduce is repeated for at least min_time seconds (5 to 41 times).
 */
void costs_report(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, int batch, double min_time,
                  const char *out);

#endif
