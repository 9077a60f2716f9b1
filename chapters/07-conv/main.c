/**
 * @file chapters/07-conv/main.c
 * @brief Chapter 07's program: a convolutional network learns Fashion-MNIST.
 *
 * Modes:
 * - default: train the --arch network; report every epoch; write the files the plots read;
 * - `--gradients FILE`: the gradient of the loss over the (limited) training set at the
 *   starting weights, and stop;
 * - `--check`: every layer's backward pass against finite differences on small random
 *   shapes, and the direct convolution against im2col, and stop (check.c).
 *
 * The layer table, the per-class report and the plot files are in report.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/gemm.h"
#include "../../common/idx.h"
#include "../../common/optim.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "check.h"
#include "network.h"
#include "report.h"

#define EVAL_BATCH 500
#define DEFAULT_ARCH "c8k3s-p2-c16k3s-p2-f64-f10"
#define BEST_ARCH "c16k3s-p2-c32k3s-p2-f128-f10"

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients, *arch, *preset;
    int opt, cosine;    // an OptimKind; --lr-schedule constant (0) or cosine (1)
    double lr;
    long epochs, batch, train_limit, test_limit, seed, threads;
    int shuffle, quiet, check, direct, lr_given, epochs_given, arch_given;
} Options;

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch07", .arch = DEFAULT_ARCH,
                 .opt = OPTIM_ADAM, .cosine = 1, .lr = 0.002, .epochs = 4, .batch = 64, .seed = 1, .shuffle = 1, .threads = 1};
    const CliOption options[] = {
        CLI_OPT("arch", CLI_TEXT, &o.arch, .arg = "A", .given = &o.arch_given,
                .help = "the layers: cNkK a convolution of N channels with KxK kernels\n"
                        "(cNkKs: padded, same size), p2 2x2 max-pooling, fN fully connected;\nthe last is f10"),
        CLI_OPT("preset", CLI_TEXT, &o.preset, .arg = "best",
                .help = "the page's best recipe: " BEST_ARCH ", 10 epochs"),
        CLI_OPT("opt", CLI_CHOICE, &o.opt, .arg = "O", .help = "sgd, momentum or adam", .choices = "sgd|momentum|adam"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .given = &o.lr_given,
                .help = "learning rate (default 0.002 for adam, 0.05 for sgd and momentum)"),
        CLI_OPT("lr-schedule", CLI_CHOICE, &o.cosine, .arg = "S", .choices = "constant|cosine",
                .help = "constant, or cosine: lr x (1 + cos(pi e / epochs)) / 2\nin epoch e = 0, 1, ..."),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training set", .min = 0,
                .max = 10000, .given = &o.epochs_given),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "samples per step", .min = 1, .max = 60000),
        CLI_OPT("shuffle", CLI_YES_NO, &o.shuffle, .arg = "yes|no", .help = "reshuffle every epoch"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "initial weights and shuffles", .min = 0,
                .max = 2147483647L),
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "DIR", .help = "the IDX files"),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N", .min = 1, .max = 100000000L,
                .help = "use the first N training images (default all)"),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .min = 1, .max = 100000000L,
                .help = "use the first N test images (default all)"),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE",
                .help = "start from these weights (they must fit --arch)"),
        CLI_OPT("threads", CLI_LONG, &o.threads, .arg = "T", .help = "threads of the matrix products (0: every core)",
                .min = 0, .max = 256),
        CLI_OPT("direct", CLI_FLAG, &o.direct,
                .help = "convolutions by their definition, not im2col (slower, same numbers)"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the final summary; no progress bar"),
        CLI_HEADING("Instead of training:"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the loss at the start to FILE, and stop"),
        CLI_OPT("check", CLI_FLAG, &o.check,
                .help = "check every layer's backward pass by finite differences, and stop"),
        {0}};
    cli_parse(argc, argv, "A convolutional network learns Fashion-MNIST.", options);
    if (o.preset && strcmp(o.preset, "best") != 0)
        cli_fail(EXIT_USAGE, "--preset: the only preset is 'best', got '%s'", o.preset);
    if (o.preset) {                             // what the options did not say
        o.arch = o.arch_given ? o.arch : BEST_ARCH;
        o.epochs = o.epochs_given ? o.epochs : 10;
    }
    if (!o.lr_given && o.opt != OPTIM_ADAM)
        o.lr = 0.05;
    return o;
}

// ----------------------------------------------------------------------------
// model: the --arch for images of H x W, its weights drawn or loaded

static void make_arch(Arch *a, const Options *o, int H, int W)
{
    char err[ERR_LEN];
    if (arch_parse(a, o->arch, 1, H, W, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

static void make_network(Weights *w, const Arch *a, const Options *o, Rng *rng)
{
    if (!o->load) {
        arch_init(a, w, rng);
        return;
    }
    run_load_weights_conv(w, o->load);
    char why[ERR_LEN];
    if (arch_check_weights(a, w, why, sizeof why) != 0) {
        weights_free(w);
        cli_fail(EXIT_USAGE, "%s: %s (--arch %s)", o->load, why, o->arch);
    }
}

// ----------------------------------------------------------------------------
// evaluation

typedef struct {
    double loss, accuracy;
    int conf[CLASSES][CLASSES];     // conf[true][predicted]
} Eval;

static Eval evaluate(const Arch *a, const Weights *w, const ImageSet *s, int direct)
{
    Eval e = {0};
    Cache c = cache_new(a, EVAL_BATCH);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    long right = 0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        const int B = cache_gather(&c, s, order, start, EVAL_BATCH, labels);
        const double *Z = net_forward(a, w, &c, B, direct);
        e.loss += net_loss(Z, labels, B, CLASSES, NULL) * B;
        for (int k = 0; k < B; k++) {
            int best = 0;       // the largest logit, the first of a tie
            for (int j = 1; j < CLASSES; j++)
                best = Z[k * CLASSES + j] > Z[k * CLASSES + best] ? j : best;
            right += best == labels[k];
            e.conf[labels[k]][best]++;
        }
    }
    e.loss /= s->n;
    e.accuracy = 100.0 * right / s->n;
    free(order);
    cache_free(&c, a);
    return e;
}

// ----------------------------------------------------------------------------
// training

// chapter 05's optimiser: its settings, and its state m, v shaped like the weights
typedef struct {
    Optim optim;
    Weights m, v;
} Optimizer;

//! [epoch]
// One epoch of mini-batches in the order given; returns the mean training loss.
static double train_epoch(const Arch *a, Weights *w, Weights *g, Optimizer *opt, Cache *c, const ImageSet *s,
                          const int *order, const Options *o, double lr, const char *label)
{
    int *labels = nn_alloc((size_t)c->capacity, sizeof(int), "a batch's labels");
    double *dZ = nn_alloc((size_t)c->capacity * CLASSES, sizeof(double), "the output gradients"), loss = 0;
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    for (int start = 0; start < s->n; start += (int)o->batch) {
        const int B = cache_gather(c, s, order, start, (int)o->batch, labels);
        const double *Z = net_forward(a, w, c, B, o->direct);      // forward
        loss += net_loss(Z, labels, B, CLASSES, dZ) * B;            // loss, and dE/dZ
        net_backward(a, w, c, B, dZ, g);                            // backward
        optim_begin(&opt->optim);                                   // update (chapter 05)
        optim_update_weights(&opt->optim, w, g, &opt->m, &opt->v, lr);
        progress_update(&bar, start + B);
    }
    progress_end(&bar);
    free(dZ), free(labels);
    return loss / s->n;
}
//! [epoch]

/* The epochs, a line each in epochs.csv and the report; the test set evaluated after each.
 * Returns the last evaluation (the starting weights' with no epoch). */
static Eval train(const Arch *a, Weights *w, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                  Rng *rng)
{
    FILE *csv = cli_open(o->out, "epochs.csv", "epoch,train_loss,test_loss,test_accuracy");
    Weights g;
    weights_alloc_like(&g, w);
    Optimizer opt = {.optim = optim_new((OptimKind)o->opt)};
    weights_alloc_like(&opt.m, w);
    weights_alloc_like(&opt.v, w);
    Cache c = cache_new(a, (int)o->batch);
    int *order = idx_order(train_set->n);
    Eval test = o->epochs > 0 ? (Eval){0} : evaluate(a, w, test_set, o->direct);
    if (!o->quiet && o->epochs > 0)
        printf("  %5s  %10s  %9s  %8s  %7s  %9s\n", "epoch", "train loss", "test loss", "test acc", "seconds",
               "samples/s");
    for (long e = 1; e <= o->epochs; e++) {
        const double t0 = timing_now();
        if (o->shuffle)
            rng_shuffle(rng, order, train_set->n);     // Fisher-Yates (chapter 04)
        char label[64];
        snprintf(label, sizeof label, "epoch %ld/%ld", e, o->epochs);
        const double lr = optim_schedule(o->cosine ? SCHEDULE_COSINE : SCHEDULE_CONSTANT, o->lr, e - 1, o->epochs, 0);
        const double loss = train_epoch(a, w, &g, &opt, &c, train_set, order, o, lr, label);
        const double t1 = timing_now();
        test = evaluate(a, w, test_set, o->direct);
        fprintf(csv, "%ld,%.9g,%.9g,%.4f\n", e, loss, test.loss, test.accuracy);
        if (!o->quiet)
            printf("  %5ld  %10.4f  %9.4f  %7.2f%%  %7.1f  %9.0f\n", e, loss, test.loss, test.accuracy, t1 - t0,
                   train_set->n / (t1 - t0));
        fflush(stdout);
    }
    cli_done(csv);
    free(order);
    cache_free(&c, a);
    weights_free(&opt.m), weights_free(&opt.v), weights_free(&g);
    return test;
}

// ----------------------------------------------------------------------------
// the two modes with data: a training run, and --gradients

/* Train, report, and write the files the plots read. */
static void run(const Arch *a, Weights *w, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                Rng *rng)
{
    if (!o->quiet) {
        report_layers(a, w, o->arch, o->data);
        printf("%d training images, %d test images; %ld epoch%s of batches of %ld, %s lr %g, %s\n\n", train_set->n,
               test_set->n, o->epochs, o->epochs == 1 ? "" : "s", o->batch, optim_name((OptimKind)o->opt), o->lr,
               o->shuffle ? "reshuffled every epoch" : "in file order");
    }
    const Eval e = train(a, w, train_set, test_set, o, rng);
    printf("%sTest accuracy %.2f%% (loss %.4f) after %ld epoch%s.\n", o->quiet ? "" : "\n", e.accuracy, e.loss,
           o->epochs, o->epochs == 1 ? "" : "s");
    if (!o->quiet)
        report_classes(e.conf);

    write_confusion(o->out, e.conf);
    run_save_weights(w, o->out, "weights.txt", "ch07 weights after training");
    write_filters(o->out, a, w);
    write_features(o->out, a, w, test_set);
    write_speed(o->out, a, w, test_set, test_set->n < 100 ? test_set->n : 100, o->quiet);
    if (!o->quiet) {
        printf("\n");
        cli_print_files(o->out);
    }
}

static void write_gradients(const Arch *a, const Weights *w, const ImageSet *s, const Options *o)
{
    Weights g;
    net_gradient_set(a, w, s, EVAL_BATCH, o->direct, &g);
    char comment[600];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over the first %d training images of %s, "
             "--arch %s", s->n, o->data, o->arch);
    run_save_gradients(&g, o->gradients, comment);
    weights_free(&g);
}

int main(int argc, char **argv)
{
    cli_init("ch07");
    Options o = parse_options(argc, argv);
    gemm_use_threads((int)o.threads);           // chapter 06's product (common/gemm.h): its threads
    Arch arch;
    make_arch(&arch, &o, 28, 28);               // a bad --arch fails before the data is read
    if (o.check)
        return check_network();

    ImageSet train_set, test_set;
    if (o.gradients) {
        run_load_images(&train_set, o.data, "train", o.train_limit, CLASSES, 0);
    } else {
        cli_make_dir(o.out);                    // an unwritable --out fails now, not after the training
        run_load_train_test(&train_set, &test_set, o.data, o.train_limit, o.test_limit, CLASSES, 0);
    }
    if (train_set.rows != 28 || train_set.cols != 28)
        make_arch(&arch, &o, train_set.rows, train_set.cols);

    Rng rng;
    rng_seed(&rng, (unsigned long)o.seed);
    Weights w;
    make_network(&w, &arch, &o, &rng);
    if (o.gradients) {
        write_gradients(&arch, &w, &train_set, &o);
    } else {
        run(&arch, &w, &train_set, &test_set, &o, &rng);
        idx_free_set(&test_set);
    }
    weights_free(&w);
    idx_free_set(&train_set);
    return 0;
}
