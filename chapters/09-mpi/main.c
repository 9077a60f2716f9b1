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
 *   computing time, and the model of time per step for 1 to 64 machines.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "checkpoint.h"
#include "dist.h"
#include "net.h"
#include "share.h"

/*
 * Under AddressSanitizer (make check SANITIZE=1), no leak report at exit: Open
 * MPI keeps what its components allocate, and unloads the components at
 * MPI_Finalize, so LeakSanitizer can tell neither their leaks from ours nor
 * where they came from. make memcheck checks this program's leaks with
 * valgrind instead, with suppressions for Open MPI's libraries.
 */
#if defined(__SANITIZE_ADDRESS__)
#define CH09_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CH09_ASAN 1
#endif
#endif
#ifdef CH09_ASAN
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif

#define CLASSES 10
#define EVAL_CHUNK 1000         // test images per piece of the evaluation
#define DET_SHARES 4            // --deterministic: a batch is always cut into this many shares
#define BENCH_LARGE 1024        // --bench-allreduce: the large batch of the model, beside --batch

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients, *resume;
    long hidden, epochs, batch, train_limit, test_limit, checkpoint_every, fail_rank, fail_step;
    double lr, momentum;
    unsigned long seed;
    int shuffle, quiet, deterministic, bench, hidden_given;
} Options;

static void usage(void)
{
    printf("Usage: mpirun -np P ch09 [options]      (or: make ch09 ARGS=\"--ranks P ...\")\n"
           "Chapter 04's network on Fashion-MNIST, each mini-batch split across P processes whose gradients\n"
           "one MPI_Allreduce adds up.\n"
           "\n"
           "  --data DIR            the four IDX files (default /usr/share/datasets/fashion-mnist); rank 0 reads them\n"
           "  --hidden H            sigmoid hidden units; 0 is softmax regression (default 100)\n"
           "  --epochs N            passes over the training set (default 5)\n"
           "  --batch B             samples per step, for all the ranks together, at least P (default 32)\n"
           "  --lr X                learning rate eta > 0 (default 0.5)\n"
           "  --momentum X          momentum mu in [0, 1): v = mu v + grad, W -= lr v (default 0: plain SGD)\n"
           "  --shuffle yes|no      reshuffle the training set every epoch (default yes)\n"
           "  --seed N              seed for the initial weights and the shuffles (default 1)\n"
           "  --train-limit N       use the first N training images (default all)\n"
           "  --test-limit N        use the first N test images (default all)\n"
           "  --load-weights FILE   start from these weights (W1 D H, b1, W2 H 10, b2; D: an image's pixels, 784)\n"
           "  --deterministic       cut every batch into 4 shares and add their gradients in share order:\n"
           "                        the same bits on 1, 2 or 4 ranks\n"
           "  --checkpoint-every N  save the run every N batches into OUT/checkpoint\n"
           "  --resume DIR          continue the run saved in the checkpoint directory DIR\n"
           "  --gradients FILE      write the gradient of the mean loss at the starting weights, and stop\n"
           "  --bench-allreduce     time the allreduce (1 KB to 64 MB) and one step; write the model; stop\n"
           "  --fail-at R:S         rank R kills itself before step S (to see a lost machine, and --resume)\n"
           "  --out DIR             where to write the files (default build/ch09)\n"
           "  --quiet               print only the final summary; no progress bar\n"
           "  --help                show this help\n");
    cli_exit(0);
}

/* --fail-at R:S */
static void parse_fail_at(Options *o, const char *text)
{
    const char *colon = strchr(text, ':');
    if (!colon || colon == text || !colon[1])
        cli_fail(EXIT_USAGE, "--fail-at: expected RANK:STEP, e.g. 1:40, got '%s'", text);
    char rank[32];
    snprintf(rank, sizeof rank, "%.*s", (int)(colon - text) < 31 ? (int)(colon - text) : 31, text);
    o->fail_rank = cli_long("--fail-at", rank, 0, 4095);
    o->fail_step = cli_long("--fail-at", colon + 1, 1, 100000000L);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch09", .hidden = 100, .epochs = 5,
                 .batch = 32, .lr = 0.5, .seed = 1, .shuffle = 1, .fail_rank = -1};
    static const struct option longopts[] = {
        {"data", required_argument, 0, 'd'},        {"hidden", required_argument, 0, 'H'},
        {"epochs", required_argument, 0, 'e'},      {"batch", required_argument, 0, 'b'},
        {"lr", required_argument, 0, 'l'},          {"momentum", required_argument, 0, 'm'},
        {"shuffle", required_argument, 0, 'S'},     {"seed", required_argument, 0, 's'},
        {"train-limit", required_argument, 0, 't'}, {"test-limit", required_argument, 0, 'T'},
        {"load-weights", required_argument, 0, 'w'}, {"deterministic", no_argument, 0, 'D'},
        {"checkpoint-every", required_argument, 0, 'c'}, {"resume", required_argument, 0, 'r'},
        {"gradients", required_argument, 0, 'g'},   {"bench-allreduce", no_argument, 0, 'B'},
        {"fail-at", required_argument, 0, 'f'},     {"out", required_argument, 0, 'o'},
        {"ranks", required_argument, 0, 'R'},
        {"quiet", no_argument, 0, 'q'},             {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'd': o.data = optarg; break;
        case 'H': o.hidden = cli_long("--hidden", optarg, 0, 10000), o.hidden_given = 1; break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000); break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000); break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'm':
            o.momentum = cli_double("--momentum", optarg);
            if (o.momentum < 0.0 || o.momentum >= 1.0)
                cli_fail(EXIT_USAGE, "--momentum: must be in [0, 1), got '%s'", optarg);
            break;
        case 'S': o.shuffle = cli_yes_no("--shuffle", optarg); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L); break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L); break;
        case 'w': o.load = optarg; break;
        case 'D': o.deterministic = 1; break;
        case 'c': o.checkpoint_every = cli_long("--checkpoint-every", optarg, 1, 100000000L); break;
        case 'r': o.resume = cli_dir("--resume", optarg); break;
        case 'g': o.gradients = optarg; break;
        case 'B': o.bench = 1; break;
        case 'f': parse_fail_at(&o, optarg); break;
        case 'R':
            cli_fail(EXIT_USAGE, "--ranks is for the launcher: mpirun -np %s ./build/bin/ch09 ..., or make ch09 "
                     "ARGS=\"--ranks %s ...\"", optarg, optarg);
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    if (o.resume && o.load)
        cli_fail(EXIT_USAGE, "--resume continues a run with its own weights: leave out --load-weights");
    if ((o.gradients || o.bench) && (o.resume || o.checkpoint_every))
        cli_fail(EXIT_USAGE, "--%s does not train: it takes no --resume or --checkpoint-every",
                 o.gradients ? "gradients" : "bench-allreduce");
    if (o.gradients && o.bench)
        cli_fail(EXIT_USAGE, "--gradients and --bench-allreduce: give one");
    return o;
}

// ----------------------------------------------------------------------------
// leaving: every rank the same way

static int mpi_started, mpi_size, errors_collective, reading;

/* Block SIGTERM in this thread (blocked = 1) or let it in again (0). */
static void sigterm_blocked(int blocked)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/*
 * cli_exit()'s hook. An error that every rank meets (a bad --batch for this
 * many ranks) ends MPI on each. One that rank 0 meets while it reads the files
 * is sent to the other ranks, which wait for its word (read_or_wait()): each
 * then leaves with the same code. One that a single rank meets later (a file
 * rank 0 cannot write) must stop the others too, which wait for it in the
 * next collective: MPI_Abort.
 */
static void leave(int code)
{
    sigterm_blocked(1);                     // leaving anyway: mpirun's SIGTERM to the last ranks changes nothing
    if (reading) {                          // rank 0 could not read the files: tell the others, who wait for it
        reading = 0;
        dist_bcast(&code, sizeof code);
    } else if (mpi_started && mpi_size > 1 && !errors_collective && code != 0)
        dist_abort(code);
    if (mpi_started)
        dist_finalize();
    exit(code);
}

/*
 * mpirun ends the other ranks with SIGTERM when one of them dies (and with
 * SIGKILL a second later): rank 0 then removes the files it was still
 * writing, under their .partial names, says why in one line, and goes.
 *
 * Why the handler may read `partial` (and the message), and always finds it
 * whole. A signal interrupts the program anywhere, so the handler must never
 * see an object half changed; and in a process with threads (the MPI library
 * starts two in MPI_Init) it runs in any thread that does not block the
 * signal, possibly while the main thread goes on changing that object. So:
 * - SIGTERM is blocked before MPI_Init, and the library's threads inherit
 *   that mask: only the main thread, which unblocks it afterwards, ever runs
 *   the handler, and then the main thread is the one interrupted;
 * - the main thread blocks SIGTERM again while it changes `partial` and the
 *   files it names (sigterm_blocked()): a SIGTERM that comes meanwhile waits,
 *   pending, and is handled when the change is complete. pthread_sigmask()
 *   is a call the compiler cannot see into, so the stores before it are all
 *   made before SIGTERM can come in;
 * - the message is set once, before SIGTERM is first let in (start_mpi()).
 * The handler calls only unlink(), write() and _exit(), which POSIX allows in
 * a signal handler.
 */
static char partial[2][4200];       // rank 0's epochs.csv and timing.csv while they are written, or ""
static const char *stopped_msg = "";       // what the handler says (nothing on ranks other than 0)
static size_t stopped_len;

static void on_sigterm(int sig)
{
    (void)sig;
    for (int k = 0; k < 2; k++)
        if (partial[k][0])
            unlink(partial[k]);
    if (write(STDERR_FILENO, stopped_msg, stopped_len) < 0) {}
    _exit(128 + SIGTERM);
}

/* Start MPI, with SIGTERM handled by the main thread alone (see above). */
static Dist start_mpi(int *argc, char ***argv)
{
    sigterm_blocked(1);                     // the threads MPI_Init starts inherit this
    Dist d = dist_init(argc, argv);
    mpi_started = 1, mpi_size = d.size;
    cli_set_exit_hook(leave);
    stopped_msg = d.rank != 0 ? ""         // (rank 0 says it, once)
                : d.size > 1 ? "ch09: stopped by mpirun: another rank ended first (a killed process, a failed "
                               "node); a checkpoint, if one was written, is whole: --resume from it\n"
                : "ch09: stopped by SIGTERM; a checkpoint, if one was written, is whole: --resume from it\n";
    stopped_len = strlen(stopped_msg);
    struct sigaction sa = {.sa_handler = on_sigterm};
    sigaction(SIGTERM, &sa, NULL);
    sigterm_blocked(0);                     // from here on, a lost rank ends the run: say so
    return d;
}

// ----------------------------------------------------------------------------
// data and weights: rank 0 reads them, every rank receives them

typedef struct {
    ImageSet train, test;
    Weights start;              // the starting weights (rank 0), or the checkpoint's
    Weights velocity;           // the checkpoint's velocity (rank 0), when resuming with momentum
    TrainState state;           // where the run stands (a new run: step 0, epoch 1)
    int *order;                 // the training images' order (a resumed run: its epoch's)
} Inputs;

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

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

/* Rank 0: everything that can be wrong with the files is found here, said once. */
static void read_inputs(Inputs *in, const Options *o)
{
    load_set(&in->train, o, "train", o->train_limit);
    if (!o->gradients && !o->bench) {
        load_set(&in->test, o, "t10k", o->test_limit);
        if (in->test.rows != in->train.rows || in->test.cols != in->train.cols)
            cli_fail(EXIT_USAGE, "%s: the test images are %dx%d but the training images %dx%d", o->data,
                     in->test.rows, in->test.cols, in->train.rows, in->train.cols);
    }
    const int inputs = in->train.rows * in->train.cols;    // the network's inputs: an image's pixels
    char err[ERR_LEN];
    in->state = (TrainState){.epoch = 1, .n_train = in->train.n, .batch_size = o->batch, .lr = o->lr,
                             .momentum = o->momentum};
    rng_seed(&in->state.rng, o->seed);
    if (o->resume) {
        TrainState want = in->state;
        if (checkpoint_read(o->resume, &in->state, &in->start, &in->velocity, &in->order, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        check_shapes(&in->start, o->resume, inputs, o);
        for (int l = 0; l < in->velocity.n_layers; l++)     // the velocity has the weights' shapes
            if (in->velocity.n_layers != in->start.n_layers || in->velocity.W[l].rows != in->start.W[l].rows ||
                in->velocity.W[l].cols != in->start.W[l].cols)
                cli_fail(EXIT_USAGE, "--resume %s: the velocity's shapes differ from the weights'", o->resume);
        if (in->state.n_train != want.n_train || in->state.batch_size != want.batch_size ||
            in->state.lr != want.lr || in->state.momentum != want.momentum ||
            (in->velocity.n_layers > 0) != (want.momentum > 0))
            cli_fail(EXIT_USAGE, "--resume %s: that run had %ld training images, --batch %ld, --lr %g, --momentum %g; "
                     "give the same", o->resume, in->state.n_train, in->state.batch_size, in->state.lr,
                     in->state.momentum);
        return;
    }
    in->order = idx_order(in->train.n);
    if (o->load) {
        if (weights_read(&in->start, o->load, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        check_shapes(&in->start, o->load, inputs, o);
    } else {
        const int sizes[3] = {inputs, (int)o->hidden, CLASSES}, two[2] = {inputs, CLASSES};
        weights_alloc(&in->start, o->hidden ? 2 : 1, o->hidden ? sizes : two);
        weights_init_glorot(&in->start, &in->state.rng);    // chapter 04's start: then the same shuffles
    }
}

/* Rank 0's part: the output directory (a bad --out fails now, before anything runs) and the files. */
static void read_files(Inputs *in, const Options *o)
{
    if (!o->gradients)
        cli_make_dir(o->out);
    read_inputs(in, o);
}

/*
 * Under a launcher, rank 0 reads the files after MPI_Init, while the other
 * ranks wait for its word: a mistake in them is said by rank 0 and sent to
 * the others (leave()), and every rank leaves with its code. (Read before
 * MPI_Init, a mistake would end rank 0 while the others wait for it in
 * MPI_Init, until the launcher, if it does, ends them.) A process alone reads
 * them before MPI starts, since nothing waits for it: see main().
 */
static void read_or_wait(Inputs *in, const Options *o, const Dist *d)
{
    int verdict = 0;                        // 0: rank 0 read everything; else the code it leaves with
    if (d->rank == 0) {
        reading = 1;
        read_files(in, o);
        reading = 0;
    }
    dist_bcast(&verdict, sizeof verdict);
    if (verdict != 0) {
        errors_collective = 1;
        cli_exit(verdict);
    }
}

/* The most images a rank gathers at once, which its work space must hold: the lot, whatever the options. */
static int rows_needed(const Options *o, const Dist *d, const Inputs *in)
{
    const int n = in->train.n, B = o->batch < n ? (int)o->batch : n;    // a batch is never more than the set
    if (o->gradients)                       // write_gradients(): pieces of the training set
        return n < EVAL_CHUNK ? n : EVAL_CHUNK;
    if (o->bench)                           // time_step(): a batch of --batch images and one of BENCH_LARGE
        return o->batch > BENCH_LARGE ? (int)o->batch : BENCH_LARGE;
    int first, count;                       // train_step(): the first share of a batch is the largest
    share_of(B, o->deterministic ? DET_SHARES : d->size, 0, &first, &count);
    const int piece = in->test.n < EVAL_CHUNK ? in->test.n : EVAL_CHUNK;    // evaluate(): pieces of the test set
    return count > piece ? count : piece;
}

/* Every rank receives what rank 0 read: the image sets, the shapes, the weights, the state. */
static void share_inputs(Inputs *in, const Dist *d, Net *net, double *velocity)
{
    ImageSet *sets[2] = {&in->train, &in->test};
    for (int k = 0; k < 2; k++) {
        ImageSet *s = sets[k];
        int dims[3] = {s->n, s->rows, s->cols};
        dist_bcast(dims, sizeof dims);
        if (d->rank != 0) {
            *s = (ImageSet){.n = dims[0], .rows = dims[1], .cols = dims[2]};
            s->pixels = malloc((size_t)dims[0] * dims[1] * dims[2] + 1);
            s->labels = malloc((size_t)dims[0] + 1);
            if (!s->pixels || !s->labels)
                cli_fail(EXIT_FAILURE_IO, "out of memory for %d images", dims[0]);
        }
        dist_bcast(s->pixels, (size_t)dims[0] * dims[1] * dims[2]);
        dist_bcast(s->labels, (size_t)dims[0]);
    }
    dist_bcast(&in->state, sizeof in->state);
    if (d->rank != 0)
        in->order = malloc(sizeof(int) * (size_t)(in->train.n > 0 ? in->train.n : 1));
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
    double *velocity;           // momentum's v, in the parameters' layout (zeros without momentum)
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
    const double mu = t->o->momentum, lr = t->o->lr;
    for (size_t i = 0; i < net->n; i++) {                   // the same update on every rank
        t->velocity[i] = mu * t->velocity[i] + net->grad[i];
        net->params[i] -= lr * t->velocity[i];              // mu = 0: chapter 04's W -= lr dE/dW
    }
    return loss;
}
//! [step]

// ----------------------------------------------------------------------------
// evaluation: the test set cut into pieces, each rank a piece in turn

/* The images of piece p of s: EVAL_CHUNK, fewer in the last piece. */
static int piece_rows(const ImageSet *s, int p)
{
    const int left = s->n - p * EVAL_CHUNK;
    return left < EVAL_CHUNK ? left : EVAL_CHUNK;
}

/* The mean loss and the right answers on s, the same for any number of ranks. */
static void evaluate(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, double *loss, long *correct)
{
    const int pieces = (s->n + EVAL_CHUNK - 1) / EVAL_CHUNK;
    double *sums = calloc((size_t)2 * pieces + 1, sizeof(double));
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

// ----------------------------------------------------------------------------
// training

typedef struct {
    FILE *epochs, *timing;
    char epochs_path[4096], timing_path[4096];
} Files;

static void write_checkpoint(const Trainer *t, const TrainState *st)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/checkpoint", t->o->out);
    const Weights v = net_views(t->net, t->velocity);
    checkpoint_write(dir, st, &t->net->w, t->o->momentum > 0 ? &v : NULL, t->order, t->train->n);
}

/* An epoch's line in the report, epochs.csv and timing.csv; n images were trained on in the seconds. */
static void epoch_line(const Options *o, const Dist *d, FILE *csv, FILE *timing, long epoch, double train_loss,
                       double train_acc, double test_loss, double test_acc, double seconds, double comm, long n)
{
    fprintf(csv, "%ld,%.9g,%.4f,%.9g,%.4f\n", epoch, train_loss, train_acc, test_loss, test_acc);
    fprintf(timing, "%ld,%d,%ld,%.4g,%.4g,%.0f\n", epoch, d->size, o->batch, seconds, comm, n / seconds);
    if (!o->quiet)
        printf("  %5ld  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %7.2f  %9.0f  %5.1f%%\n", epoch, train_loss, train_acc,
               test_loss, test_acc, seconds, n / seconds, 100.0 * comm / seconds);
    fflush(stdout);
}

static void train(Trainer *t, TrainState *st, const ImageSet *test, Files *f)
{
    const Options *o = t->o;
    Dist *d = t->d;
    const int n = t->train->n, B = (int)o->batch;
    Rng rng = st->rng;
    int *order = (int *)t->order;
    if (d->rank == 0 && !o->quiet)
        printf("  %5s  %10s  %9s  %9s  %8s  %7s  %9s  %6s\n", "epoch", "train loss", "train acc", "test loss",
               "test acc", "seconds", "samples/s", "comm");
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
            if (step == o->fail_step && d->rank == o->fail_rank)
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
        if (!isfinite(loss) || !(weights_max_abs(&t->net->w) <= WEIGHTS_DIVERGED))
            cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (the loss is not finite); lower --lr", epoch);
        double test_loss;
        long test_correct;
        evaluate(t->net, test, d, &t->X, t->labels, &test_loss, &test_correct);
        if (d->rank == 0)
            epoch_line(o, d, f->epochs, f->timing, epoch, loss / n, 100.0 * correct / n, test_loss,
                       100.0 * test_correct / test->n, seconds, comm, seen);
        st->batch = 0;                                  // the next epoch starts from its first batch
        st->epoch = epoch + 1;
    }
}

// ----------------------------------------------------------------------------
// --gradients: the gradient of the mean loss over the training images, by all the ranks

static void write_gradients(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, const Options *o)
{
    const int pieces = (s->n + EVAL_CHUNK - 1) / EVAL_CHUNK;
    double *total = calloc(net->n, sizeof(double));
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
    if (d->rank == 0) {
        memcpy(net->grad, total, sizeof(double) * net->n);
        char err[ERR_LEN], comment[512];
        snprintf(comment, sizeof comment, "ch09: the gradient of the mean cross-entropy over the first %d training "
                 "images of %s, on %d rank%s", s->n, o->data, d->size, d->size == 1 ? "" : "s");
        if (weights_write(&net->g, o->gradients, comment, err, sizeof err) != 0)
            cli_fail(EXIT_FAILURE_IO, "%s", err);
    }
    free(total), free(order);
}

// ----------------------------------------------------------------------------
// --bench-allreduce: what communication costs here, and a model of what it would cost on a cluster

#define NET_LATENCY 25e-6       // the model's network: 25 microseconds a message,
#define NET_BANDWIDTH 1.25e9    // and 10 Gbit/s = 1.25 GB/s

/* The median seconds of one allreduce of bytes bytes, repeated for about 0.2 s (the slowest rank's time). */
static double time_allreduce(Dist *d, size_t bytes)
{
    const size_t n = bytes / sizeof(double);
    double *x = calloc(n ? n : 1, sizeof(double)), t[41];
    Dist quiet = *d;                    // (not counted as the run's communication)
    int reps = 0;
    for (double spent = 0.0; reps < 41 && (reps < 5 || spent < 0.2); reps++) {
        dist_barrier();                 // all start together
        const double t0 = timing_now();
        dist_sum(&quiet, x, n);
        t[reps] = dist_max(timing_now() - t0);
        spent += t[reps];
    }
    free(x);
    return timing_median(t, reps);
}

/*
 * The seconds of one step's computing (forward and backward) on B images, on
 * rank 0 alone while the others wait: the fastest of 9, the least disturbed
 * by this machine's other work. Every rank gets the answer. The images are
 * the set's first ones, taken again from the first when B is more than the set.
 */
static double time_step(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, int B)
{
    double best = 0.0;
    if (d->rank == 0) {
        int *order = malloc(sizeof(int) * (size_t)B), right = 0;
        if (!order)
            cli_fail(EXIT_FAILURE_IO, "out of memory for a batch of %d", B);
        for (int k = 0; k < B; k++)
            order[k] = k % s->n;
        Mat Xb = mat_rows(X, 0, B);
        idx_batch(&Xb, s, order);
        for (int k = 0; k < B; k++)
            labels[k] = s->labels[order[k]];
        for (int k = 0; k < 9; k++) {
            const double t0 = timing_now();
            net_forward(net, &Xb, labels, &right);
            net_backward(net, &Xb, labels);
            const double t = timing_now() - t0;
            best = k == 0 || t < best ? t : best;
        }
        free(order);
    }
    dist_bcast(&best, sizeof best);
    return best;
}

//! [bench]
static void bench_allreduce(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, const Options *o)
{
    char path[4096];
    FILE *f = d->rank == 0 ? cli_create(o->out, "allreduce.csv", path, sizeof path) : NULL;
    if (f)
        fprintf(f, "bytes,seconds,gigabytes_per_second,ranks,model_2_machines,model_64_machines\n");
    if (d->rank == 0)
        printf("MPI_Allreduce of doubles on %d rank%s, median of repeats (the slowest rank's time each):\n"
               "  %10s  %12s  %10s\n", d->size, d->size == 1 ? "" : "s", "bytes", "seconds", "GB/s");
    double grad_seconds = 0.0;
    const size_t grad_bytes = sizeof(double) * (net->n + NET_EXTRA);
    for (size_t bytes = 1024; bytes <= ((size_t)64 << 20); bytes *= 4) {
        const double t = time_allreduce(d, bytes);
        if (f) {
            fprintf(f, "%zu,%.4g,%.4g,%d,%.4g,%.4g\n", bytes, t, bytes / t / 1e9, d->size,
                    ring_allreduce_seconds((double)bytes, 2, NET_LATENCY, NET_BANDWIDTH),
                    ring_allreduce_seconds((double)bytes, 64, NET_LATENCY, NET_BANDWIDTH));
            printf("  %10zu  %12.3e  %10.3f\n", bytes, t, bytes / t / 1e9);
        }
    }
    grad_seconds = time_allreduce(d, grad_bytes);
    if (f)
        cli_close(f, path);
    const int sizes[2] = {(int)o->batch, BENCH_LARGE};
    double step[2];
    for (int k = 0; k < 2; k++)
        step[k] = time_step(net, s, d, X, labels, sizes[k]);
    if (d->rank != 0)
        return;
    printf("\nThis network's gradient is %zu bytes: an allreduce of it takes %.3g ms on these %d ranks.\n",
           grad_bytes, 1e3 * grad_seconds, d->size);
    printf("One step's computing on one rank: %.3g ms for a batch of %d, %.3g ms for %d.\n", 1e3 * step[0],
           sizes[0], 1e3 * step[1], sizes[1]);
    const double here = step[0] / d->size + grad_seconds;   // the model with this machine's own allreduce
    printf("So on these %d ranks a step should take %.3g / %d + %.3g = %.3g ms: %.2g s for an epoch of 60 000.\n\n",
           d->size, 1e3 * step[0], d->size, 1e3 * grad_seconds, 1e3 * here, here * 60000.0 / sizes[0]);
    f = cli_create(o->out, "model.csv", path, sizeof path);
    fprintf(f, "machines,batch,compute_seconds,allreduce_seconds,step_seconds,speedup\n");
    char head[2][40];
    for (int k = 0; k < 2; k++)
        snprintf(head[k], sizeof head[k], "speed-up, batch %d", sizes[k]);
    printf("A model, not a measurement: time per step = computing / P + a ring allreduce of the gradient\n"
           "(the page's \"What communication costs\") on a network of 10 Gbit/s and %g us a message:\n"
           "  %8s  %21s  %21s\n", 1e6 * NET_LATENCY, "machines", head[0], head[1]);
    for (int P = 1; P <= 64; P *= 2) {
        double speedup[2];
        for (int k = 0; k < 2; k++) {
            const double comm = ring_allreduce_seconds((double)grad_bytes, P, NET_LATENCY, NET_BANDWIDTH);
            const double t = step[k] / P + comm;
            speedup[k] = step[k] / t;
            fprintf(f, "%d,%d,%.4g,%.4g,%.4g,%.4g\n", P, sizes[k], step[k] / P, comm, t, speedup[k]);
        }
        printf("  %8d  %21.2f  %21.2f\n", P, speedup[0], speedup[1]);
    }
    cli_close(f, path);
}
//! [bench]

// ----------------------------------------------------------------------------

static void print_header(const Options *o, const Dist *d, const Net *net, const ImageSet *train,
                         const ImageSet *test, const TrainState *st)
{
    printf("Chapter 09: chapter 04's %d-", weights_units(&net->w, 0));
    if (net->L == 2)
        printf("%d-", weights_units(&net->w, 1));
    printf("%d network on %d rank%s (MPI processes)\n", CLASSES, d->size, d->size == 1 ? "" : "s");
    int first, count;
    share_of((int)o->batch, o->deterministic ? DET_SHARES : d->size, 0, &first, &count);
    printf("%d training images, %d test images; %ld epoch%s of batches of %ld, lr %g%s, %s\n", train->n, test->n,
           o->epochs, o->epochs == 1 ? "" : "s", o->batch, o->lr, o->momentum > 0 ? ", momentum" : "",
           o->shuffle ? "reshuffled every epoch" : "in file order");
    if (o->deterministic)
        printf("Deterministic: every batch cut into %d shares of about %d, added in share order (%d per rank)\n",
               DET_SHARES, count, DET_SHARES / d->size);
    else
        printf("Each rank computes the gradient of its share of a batch (%d images for rank 0), one\n"
               "MPI_Allreduce adds the %d sums (%zu numbers), every rank takes the same step\n", count, d->size,
               net->n + NET_EXTRA);
    if (st->step > 0)
        printf("Resumed from %s at step %ld: epoch %ld, after its batch %ld\n", o->resume, st->step, st->epoch,
               st->batch);
    printf("\n");
}

static void run(const Options *o, Dist *d, Inputs *in, Net *net, double *velocity, Mat *X, int *labels)
{
    if (d->rank == 0 && !o->quiet)
        print_header(o, d, net, &in->train, &in->test, &in->state);
    const size_t n = net->n + NET_EXTRA;
    const int per = o->deterministic ? DET_SHARES / d->size : 0;
    Trainer t = {.o = o, .d = d, .net = net, .train = &in->train, .order = in->order, .X = *X,
                 .labels = labels, .velocity = velocity,
                 .blocks = per ? malloc(sizeof(double) * n * (size_t)per) : NULL,
                 .all = per ? malloc(sizeof(double) * n * DET_SHARES) : NULL};
    Files f = {0};
    if (d->rank == 0) {
        sigterm_blocked(1);                 // the files and the handler's names of them change together
        f.epochs = cli_create(o->out, "epochs.csv", f.epochs_path, sizeof f.epochs_path);
        f.timing = cli_create(o->out, "timing.csv", f.timing_path, sizeof f.timing_path);
        snprintf(partial[0], sizeof partial[0], "%s.partial", f.epochs_path);
        snprintf(partial[1], sizeof partial[1], "%s.partial", f.timing_path);
        sigterm_blocked(0);
        fprintf(f.epochs, "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n");
        fprintf(f.timing, "epoch,ranks,batch,seconds,comm_seconds,samples_per_second\n");
    }
    TrainState st = in->state;
    train(&t, &st, &in->test, &f);
    double test_loss;
    long right;
    evaluate(net, &in->test, d, X, labels, &test_loss, &right);
    if (d->rank == 0) {
        sigterm_blocked(1);
        partial[0][0] = partial[1][0] = '\0';
        cli_close(f.epochs, f.epochs_path);
        cli_close(f.timing, f.timing_path);
        sigterm_blocked(0);
        printf("%sTest accuracy: %.2f%% (%ld of %d images), mean cross-entropy %.4f, on %d rank%s\n",
               o->quiet ? "" : "\n", 100.0 * right / in->test.n, right, in->test.n, test_loss, d->size,
               d->size == 1 ? "" : "s");
        char path[4200], err[ERR_LEN];
        snprintf(path, sizeof path, "%s/weights.txt", o->out);
        if (weights_write(&net->w, path, "ch09 weights after training", err, sizeof err) != 0)
            cli_fail(EXIT_FAILURE_IO, "%s", err);
        if (!o->quiet)
            printf("\nFiles in %s: epochs.csv, timing.csv, weights.txt%s\n", o->out,
                   o->checkpoint_every ? ", checkpoint/" : "");
    }
    free(t.blocks), free(t.all);
}

int main(int argc, char **argv)
{
    cli_init("ch09");
    const int first = dist_rank_before_init() == 0;
    cli_set_quiet_errors(!first);               // every rank meets the same mistake: rank 0 says it
    if (!first && !freopen("/dev/null", "w", stdout))
        return 1;                               // the report is rank 0's
    Options o = parse_options(argc, argv);      // the same options on every rank: a mistake stops each, alike
    Inputs in = {0};
    const int alone = dist_size_before_init() == 1;
    if (alone)
        read_files(&in, &o);                    // no other rank waits: a mistake in the files costs no MPI start
    Dist d = start_mpi(&argc, &argv);
    errors_collective = 1;                      // what every rank finds alike: each stops
    if (o.batch < d.size)
        cli_fail(EXIT_USAGE, "--batch %ld is smaller than the %d ranks: each rank needs a share of every batch",
                 o.batch, d.size);
    if (o.deterministic && DET_SHARES % d.size != 0)
        cli_fail(EXIT_USAGE, "--deterministic cuts each batch into %d shares: it runs on 1, 2 or 4 ranks, not %d",
                 DET_SHARES, d.size);
    if (o.fail_rank >= d.size)
        cli_fail(EXIT_USAGE, "--fail-at: there is no rank %ld in a run of %d", o.fail_rank, d.size);
    errors_collective = 0;
    if (!alone)
        read_or_wait(&in, &o, &d);              // rank 0 reads the files; a mistake in them stops every rank
    // the network's shape (layers, hidden units, inputs: an image's pixels) and the rows of its work space
    int shape[4] = {0};
    if (d.rank == 0)
        shape[0] = in.start.n_layers, shape[1] = in.start.n_layers == 2 ? weights_units(&in.start, 1) : 0,
        shape[2] = in.train.rows * in.train.cols, shape[3] = rows_needed(&o, &d, &in);
    dist_bcast(shape, sizeof shape);
    const int sizes[3] = {shape[2], shape[1], CLASSES}, two[2] = {shape[2], CLASSES};
    const int rows = o.bench && d.rank != 0 ? 1 : shape[3];    // (--bench-allreduce: only rank 0 computes)
    Net net = net_new(shape[0], shape[0] == 2 ? sizes : two, rows);
    double *velocity = calloc(net.n, sizeof(double));
    share_inputs(&in, &d, &net, velocity);
    Mat X = mat_new(net.capacity, shape[2]);
    int *labels = malloc(sizeof(int) * (size_t)net.capacity);
    if (o.gradients)
        write_gradients(&net, &in.train, &d, &X, labels, &o);
    else if (o.bench)
        bench_allreduce(&net, &in.train, &d, &X, labels, &o);
    else
        run(&o, &d, &in, &net, velocity, &X, labels);
    free(labels), free(velocity), free(in.order);
    mat_free(&X);
    net_free(&net);
    weights_free(&in.start), weights_free(&in.velocity);
    idx_free_set(&in.train), idx_free_set(&in.test);
    dist_finalize();
    return 0;
}
