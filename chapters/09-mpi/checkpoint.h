/**
 * @file checkpoint.h
 * @brief Chapter 09: saving a training run so that it can continue exactly where it stopped.
 *
 * A checkpoint is a directory: the weights, the optimiser's state (the
 * velocity, with momentum), the epoch's order of the training images, and
 * state.txt, which says where training stands and names the other three.
 * Each file is written under a `.partial` name and renamed when complete
 * (rename is atomic), and state.txt is written last: whenever the run stops,
 * state.txt names files that are whole, of one and the same step.
 */
#ifndef CH09_CHECKPOINT_H
#define CH09_CHECKPOINT_H

#include <stddef.h>

#include "../../common/rng.h"
#include "../../common/weights.h"

/** Where training stands, and the settings it must go on with. */
typedef struct {
    long step;          /**< batches done since the start */
    long epoch;         /**< the epoch in progress, from 1 */
    long batch;         /**< batches of that epoch done */
    double loss_sum;    /**< that epoch's cross-entropy so far, summed over its samples */
    long correct;       /**< that epoch's right answers so far */
    Rng rng;            /**< the generator, after that epoch's shuffle */
    long n_train;       /**< training images (--train-limit) */
    long batch_size;    /**< --batch */
    double lr;          /**< --lr */
    double momentum;    /**< --momentum */
} TrainState;

/**
 * Write a checkpoint of step s->step into dir (created if missing): the
 * weights w, the velocity v (NULL without momentum), the order of the n
 * training images; then state.txt; then remove the previous step's files.
 * Stops the program (exit 1) when a file cannot be written.
 */
void checkpoint_write(const char *dir, const TrainState *s, const Weights *w, const Weights *v, const int *order,
                      int n);

/**
 * Read the checkpoint in dir: s, the weights into w and the velocity into v
 * (allocated; v left empty without momentum), the order into a new array
 * *order of s->n_train numbers. Returns 0, or -1 with `dir/file:line: problem` in err.
 */
int checkpoint_read(const char *dir, TrainState *s, Weights *w, Weights *v, int **order, char *err, size_t errlen);

#endif
