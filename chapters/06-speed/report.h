/**
 * @file chapters/06-speed/report.h
 * @brief Chapter 06's report, and the roofline's file for its plot.
 *
 * The measuring run's sentences and tables (the machine and the compiler, the
 * check of the kernels, the GFLOP/s table's titles and footnotes, the goal
 * against OpenBLAS), the points of the roofline plot (`roofline.csv`), and the
 * training run's header and epoch lines (printed, and in `train.csv`).
 */
#ifndef CH06_REPORT_H
#define CH06_REPORT_H

#include <stdio.h>

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "gemm.h"
#include "options.h"
#include "train.h"

/** The GFLOP/s a measuring run found: [float?][kernel, or #OPENBLAS][size of Options::sizes], 0 when not measured. */
typedef struct {
    double gflops[2][KERNEL_COUNT + 1][MAX_SIZES];  /**< the speeds */
} Sweep;

/** A piece of the report, shown at once (the measurements take seconds); nothing when quiet. */
void say(int quiet, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** A kernel's name in the report and the files: kernel_name(), or "OpenBLAS" for #OPENBLAS. */
const char *kernel_label(int kernel);

/** The measuring run's first lines: the CPU and its cores, the compiler and its vectors, OpenBLAS, the date. */
void report_intro(const Options *o);

/**
 * A product that failed the check: in float (fl) or double, by kernel, of
 * shape m x n x k, transposed as t says (bit 0: A, bit 1: B), e its error as
 * a fraction of the rounding bound (infinity: it wrote past C's rows).
 */
void report_wrong(int fl, Kernel kernel, const int shape[3], int t, double e);

/** The check's verdict: checks products of n_shapes shapes, failures wrong, worst the largest error (of the bound). */
void report_checked(const Options *o, int checks, int failures, int n_shapes, double worst);

/** The title and the sizes' line of the GFLOP/s table of a precision (fl: float). */
void report_sweep_title(const Options *o, int fl);

/** Under the tables, a note on each kernel that ran and has one: what its line does not say. */
void report_footnotes(const Options *o);

/**
 * Write OUT/roofline.csv: each one-thread kernel measured at the size
 * nearest goal_n, at the arithmetic intensity of its inner loop, for the roofline plot.
 */
void write_roofline(const Options *o, const Sweep *w, int goal_n);

/** The chapter's goal, as measured: the packed kernel against OpenBLAS at n = goal_n, when both ran there. */
void report_goal(const Options *o, const Sweep *w, int goal_n);

/** Where a training run's epochs go: `train.csv`, and the report unless quiet. */
typedef struct {
    FILE *csv;              /**< OUT/train.csv, open */
    char run[64];           /**< its first two columns: "float,packed" or "double,teaching" */
    int quiet;              /**< 1: no report lines */
} EpochLog;

/** Open OUT/train.csv for a run of o that multiplies with kernel (or teaches); close it with cli_done(). */
EpochLog epoch_log_open(const Options *o, Kernel kernel);

/** The training run's header: the network, how it multiplies, the images; then the epochs' titles. */
void report_training(const Options *o, const Weights *net, Kernel kernel, const ImageSet *train, const ImageSet *test);

/** An #EpochFn: the epoch s as a line of `train.csv` and of the report (ctx: the EpochLog). */
void report_epoch(const EpochStats *s, void *ctx);

#endif
