/**
 * @file chapters/09-mpi/sets.c
 * @brief Chapter 09: the inputs, read by rank 0 and shared with every rank; a whole set, in pieces over the ranks.
 */
#include "sets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "costs.h"
#include "share.h"

// ----------------------------------------------------------------------------
// rank 0 reads: everything that can be wrong with the files is found here, said once

/* A network of path must be chapter 04's for these images, and agree with --hidden if given. */
static void check_shapes(const Weights *w, const char *path, int inputs, const Options *o)
{
    const int in = weights_units(w, 0), out = weights_units(w, w->n_layers);
    if (w->n_layers > 2 || in != inputs || out != CLASSES) {
        char shape[64] = "";
        for (int l = 0; l <= w->n_layers && strlen(shape) < 40; l++)
            snprintf(shape + strlen(shape), sizeof shape - strlen(shape), "%s%d", l ? "-" : "", weights_units(w, l));
        cli_fail(EXIT_USAGE, "%s: a %s network; images of %d pixels need %d-10 or %d-H-10 (chapter 04's networks)",
                 path, shape, inputs, inputs, inputs);
    }
    const int H = w->n_layers == 2 ? weights_units(w, 1) : 0;
    if (o->hidden_given && o->hidden != H)
        cli_fail(EXIT_USAGE, "--hidden %ld disagrees with %s, which has %d hidden units (leave --hidden out)",
                 o->hidden, path, H);
}

/* --resume: the checkpoint's weights, velocity, order and state, which must be of this run's settings. */
static void read_checkpoint(Inputs *in, const Options *o, int inputs)
{
    TrainState want = in->state;
    char err[ERR_LEN];
    if (checkpoint_read(o->resume, &in->state, &in->start, &in->velocity, &in->order, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    check_shapes(&in->start, o->resume, inputs, o);
    for (int l = 0; l < in->velocity.n_layers; l++)     // the velocity has the weights' shapes
        if (in->velocity.n_layers != in->start.n_layers || in->velocity.W[l].rows != in->start.W[l].rows ||
            in->velocity.W[l].cols != in->start.W[l].cols)
            cli_fail(EXIT_USAGE, "--resume %s: the velocity's shapes differ from the weights'", o->resume);
    if (in->state.n_train != want.n_train || in->state.batch_size != want.batch_size || in->state.lr != want.lr ||
        in->state.momentum != want.momentum || (in->velocity.n_layers > 0) != (want.momentum > 0))
        cli_fail(EXIT_USAGE, "--resume %s: that run had %ld training images, --batch %ld, --lr %g, --momentum %g; "
                 "give the same", o->resume, in->state.n_train, in->state.batch_size, in->state.lr,
                 in->state.momentum);
}

void inputs_read(Inputs *in)
{
    const Options *o = in->o;
    if (!o->gradients)
        cli_make_dir(o->out);
    if (o->gradients || o->bench)           // they need no test set
        run_load_images(&in->train, o->data, "train", o->train_limit, CLASSES, 0);
    else
        run_load_train_test(&in->train, &in->test, o->data, o->train_limit, o->test_limit, CLASSES, 0);
    const int inputs = in->train.rows * in->train.cols;    // the network's inputs: an image's pixels
    in->state = (TrainState){.epoch = 1, .n_train = in->train.n, .batch_size = o->batch, .lr = o->lr,
                             .momentum = o->momentum};
    rng_seed(&in->state.rng, (uint64_t)o->seed);
    if (o->resume) {
        read_checkpoint(in, o, inputs);
        return;
    }
    in->order = idx_order(in->train.n);
    if (o->load) {
        run_load_weights(&in->start, o->load);
        check_shapes(&in->start, o->load, inputs, o);
    } else {
        const int sizes[3] = {inputs, (int)o->hidden, CLASSES}, two[2] = {inputs, CLASSES};
        weights_alloc(&in->start, o->hidden ? 2 : 1, o->hidden ? sizes : two);
        weights_init_glorot(&in->start, &in->state.rng);    // chapter 04's start: then the same shuffles
    }
}

// ----------------------------------------------------------------------------
// every rank receives

/* The most images a rank gathers at once, which its work space must hold: the lot, whatever the options. */
static int rows_needed(const Options *o, const Dist *d, const Inputs *in)
{
    const int n = in->train.n, B = o->batch < n ? (int)o->batch : n;    // a batch is never more than the set
    if (o->gradients)                       // inputs_write_gradient(): pieces of the training set
        return n < EVAL_CHUNK ? n : EVAL_CHUNK;
    if (o->bench)                           // time_step() of costs.c: a batch of --batch images and one of BENCH_LARGE
        return o->batch > BENCH_LARGE ? (int)o->batch : BENCH_LARGE;
    int first, count;                       // train_step(): the first share of a batch is the largest
    share_of(B, o->deterministic ? DET_SHARES : d->size, 0, &first, &count);
    const int piece = in->test.n < EVAL_CHUNK ? in->test.n : EVAL_CHUNK;    // set_evaluate(): pieces of the test set
    return count > piece ? count : piece;
}

Net inputs_network(const Inputs *in, const Dist *d)
{
    // the network's shape (layers, hidden units, inputs: an image's pixels) and the rows of its work space
    int shape[4] = {0};
    if (d->rank == 0)
        shape[0] = in->start.n_layers, shape[1] = in->start.n_layers == 2 ? weights_units(&in->start, 1) : 0,
        shape[2] = in->train.rows * in->train.cols, shape[3] = rows_needed(in->o, d, in);
    dist_bcast(shape, sizeof shape);
    const int sizes[3] = {shape[2], shape[1], CLASSES}, two[2] = {shape[2], CLASSES};
    const int rows = in->o->bench && d->rank != 0 ? 1 : shape[3];    // (--bench-allreduce: only rank 0 computes)
    return net_new(shape[0], shape[0] == 2 ? sizes : two, rows);
}

void inputs_share(Inputs *in, const Dist *d, Net *net, double *velocity)
{
    ImageSet *sets[2] = {&in->train, &in->test};
    for (int k = 0; k < 2; k++) {
        ImageSet *s = sets[k];
        int dims[3] = {s->n, s->rows, s->cols};
        dist_bcast(dims, sizeof dims);
        if (d->rank != 0) {
            *s = (ImageSet){.n = dims[0], .rows = dims[1], .cols = dims[2]};
            s->pixels = nn_alloc((size_t)dims[0] * dims[1], (size_t)dims[2],
                                 k ? "the test images" : "the training images");
            s->labels = nn_alloc((size_t)dims[0], 1, k ? "the test labels" : "the training labels");
        }
        dist_bcast(s->pixels, (size_t)dims[0] * dims[1] * dims[2]);
        dist_bcast(s->labels, (size_t)dims[0]);
    }
    dist_bcast(&in->state, sizeof in->state);
    if (d->rank != 0)
        in->order = nn_alloc((size_t)in->train.n, sizeof(int), "the training images' order");
    dist_bcast(in->order, sizeof(int) * (size_t)in->train.n);
    if (d->rank == 0)
        net_set(net, &in->start);
    dist_bcast(net->params, sizeof(double) * net->n);
    if (d->rank == 0 && in->velocity.n_layers > 0) {
        Weights v = net_views(net, velocity);   // the velocity, in the parameters' layout
        for (int l = 0; l < net->L; l++) {
            mat_copy(&v.W[l], &in->velocity.W[l]);
            mat_copy(&v.b[l], &in->velocity.b[l]);
        }
    }
    dist_bcast(velocity, sizeof(double) * net->n);
}

void inputs_free(Inputs *in)
{
    free(in->order);
    weights_free(&in->start), weights_free(&in->velocity);
    idx_free_set(&in->train), idx_free_set(&in->test);
}

// ----------------------------------------------------------------------------
// a whole set: the test set cut into pieces, each rank a piece in turn

/* The images of piece p of s: EVAL_CHUNK, fewer in the last piece. */
static int piece_rows(const ImageSet *s, int p)
{
    const int left = s->n - p * EVAL_CHUNK;
    return left < EVAL_CHUNK ? left : EVAL_CHUNK;
}

void set_evaluate(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, double *loss, long *correct)
{
    const int pieces = (s->n + EVAL_CHUNK - 1) / EVAL_CHUNK;
    double *sums = nn_alloc((size_t)2 * pieces, sizeof(double), "the pieces' losses and right answers");
    int *order = idx_order(s->n);
    for (int p = d->rank; p < pieces; p += d->size) {      // piece p on rank p mod P
        Mat Xp = idx_gather(s, order, p * EVAL_CHUNK, piece_rows(s, p), X, labels);
        int right = 0;
        sums[2 * p] = net_forward(net, &Xp, labels, &right);
        sums[2 * p + 1] = right;
    }
    dist_sum(d, sums, (size_t)2 * pieces);                  // each entry from one rank, zeros from the rest: exact
    *loss = 0.0, *correct = 0;
    for (int p = 0; p < pieces; p++)
        *loss += sums[2 * p], *correct += lround(sums[2 * p + 1]);
    *loss /= s->n;
    free(sums), free(order);
}

void inputs_write_gradient(const Inputs *in, Dist *d, Net *net, Mat *X, int *labels)
{
    const ImageSet *s = &in->train;
    const int pieces = (s->n + EVAL_CHUNK - 1) / EVAL_CHUNK;
    double *total = nn_alloc(net->n, sizeof(double), "the gradient over the set");
    int *order = idx_order(s->n), right = 0;
    for (int p = d->rank; p < pieces; p += d->size) {      // piece p on rank p mod P, as the evaluation
        Mat Xp = idx_gather(s, order, p * EVAL_CHUNK, piece_rows(s, p), X, labels);
        net_forward(net, &Xp, labels, &right);
        net_backward(net, &Xp, labels);
        for (size_t i = 0; i < net->n; i++)
            total[i] += net->grad[i];
    }
    dist_sum(d, total, net->n);
    average(total, net->n, s->n);
    memcpy(net->grad, total, sizeof(double) * net->n);
    free(total), free(order);
    if (d->rank != 0)
        return;
    char comment[512];
    snprintf(comment, sizeof comment, "ch09: the gradient of the mean cross-entropy over the first %d training "
             "images of %s, on %d rank%s", s->n, in->o->data, d->size, d->size == 1 ? "" : "s");
    run_save_gradients(&net->g, in->o->gradients, comment);
}
