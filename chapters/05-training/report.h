/**
 * @file chapters/05-training/report.h
 * @brief Chapter 05's report, and the files a run writes besides its epochs.
 *
 * A line per epoch (printed, and in `epochs.csv`), the last words of a run
 * (overshooting, the best epoch, the test set), and the files: the gradient
 * at the start (`--gradients FILE`), its size per layer (`gradnorms.csv`, the
 * vanishing-gradient plot), the best epoch (`best.csv`).
 */
#ifndef CH05_REPORT_H
#define CH05_REPORT_H

#include <stdio.h>

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "network.h"
#include "options.h"
#include "sets.h"

/** The report's first lines: the network, the training recipe of o, and how many images each set has. */
void report_header(const Weights *net, const Sets *d, const Options *o);

/**
 * Write the gradient over s (gradient_over() of all its images) to path, with
 * a comment naming what it is the gradient of, and of which images of data.
 */
void write_gradients(const Weights *net, const NetConfig *cfg, const ImageSet *s, const char *path, const char *data);

/** Write norms (one per layer) as dir/gradnorms.csv: `layer,norm`. */
void write_gradnorms(const char *dir, const double *norms, int n_layers);

/** What an epoch did: a line of the report and of `epochs.csv`. */
typedef struct {
    long epoch;             /**< 1 for the first */
    double lr;              /**< the schedule's learning rate for this epoch */
    double loss;            /**< the mean training loss over the epoch's batches (without the decay term) */
    double accuracy;        /**< percent of training images right, each counted before its batch's step */
    Eval val;               /**< on the validation set (NaN without one) */
    Eval test;              /**< on the test set */
    int has_val;            /**< 1 with a validation set */
    int best;               /**< 1 when the validation loss is the best so far */
    double seconds;         /**< the epoch's time, with the evaluations */
    double per_second;      /**< training samples per second, without the evaluations */
} Epoch;

/** The titles of the report's epoch table (a "val best" column with a validation set). */
void report_epoch_titles(int has_val);

/** Add e to csv (`epochs.csv`) and, unless quiet, print it as a line of the table. */
void report_epoch(FILE *csv, const Epoch *e, int quiet);

/**
 * After training: that the steps overshot when the last epoch's loss is above
 * chance level; which epoch had the best validation loss (best_epoch > 0), and
 * whether its weights were kept; the test set's results.
 */
void report_end(double last, long best_epoch, double best_loss, int kept, Eval test);

/** Write dir/best.csv: the epoch of the best validation loss, and that loss. */
void write_best(const char *dir, long best_epoch, double best_loss);

#endif
