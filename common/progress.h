/**
 * @file progress.h
 * @brief A progress bar on stderr for runs that take seconds: only on a terminal.
 *
 *     epoch 2/5 [##########..........]  30016/60000  1.9 s
 *
 * It draws only when stderr is a terminal and the caller did not ask for
 * quiet, at most ten times a second, and erases itself when done, so a
 * report redirected to a file or a pipe never holds a bar.
 */
#ifndef NN_PROGRESS_H
#define NN_PROGRESS_H

/** One bar: what it counts, how far, and when it last drew. */
typedef struct {
    int on;             /**< 1 when the bar draws (stderr is a terminal, not quiet) */
    char label[64];     /**< what is counted, e.g. "epoch 2/5" */
    long total;         /**< the count at which the work is done */
    double start;       /**< timing_now() at progress_start() */
    double drawn;       /**< timing_now() at the last drawing */
} Progress;

/** Start a bar for total steps labelled label; quiet (or stderr not a terminal) turns it off. */
void progress_start(Progress *p, const char *label, long total, int quiet);

/** Say that done of the total steps are done; redraws at most every 0.1 s. */
void progress_update(Progress *p, long done);

/** Erase the bar, leaving the terminal's line as it was. */
void progress_end(Progress *p);

#endif
