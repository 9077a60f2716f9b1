/**
 * @file chapters/09-mpi/report.h
 * @brief Chapter 09's report (rank 0's): the run's header, a line per epoch, the test set's result.
 */
#ifndef CH09_REPORT_H
#define CH09_REPORT_H

#include <stdio.h>

#include "../../common/idx.h"
#include "checkpoint.h"
#include "dist.h"
#include "net.h"
#include "options.h"

/** The report's first lines: the network and the ranks, the data and the recipe, how a step is shared, a resumption. */
void report_header(const Options *o, const Dist *d, const Net *net, const ImageSet *train, const ImageSet *test,
                   const TrainState *st);

/** The titles of the epochs' table. */
void report_epoch_titles(void);

/** What an epoch did. */
typedef struct {
    long epoch;             /**< 1 for the first */
    double train_loss;      /**< the mean loss of the epoch's batches, each before its step */
    double train_accuracy;  /**< percent of the training images right, each before its batch's step */
    double test_loss;       /**< the mean loss on the test set, after the epoch */
    double test_accuracy;   /**< percent of the test images right */
    double seconds;         /**< the epoch's training time (this run's part of it, when resumed) */
    double comm_seconds;    /**< of which in communication */
    long samples;           /**< training images trained on in those seconds */
} Epoch;

/** An epoch's line in `epochs.csv`, in `timing.csv` and, unless o->quiet, in the report. */
void report_epoch(const Options *o, const Dist *d, FILE *epochs, FILE *timing, const Epoch *e);

/** The test accuracy after training: right of the test set's n images, and the mean loss. */
void report_test(const Options *o, const Dist *d, long right, int n, double loss);

#endif
