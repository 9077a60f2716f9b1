/**
 * @file chapters/06-speed/options.h
 * @brief Chapter 06: what a run was asked to do (its options), shared by main.c and report.c.
 */
#ifndef CH06_OPTIONS_H
#define CH06_OPTIONS_H

#include "measure.h"

/** Fashion-MNIST's ten classes: the network's outputs. */
#define CLASSES 10
/** The most sizes `--sizes` takes. */
#define MAX_SIZES 16
/** The largest `--sizes`: seconds per product for kernels 2 and 3, in double. */
#define MAX_N 2048
/** The naive kernel takes minutes per product beyond this size: it skips them. */
#define NAIVE_MAX 512

/** The options of a run: the measuring one (the default), `--verify`, or `--train`. */
typedef struct {
    const char *data;           /**< --data: the IDX files */
    const char *out;            /**< --out: where the files go */
    const char *load;           /**< --load-weights, or NULL */
    long sizes[MAX_SIZES];      /**< --sizes: n of the n x n products */
    int n_sizes;                /**< how many sizes */
    long kernel;                /**< --matmul: the one kernel to measure or train with (0: all; packed to train) */
    long threads;               /**< --threads: kernel 5's threads (0: every core) */
    int precision;              /**< --precision: 0 double, 1 float, 2 both */
    int doubles;                /**< 1: measure in double (from precision) */
    int floats;                 /**< 1: measure in float */
    double min_time;            /**< --min-time: seconds of repeats per measurement */
    long memory;                /**< --memory: MB of the triad's arrays for main memory */
    int verify;                 /**< --verify: only the check */
    int train;                  /**< --train: the training run */
    int teaching;               /**< --teaching: train in double with common/'s product */
    long hidden;                /**< --hidden */
    long epochs;                /**< --epochs */
    long batch;                 /**< --batch */
    long train_limit;           /**< --train-limit (0: all) */
    long test_limit;            /**< --test-limit (0: all) */
    long seed;                  /**< --seed */
    double lr;                  /**< --lr */
    int shuffle;                /**< --shuffle */
    int quiet;                  /**< --quiet */
} Options;

/** Whether a run measures kernel (KERNEL_NAIVE .. KERNEL_THREADS): all, or --matmul's; OpenBLAS (#OPENBLAS) always. */
static inline int measured(const Options *o, int kernel)
{
    return kernel == OPENBLAS || !o->kernel || o->kernel == kernel;
}

#endif
