/**
 * @file chapters/02-xor-mlp/report.h
 * @brief Chapter 02's program around its lesson: the report's tables and
 *        advice, and the files its plots read.
 *
 * main.c trains the 2-H-1 network of mlp.h; these functions show what it
 * learned. The plots of the plane (the boundary, the hidden units' lines, the
 * animation's frames) are written only for data with two inputs; they show the
 * data's range over both inputs and half as much again on each side,
 * \f$[-0.5, 1.5]^2\f$ for 0/1 data.
 */
#ifndef CH02_REPORT_H
#define CH02_REPORT_H

#include <stdio.h>

#include "../../common/data.h"
#include "../../common/weights.h"

/**
 * What a run records while it trains: the loss of every epoch (loss.csv), and
 * the network's output over the plane at a few epochs (frames.dat, listed in
 * frames.csv), the frames of the animation.
 */
typedef struct {
    FILE *loss;         /**< loss.csv: epoch, E */
    FILE *frames;       /**< frames.dat: one grid of outputs per frame */
    FILE *frame_list;   /**< frames.csv: each frame's epoch */
    long epochs;        /**< the run's length, which places the frames */
    int frame;          /**< the frames written so far */
    int plane;          /**< 1 when the data has two inputs: only then are there frames */
    double lo;          /**< the square the frames show: [lo, hi] on both inputs */
    double hi;          /**< (see lo) */
    double E_late;      /**< the loss a tenth of the run before its end: was it still falling? */
} Trace;

/** Open the trace of a run of epochs epochs on d, in directory dir. */
void trace_open(Trace *t, const char *dir, const Dataset *d, long epochs);

/**
 * Record the network net after `epoch` steps, the last of which started from
 * loss E; epoch 0 is the start (a frame only). t may be NULL: a run that keeps
 * no trace (the study's).
 */
void trace_epoch(Trace *t, const Weights *net, long epoch, double E);

/** Close the trace's files (they get their names now). */
void trace_close(Trace *t);

/** 1 when every output in Y is on the same side of 0.5 as its target in T: the network learned the data. */
int learned(const Mat *Y, const Mat *T);

/**
 * Print what a run learned: the data's inputs, each target and the output Y
 * of the final weights net, the loss E and whether it learned, and if not,
 * why and what to change (the advice follows the cause: outputs stuck at 0
 * or 1, a loss still falling, a local minimum); then the weights. E_late is
 * the loss a tenth of the run before the end; lr and epochs are the run's.
 */
void report_result(const Weights *net, const Dataset *d, const Mat *Y, double E, double E_late, double lr,
                   long epochs);

/**
 * Print a study's result: how many of the n networks learned (good), the
 * spread of their final losses (losses, reordered here), and its file,
 * study.csv in dir.
 */
void report_study(double *losses, long n, long good, const char *dir);

/**
 * Write the plots of the plane in dir: grid.dat (the output over the plane),
 * hidden.csv (each hidden unit's line) and samples.csv (inputs, target and
 * output Y of every sample).
 */
void write_plot_files(const char *dir, const Weights *net, const Dataset *d, const Mat *Y);

#endif
