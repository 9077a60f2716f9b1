/**
 * @file run.h
 * @brief A chapter program's plumbing around its lesson: reading its inputs,
 *        writing its weights, and noticing when training diverges.
 *
 * Each function does one thing the programs all do, and stops the program with
 * one line when it cannot (cli_fail()): exit 2 for bad input, the file and what
 * was wrong named; exit 1 for a file that cannot be written or a training run
 * that diverged. The files they write are listed by cli_print_files().
 */
#ifndef NN_RUN_H
#define NN_RUN_H

#include "data.h"
#include "idx.h"
#include "text.h"
#include "weights.h"

/** Read the CSV data set at path (data_load()), its last n_out columns the targets, or stop with exit 2. */
void run_load_csv(Dataset *d, const char *path, int n_out);

/** Read part three's text at path (text_load()), or stop with exit 2 and its one-line message. */
void run_load_text(Text *t, const char *path);

/**
 * Read the image set NAME (`train` or `t10k`) from directory dir, its first
 * limit images when limit > 0, labels below classes (idx_load_set()); with
 * pixels > 0 the images must have that many pixels. Stops with exit 2 otherwise.
 */
void run_load_images(ImageSet *s, const char *dir, const char *name, long limit, int classes, int pixels);

/** The training and test sets of dir, which must hold images of one size (and of pixels pixels when > 0). */
void run_load_train_test(ImageSet *train, ImageSet *test, const char *dir, long train_limit, long test_limit,
                         int classes, int pixels);

/** Read the weight file at path (weights_read()), or stop with exit 2 naming the line and the problem. */
void run_load_weights(Weights *w, const char *path);

/** run_load_weights() for networks with convolutions (weights_read_conv()). */
void run_load_weights_conv(Weights *w, const char *path);

/** Write w as dir/name in the weight format, after the comment line (may be NULL), or stop with exit 1. */
void run_save_weights(const Weights *w, const char *dir, const char *name, const char *comment);

/** Write g (a gradient, `--gradients FILE`) to path in the weight format, or stop with exit 1. */
void run_save_gradients(const Weights *g, const char *path, const char *comment);

/** Read the weight file at path into a model's matrices (params_read()), or stop with exit 2. */
void run_load_params(const Param *p, int n, const char *path);

/** Write a model's matrices to path (dir/name, or a full path with dir NULL), or stop with exit 1. */
void run_save_params(const Param *p, int n, const char *dir, const char *name, const char *comment);

/**
 * After a step or an epoch: stop with exit 1 and `epoch N: training diverged
 * ...; lower --lr` when the loss is not finite or a weight has passed
 * #WEIGHTS_DIVERGED (w may be NULL: the loss alone).
 */
void run_check_diverged(const Weights *w, double loss, long epoch);

#endif
