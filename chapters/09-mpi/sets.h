/**
 * @file chapters/09-mpi/sets.h
 * @brief Chapter 09: the inputs, read by rank 0 and shared with every rank; a whole set, in pieces over the ranks.
 *
 * Rank 0 reads the image sets and the starting weights (from --load-weights,
 * a checkpoint, or chapter 04's initialisation), and finds every mistake in
 * them, said once; then every rank receives them. The loss and accuracy of a
 * whole set, and the gradient over it, are computed in pieces of
 * #EVAL_CHUNK images, piece p on rank p mod P.
 */
#ifndef CH09_SETS_H
#define CH09_SETS_H

#include "../../common/idx.h"
#include "../../common/matrix.h"
#include "../../common/weights.h"
#include "checkpoint.h"
#include "dist.h"
#include "net.h"
#include "options.h"

/** Images per piece of a set, for the evaluation and the gradient over a set. */
#define EVAL_CHUNK 1000

/** What a run starts from. */
typedef struct {
    const Options *o;           /**< the run's options (set before inputs_read()) */
    ImageSet train;             /**< the training images */
    ImageSet test;              /**< the test images (none with --gradients or --bench-allreduce) */
    Weights start;              /**< the starting weights (rank 0), or the checkpoint's */
    Weights velocity;           /**< the checkpoint's velocity (rank 0), when resuming with momentum */
    TrainState state;           /**< where the run stands (a new run: step 0, epoch 1) */
    int *order;                 /**< the training images' order (a resumed run: its epoch's) */
} Inputs;

/**
 * Rank 0's part (in->o set): the output directory (a bad --out fails now,
 * before anything runs), the image sets, and the starting weights and state.
 * Stops with exit 2 (cli_fail()) on any mistake in them.
 */
void inputs_read(Inputs *in);

/**
 * Every rank: the network rank 0's inputs call for (its shape, from the
 * weights and the images), with room for as many rows as the run gathers at once.
 */
Net inputs_network(const Inputs *in, const Dist *d);

/** Every rank receives what rank 0 read: the image sets, the state, the order, the weights, the velocity. */
void inputs_share(Inputs *in, const Dist *d, Net *net, double *velocity);

/** Release the inputs. */
void inputs_free(Inputs *in);

/**
 * The mean loss and the right answers of net on s, the same for any number of
 * ranks: each piece's sums on one rank, added by an allreduce of zeros elsewhere.
 * X and labels hold #EVAL_CHUNK rows.
 */
void set_evaluate(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, double *loss, long *correct);

/**
 * `--gradients FILE`: the gradient of the mean loss over the training images
 * at net's weights, computed by every rank in pieces, written by rank 0.
 */
void inputs_write_gradient(const Inputs *in, Dist *d, Net *net, Mat *X, int *labels);

#endif
