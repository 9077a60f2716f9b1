/**
 * @file chapters/09-mpi/main.c
 * @brief Chapter 09's program: chapter 04's network trained on several processes at once, with MPI.
 *
 * Run it with mpirun, through chapters/09-mpi/mpirun.sh, which adds what this
 * machine needs (--allow-run-as-root for root, --oversubscribe for more ranks
 * than cores):
 *
 *     bash chapters/09-mpi/mpirun.sh ./build/bin/ch09 --ranks 2 --out build/ch09-two
 *
 * The network's inputs are the images' pixels: 784 for Fashion-MNIST's 28 x 28.
 *
 * Modes:
 * - default: data-parallel training; a report line per epoch (rank 0);
 *   checkpoints with --checkpoint-every, a continued run with --resume;
 * - `--gradients FILE`: the gradient of the mean loss over the training images
 *   at the starting weights, computed by all the ranks, and stop;
 * - `--bench-allreduce`: the allreduce's time for 1 KB to 64 MB, one step's
 *   computing time, and the model of time per step for 1 to 64 machines (costs.c).
 *
 * Starting MPI and leaving it on every rank alike is in launch.c; reading the
 * inputs on rank 0 and sharing them, and a whole set in pieces, in sets.c; the
 * report in report.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/optim.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "checkpoint.h"
#include "costs.h"
#include "dist.h"
#include "launch.h"
#include "net.h"
#include "options.h"
#include "report.h"
#include "sets.h"
#include "share.h"

// ----------------------------------------------------------------------------
// options

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch09", .hidden = 100, .epochs = 5,
                 .batch = 32, .lr = 0.5, .seed = 1, .shuffle = 1, .fail_at = {-1, 0}, .min_time = 0.2};
    const CliOption options[] = {
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "DIR", .help = "the four IDX files; rank 0 reads them"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "sigmoid hidden units; 0 is softmax regression",
                .min = 0, .max = 10000, .given = &o.hidden_given),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training set", .min = 0,
                .max = 10000),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .min = 1, .max = 60000,
                .help = "samples per step, for all the ranks together, at least P"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate eta > 0"),
        CLI_OPT("momentum", CLI_CUSTOM, &o.momentum, .arg = "X", .parse = parse_momentum,
                .help = "momentum mu in [0, 1): v = mu v + grad, W -= lr v (default 0: plain SGD)"),
        CLI_OPT("shuffle", CLI_YES_NO, &o.shuffle, .arg = "yes|no", .help = "reshuffle the training set every epoch"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "seed for the initial weights and the shuffles",
                .min = 0, .max = 2147483647L),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N",
                .help = "use the first N training images (default all)", .min = 1, .max = 100000000L),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .help = "use the first N test images (default all)",
                .min = 1, .max = 100000000L),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE",
                .help = "start from these weights (W1 D H, b1, W2 H 10, b2; D: an image's pixels, 784)"),
        CLI_OPT("deterministic", CLI_FLAG, &o.deterministic,
                .help = "cut every batch into 4 shares and add their gradients in share order:\n"
                        "the same bits on 1, 2 or 4 ranks"),
        CLI_OPT("checkpoint-every", CLI_LONG, &o.checkpoint_every, .arg = "N", .min = 1, .max = 100000000L,
                .help = "save the run every N batches into OUT/checkpoint (default none)"),
        CLI_OPT("resume", CLI_DIR, &o.resume, .arg = "DIR",
                .help = "continue the run saved in the checkpoint directory DIR"),
        CLI_OPT("fail-at", CLI_CUSTOM, o.fail_at, .arg = "R:S", .parse = parse_fail_at,
                .help = "rank R kills itself before step S (to see a lost machine, and --resume)"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the final summary; no progress bar"),
        CLI_OPT("ranks", CLI_CUSTOM, NULL, .arg = "P", .parse = refuse_ranks,
                .help = "the launcher's, not the program's: mpirun.sh --ranks P, make ch09 ARGS=\"--ranks P\""),
        CLI_HEADING("Instead of training:"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the mean loss at the starting weights, and stop"),
        CLI_OPT("bench-allreduce", CLI_FLAG, &o.bench,
                .help = "time the allreduce (1 KB to 64 MB) and one step; write the model; stop"),
        CLI_OPT("min-time", CLI_POSITIVE, &o.min_time, .arg = "S", .given = &o.min_time_given,
                .help = "with --bench-allreduce: repeat each size for at least S seconds (default 0.2)"),
        {0}};
    cli_parse(argc, argv, "Chapter 04's network on Fashion-MNIST, each mini-batch split across P processes whose "
              "gradients\none MPI_Allreduce adds up. Start it with mpirun -np P (or make ch09 ARGS=\"--ranks P ...\").",
              options);
    if (o.resume && o.load)
        cli_fail(EXIT_USAGE, "--resume continues a run with its own weights: leave out --load-weights");
    if ((o.gradients || o.bench) && (o.resume || o.checkpoint_every))
        cli_fail(EXIT_USAGE, "--%s does not train: it takes no --resume or --checkpoint-every",
                 o.gradients ? "gradients" : "bench-allreduce");
    if (o.gradients && o.bench)
        cli_fail(EXIT_USAGE, "--gradients and --bench-allreduce: give one");
    if (o.min_time_given && !o.bench)
        cli_fail(EXIT_USAGE, "--min-time is for --bench-allreduce: it says how long each size is timed");
    if (o.min_time > 10.0)
        cli_fail(EXIT_USAGE, "--min-time: at most 10 seconds a size, got '%g'", o.min_time);
    return o;
}

/* What every rank finds alike once MPI has started: each stops by itself. */
static void check_ranks(const Options *o, const Dist *d)
{
    launch_errors_collective(1);
    if (o->batch < d->size)
        cli_fail(EXIT_USAGE, "--batch %ld is smaller than the %d ranks: each rank needs a share of every batch",
                 o->batch, d->size);
    if (o->deterministic && DET_SHARES % d->size != 0)
        cli_fail(EXIT_USAGE, "--deterministic cuts each batch into %d shares: it runs on 1, 2 or 4 ranks, not %d",
                 DET_SHARES, d->size);
    if (o->fail_at[0] >= d->size)
        cli_fail(EXIT_USAGE, "--fail-at: there is no rank %ld in a run of %d", o->fail_at[0], d->size);
    launch_errors_collective(0);
}

// ----------------------------------------------------------------------------
// one step: each rank its share, one sum, the same update everywhere

typedef struct {
    const Options *o;
    Dist *d;
    Net *net;
    const ImageSet *train;
    const int *order;
    Mat X;                      // a share's images
    int *labels;                // a share's classes
    Optim opt;                  // momentum with mu = --momentum (mu = 0: chapter 04's W -= lr dE/dW)
    double *velocity;           // momentum's v, in the parameters' layout (with mu = 0, the last step's gradient)
    double *blocks, *all;       // --deterministic: this rank's shares' sums, and every share's
} Trainer;

/* The sum over rows order[start .. start+count) of the loss and its gradient, into net->grad (then loss, right). */
static void share_sum(Trainer *t, int start, int count)
{
    Net *net = t->net;
    if (count == 0) {                       // an empty share (a last batch smaller than the shares): adds nothing
        memset(net->grad, 0, sizeof(double) * (net->n + NET_EXTRA));
        return;
    }
    Mat X = idx_gather(t->train, t->order, start, count, &t->X, t->labels);
    int correct = 0;
    const double loss = net_forward(net, &X, t->labels, &correct);
    net_backward(net, &X, t->labels);
    net->grad[net->n] = loss;               // the loss and the right answers ride in the same message
    net->grad[net->n + 1] = correct;
}

//! [step]
/* One step on the batch order[start .. start+B): returns its loss summed over the batch, adds its right answers. */
static double train_step(Trainer *t, int start, int B, long *correct)
{
    Net *net = t->net;
    const int P = t->d->size, r = t->d->rank;
    const size_t n = net->n + NET_EXTRA;
    int first, count;
    if (!t->o->deterministic) {
        share_of(B, P, r, &first, &count);                 // this rank's samples of the batch
        share_sum(t, start + first, count);                 // the sum of their gradients
        dist_sum(t->d, net->grad, n);                       // + every other rank's: the batch's sum
    } else {
        const int per = DET_SHARES / P;                     // always 4 shares, whatever P
        for (int k = 0; k < per; k++) {
            share_of(B, DET_SHARES, r * per + k, &first, &count);
            share_sum(t, start + first, count);
            memcpy(t->blocks + (size_t)k * n, net->grad, sizeof(double) * n);
        }
        dist_gather_sum(t->d, t->blocks, n, per, t->all, net->grad);   // added in share order
    }
    const double loss = net->grad[net->n];
    *correct += lround(net->grad[net->n + 1]);
    average(net->grad, net->n, B);                          // the gradient of the batch's mean loss
    // the same update on every rank, chapter 05's momentum (common/optim.h): v = mu v + dE/dW, W -= lr v;
    // with mu = 0, chapter 04's W -= lr dE/dW
    optim_begin(&t->opt);
    optim_update(&t->opt, net->params, net->grad, t->velocity, NULL, net->n, t->o->lr, 0);
    return loss;
}
//! [step]

// ----------------------------------------------------------------------------
// training: epochs of steps, checkpoints, and the test set after each epoch

static void write_checkpoint(const Trainer *t, const TrainState *st)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/checkpoint", t->o->out);
    const Weights v = net_views(t->net, t->velocity);
    checkpoint_write(dir, st, &t->net->w, t->o->momentum > 0 ? &v : NULL, t->order, t->train->n);
}

/* The epochs from st's on (a resumed run: from its batch); rank 0 reports each into epochs and timing. */
static void train(Trainer *t, TrainState *st, const ImageSet *test, FILE *epochs, FILE *timing)
{
    const Options *o = t->o;
    Dist *d = t->d;
    const int n = t->train->n, B = (int)o->batch;
    Rng rng = st->rng;
    int *order = (int *)t->order;
    if (d->rank == 0 && !o->quiet)
        report_epoch_titles();
    for (long epoch = st->epoch; epoch <= o->epochs; epoch++) {
        const int resumed = epoch == st->epoch && st->batch > 0;    // the order and sums come from the checkpoint
        if (o->shuffle && !resumed)
            rng_shuffle(&rng, order, n);                // every rank draws the same order: nothing to send
        double loss = resumed ? st->loss_sum : 0.0;
        long correct = resumed ? st->correct : 0;
        char label[64];
        snprintf(label, sizeof label, "epoch %ld/%ld", epoch, o->epochs);
        Progress bar;
        progress_start(&bar, label, n, o->quiet || d->rank != 0);
        const double t0 = timing_now(), c0 = d->comm_seconds;
        const long first_batch = resumed ? st->batch : 0, seen = n - first_batch * B;  // this run's part of the epoch
        for (long b = first_batch; (long)b * B < n; b++) {
            const long step = st->step + 1;
            if (step == o->fail_at[1] && d->rank == o->fail_at[0])
                raise(SIGKILL);                         // --fail-at: this machine is lost
            const int start = (int)(b * B), size = n - start < B ? n - start : B;
            loss += train_step(t, start, size, &correct);
            *st = (TrainState){.step = step, .epoch = epoch, .batch = b + 1, .loss_sum = loss, .correct = correct,
                               .rng = rng, .n_train = n, .batch_size = B, .lr = o->lr, .momentum = o->momentum};
            if (o->checkpoint_every && step % o->checkpoint_every == 0 && d->rank == 0)
                write_checkpoint(t, st);
            progress_update(&bar, start + size);
        }
        progress_end(&bar);
        const double seconds = timing_now() - t0, comm = d->comm_seconds - c0;
        run_check_diverged(&t->net->w, loss, epoch);
        Epoch e = {.epoch = epoch, .train_loss = loss / n, .train_accuracy = 100.0 * correct / n, .seconds = seconds,
                   .comm_seconds = comm, .samples = seen};
        long test_correct;
        set_evaluate(t->net, test, d, &t->X, t->labels, &e.test_loss, &test_correct);
        e.test_accuracy = 100.0 * test_correct / test->n;
        if (d->rank == 0)
            report_epoch(o, d, epochs, timing, &e);
        st->batch = 0;                                  // the next epoch starts from its first batch
        st->epoch = epoch + 1;
    }
}

// ----------------------------------------------------------------------------
// the training run: rank 0 reports and writes the files

static void run(const Options *o, Dist *d, Inputs *in, Net *net, double *velocity, Mat *X, int *labels)
{
    if (d->rank == 0 && !o->quiet)
        report_header(o, d, net, &in->train, &in->test, &in->state);
    const size_t n = net->n + NET_EXTRA, per = o->deterministic ? DET_SHARES / d->size : 0;
    Trainer t = {.o = o, .d = d, .net = net, .train = &in->train, .order = in->order, .X = *X, .labels = labels,
                 .opt = {.kind = OPTIM_MOMENTUM, .mu = o->momentum}, .velocity = velocity,
                 .blocks = per ? nn_alloc(n * per, sizeof(double), "this rank's shares' gradients") : NULL,
                 .all = per ? nn_alloc(n * DET_SHARES, sizeof(double), "every share's gradient") : NULL};
    FILE *epochs = NULL, *timing = NULL;
    if (d->rank == 0) {
        epochs = launch_open(o->out, "epochs.csv", "epoch,train_loss,train_accuracy,test_loss,test_accuracy");
        timing = launch_open(o->out, "timing.csv", "epoch,ranks,batch,seconds,comm_seconds,samples_per_second");
        // the Files line's places of these and of what comes at the end, taken before the checkpoints'
        // files (a few per checkpoint, in OUT/checkpoint) fill the list of cli_print_files()
        cli_wrote(o->out, "epochs.csv"), cli_wrote(o->out, "timing.csv"), cli_wrote(o->out, "weights.txt");
        if (o->checkpoint_every)
            cli_wrote(o->out, "checkpoint/");
    }
    TrainState st = in->state;
    train(&t, &st, &in->test, epochs, timing);
    double test_loss;
    long right;
    set_evaluate(net, &in->test, d, X, labels, &test_loss, &right);
    if (d->rank == 0) {
        launch_done(epochs);
        launch_done(timing);
        report_test(o, d, right, in->test.n, test_loss);
        run_save_weights(&net->w, o->out, "weights.txt", "ch09 weights after training");
        if (!o->quiet) {
            printf("\n");
            cli_print_files(o->out);
        }
    }
    free(t.blocks), free(t.all);
}

/* inputs_read() on rank 0, with the others waiting for its word (launch_read_or_wait()). */
static void read_inputs(void *in)
{
    inputs_read(in);
}

int main(int argc, char **argv)
{
    cli_init("ch09");
    const int first = dist_rank_before_init() == 0;
    cli_set_quiet_errors(!first);               // every rank meets the same mistake: rank 0 says it
    if (!first && !freopen("/dev/null", "w", stdout))
        return 1;                               // the report is rank 0's
    Options o = parse_options(argc, argv);      // the same options on every rank: a mistake stops each, alike
    Inputs in = {.o = &o};
    const int alone = dist_size_before_init() == 1;
    if (alone)
        inputs_read(&in);                       // no other rank waits: a mistake in the files costs no MPI start
    Dist d = launch_mpi(&argc, &argv);
    check_ranks(&o, &d);
    if (!alone)
        launch_read_or_wait(&d, read_inputs, &in);  // rank 0 reads the files; a mistake in them stops every rank
    Net net = inputs_network(&in, &d);
    double *velocity = nn_alloc(net.n, sizeof(double), "the momentum's velocity");
    inputs_share(&in, &d, &net, velocity);
    Mat X = mat_new(net.capacity, weights_units(&net.w, 0));
    int *labels = nn_alloc((size_t)net.capacity, sizeof(int), "a share's labels");
    if (o.gradients)
        inputs_write_gradient(&in, &d, &net, &X, labels);
    else if (o.bench)
        costs_report(&net, &in.train, &d, &X, labels, (int)o.batch, o.min_time, o.out);
    else
        run(&o, &d, &in, &net, velocity, &X, labels);
    free(labels), free(velocity);
    mat_free(&X);
    net_free(&net);
    inputs_free(&in);
    dist_finalize();
    return 0;
}
