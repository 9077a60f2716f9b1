/**
 * @file chapters/01-perceptron/report.h
 * @brief Chapter 01's program around its lesson: the epoch table it prints, and
 *        the files its plots read.
 *
 * main.c trains; these functions show what happened. The table has one row
 * per sample: the inputs \f$x_i\f$, the target \f$t\f$, the net input
 * \f$y_{in}\f$, the output \f$y\f$, the weights and bias after the sample, and
 * the changes \f$\Delta w_i\f$, \f$\Delta b\f$ the learning rule made.
 */
#ifndef CH01_REPORT_H
#define CH01_REPORT_H

#include <stdio.h>

#include "../../common/data.h"

/** The most inputs a sample may have (the table gets wide long before). */
#define MAX_INPUTS 64

/** The perceptron the program trains: weights \f$w_1 \dots w_n\f$ and bias \f$b\f$. */
typedef struct {
    int n;                  /**< the number of inputs */
    double w[MAX_INPUTS];   /**< the weights \f$w_1 \dots w_n\f$ */
    double b;               /**< the bias */
} Perceptron;

/** One row of the chapter's table: a sample, what the perceptron answered, what the rule changed. */
typedef struct {
    const double *x;        /**< the sample's n inputs */
    double t;               /**< its target, -1 or 1 */
    double y_in;            /**< the net input \f$y_{in}\f$ */
    double y;               /**< the output, -1 or 1 */
    double dw[MAX_INPUTS];  /**< the weight changes \f$\Delta w_i\f$ (0 when the answer was right) */
    double db;              /**< the bias change \f$\Delta b\f$ */
} Row;

/** Print the data set: `Data (N samples)`, the column names, then a sample a line. */
void report_data(const Dataset *d);

/** Print title, then the weights and the bias on the same line (`W1 = 1.8  W2 = 1.5  b = 1.1`). */
void report_weights(const char *title, const Perceptron *p);

/** Print an epoch's title and the column names of its table, for n inputs. */
void report_epoch_header(long epoch, int n);

/** Print a row of the table; p holds the weights after the sample. */
void report_row(const Row *r, const Perceptron *p);

/**
 * The files a run writes as it trains: epochs.csv and errors.csv always;
 * lines.csv and updates.csv for two inputs only, since a plot of the plane
 * needs a line to draw (NULL otherwise).
 */
typedef struct {
    FILE *epochs;   /**< every row of every epoch's table */
    FILE *errors;   /**< the misclassified samples of each epoch */
    FILE *lines;    /**< the decision line after each epoch (row 0: the start) */
    FILE *updates;  /**< the decision line after each update, with the sample that moved it */
    long frame;     /**< the rows of updates.csv so far */
} Trace;

/** Open the trace's files in dir, write their headers and the starting line of p. */
void trace_open(Trace *t, const char *dir, const Perceptron *p);

/** A row of the table to epochs.csv; p holds the weights after the sample. */
void trace_row(Trace *t, long epoch, const Row *r, const Perceptron *p);

/** After an update of the weights by sample r: the new line to updates.csv. */
void trace_update(Trace *t, long epoch, const Row *r, const Perceptron *p);

/** After an epoch: its count of mistakes to errors.csv and its line to lines.csv. */
void trace_epoch(Trace *t, long epoch, int errors, const Perceptron *p);

/** Close the trace's files (they get their names now). */
void trace_close(Trace *t);

/** Write samples.csv in dir: x1, x2 (0 for one input) and t of every sample, for the plots of the plane. */
void write_samples(const Dataset *d, const char *dir);

#endif
