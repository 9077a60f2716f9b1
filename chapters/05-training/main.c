/**
 * @file chapters/05-training/main.c
 * @brief Chapter 05's program: chapter 04's classifier with the tricks that make training work.
 *
 * Two modes:
 * - default: train with the chosen units, initialisation, optimiser, schedule,
 *   dropout and weight decay; report every epoch; stop early on the validation
 *   loss if asked; write the files the plots read;
 * - `--gradients FILE`: write the gradient of the loss over the (limited)
 *   training set at the starting weights, and stop.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/loss.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "network.h"
#include "options.h"
#include "report.h"
#include "sets.h"

// ----------------------------------------------------------------------------
// options, and the presets that set several at once

/* A number in [0, 1): a momentum, a decay rate, a dropout probability. */
static double unit_interval(const char *opt, const char *text)
{
    const double v = cli_double(opt, text);
    if (!(v >= 0.0 && v < 1.0))
        cli_fail(EXIT_USAGE, "%s: must be at least 0 and below 1, got '%s'", opt, text);
    return v;
}

static void parse_momentum(const char *text, void *v) { *(double *)v = unit_interval("--momentum", text); }
static void parse_beta1(const char *text, void *v) { *(double *)v = unit_interval("--beta1", text); }
static void parse_beta2(const char *text, void *v) { *(double *)v = unit_interval("--beta2", text); }
static void parse_dropout(const char *text, void *v) { *(double *)v = unit_interval("--dropout", text); }
static void parse_decay(const char *text, void *v)
{
    if ((*(double *)v = cli_double("--weight-decay", text)) < 0)
        cli_fail(EXIT_USAGE, "--weight-decay: must be at least 0, got '%s'", text);
}

//! [presets]
/* A preset sets the options the command line left alone. */
static void apply_preset(Options *o)
{
#define SET(option, field, value) if (!o->given.option) o->field = value
    if (o->preset == PRESET_SIGMOID_SGD) {      // chapter 04's network and training
        SET(layers, n_sizes, 3);
        if (!o->given.layers)
            o->sizes[1] = 100;
        SET(act, net.act, ACT_SIGMOID); SET(init, init, INIT_GLOROT); SET(opt, opt, OPT_SGD);
        SET(lr, lr, 0.5); SET(batch, batch, 32); SET(schedule, schedule, SCHED_CONSTANT);
    } else if (o->preset == PRESET_BEST) {  // the chapter's best: ReLU, He, Adam, dropout, cosine; validation watched
        SET(layers, n_sizes, 4);
        if (!o->given.layers)
            o->sizes[1] = 256, o->sizes[2] = 128, o->sizes[3] = 10;
        SET(act, net.act, ACT_RELU); SET(init, init, INIT_HE); SET(opt, opt, OPT_ADAM);
        SET(lr, lr, 0.001); SET(batch, batch, 64); SET(dropout, net.dropout, 0.2);
        SET(schedule, schedule, SCHED_COSINE); SET(epochs, epochs, 20); SET(val, val, 5000);
    }
#undef SET
}
//! [presets]

/* What one option cannot check alone. */
static void check_options(const Options *o)
{
    if (o->n_sizes < 2 || o->sizes[0] != PIXELS || o->sizes[o->n_sizes - 1] != CLASSES)
        cli_fail(EXIT_USAGE, "--layers: must start with 784 (the pixels) and end with %d (the classes), got %ld..%ld",
                 CLASSES, o->sizes[0], o->sizes[o->n_sizes - 1]);
    if (o->early_stop && !o->val)
        cli_fail(EXIT_USAGE, "--early-stop needs --val N (the images it watches)");
    if (o->n_sizes == 2 && (o->net.dropout > 0 || o->given.act))
        cli_fail(EXIT_USAGE, "--%s: a network without hidden layers (--layers 784,10) has no hidden units",
                 o->net.dropout > 0 ? "dropout" : "act");
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch05", .sizes = {PIXELS, 128, CLASSES},
                 .n_sizes = 3, .preset = PRESET_NONE, .net = {.act = ACT_RELU}, .init = INIT_HE, .opt = OPT_ADAM,
                 .schedule = SCHED_COSINE, .mu = 0.9, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8, .epochs = 5,
                 .batch = 64, .seed = 1, .shuffle = 1};
    const CliOption options[] = {
        CLI_OPT("preset", CLI_CHOICE, &o.preset, .arg = "NAME", .choices = "sigmoid-sgd|best",
                .help = "a recipe from the page: sigmoid-sgd (chapter 04's) or best (default none)"),
        CLI_HEADING("The network:"),
        CLI_OPT("layers", CLI_LONGS, o.sizes, .arg = "N0,..,NL", .help = "784, hidden sizes, 10", .min = 1,
                .max = 10000, .items = WEIGHTS_MAX_LAYERS + 1, .count = &o.n_sizes, .given = &o.given.layers),
        CLI_OPT("act", CLI_CHOICE, &o.net.act, .arg = "A", .help = "hidden units: sigmoid, tanh or relu",
                .choices = "sigmoid|tanh|relu", .given = &o.given.act),
        CLI_OPT("init", CLI_CHOICE, &o.init, .arg = "I", .help = "initial weights: normal, glorot or he",
                .choices = "normal|glorot|he", .given = &o.given.init),
        CLI_OPT("dropout", CLI_CUSTOM, &o.net.dropout, .arg = "P", .parse = parse_dropout, .given = &o.given.dropout,
                .help = "drop hidden units with probability P in [0, 1) while training (default 0)"),
        CLI_OPT("weight-decay", CLI_CUSTOM, &o.net.weight_decay, .arg = "X", .parse = parse_decay,
                .help = "L2 term lambda/2 |W|^2 in the loss (default 0)"),
        CLI_HEADING("Training:"),
        CLI_OPT("opt", CLI_CHOICE, &o.opt, .arg = "O", .help = "optimiser: sgd, momentum or adam",
                .choices = "sgd|momentum|adam", .given = &o.given.opt),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .given = &o.given.lr,
                .help = "learning rate (default 0.002 for adam, 0.05 for sgd and momentum)"),
        CLI_OPT("momentum", CLI_CUSTOM, &o.mu, .arg = "X", .parse = parse_momentum,
                .help = "momentum mu, in [0, 1) (default 0.9)"),
        CLI_OPT("beta1", CLI_CUSTOM, &o.beta1, .arg = "X", .parse = parse_beta1,
                .help = "Adam's decay of the gradient's mean, in [0, 1) (default 0.9)"),
        CLI_OPT("beta2", CLI_CUSTOM, &o.beta2, .arg = "X", .parse = parse_beta2,
                .help = "Adam's decay of the gradient's mean square, in [0, 1) (default 0.999)"),
        CLI_OPT("eps", CLI_POSITIVE, &o.eps, .arg = "X", .help = "Adam's epsilon (default 1e-8)"),
        CLI_OPT("lr-schedule", CLI_CHOICE, &o.schedule, .arg = "S", .help = "constant, step or cosine",
                .choices = "constant|step|cosine", .given = &o.given.schedule),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training set", .min = 0,
                .max = 10000, .given = &o.given.epochs),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "samples per step", .min = 1, .max = 60000,
                .given = &o.given.batch),
        CLI_OPT("shuffle", CLI_CHOICE, &o.shuffle, .arg = "yes|no", .help = "reshuffle every epoch",
                .choices = "no|yes"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "initial weights, shuffles and dropout masks",
                .min = 0, .max = 2147483647L),
        CLI_OPT("val", CLI_LONG, &o.val, .arg = "N", .help = "the last N training images are the validation set",
                .min = 0, .max = 100000000L, .given = &o.given.val),
        CLI_OPT("early-stop", CLI_LONG, &o.early_stop, .arg = "K", .min = 1, .max = 10000,
                .help = "stop after K epochs without a better validation loss; keep the best (default off)"),
        CLI_HEADING("Data and files:"),
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "DIR", .help = "the IDX files"),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N",
                .help = "use the first N training images (default all)", .min = 1, .max = 100000000L),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .help = "use the first N test images (default all)",
                .min = 1, .max = 100000000L),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the loss at the start to FILE, and stop"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the final summary; no progress bar"),
        {0}};
    cli_parse(argc, argv, "Chapter 04's Fashion-MNIST classifier with the choices that make training work.", options);
    apply_preset(&o);
    if (!o.given.lr && !o.lr)
        o.lr = o.opt == OPT_ADAM ? 0.002 : 0.05;
    check_options(&o);
    return o;
}

// ----------------------------------------------------------------------------
// model: from the options, or from --load-weights

static void make_network(Weights *net, const Options *o, Rng *rng)
{
    if (o->load) {
        run_load_weights(net, o->load);
        int same = weights_units(net, 0) == PIXELS && weights_units(net, net->n_layers) == CLASSES;
        for (int l = 0; same && o->given.layers && l < o->n_sizes; l++)
            same = o->n_sizes == net->n_layers + 1 && o->sizes[l] == weights_units(net, l);
        if (!same)
            weights_free(net), cli_fail(EXIT_USAGE, "%s: its layer sizes differ from --layers (or do not run from "
                                        "784 to %d)", o->load, CLASSES);
        return;
    }
    int sizes[WEIGHTS_MAX_LAYERS + 1];
    for (int l = 0; l < o->n_sizes; l++)
        sizes[l] = (int)o->sizes[l];
    weights_alloc(net, o->n_sizes - 1, sizes);
    net_init(net, o->init, rng);
}

// ----------------------------------------------------------------------------
// training: epochs of shuffled mini-batches, the chosen optimiser and schedule

typedef struct {
    Weights grad, best;     // the gradient of a batch; the weights of the best validation loss
    Optimizer opt;
    Cache cache;
    Mat X;
    int *labels, *order;
    double best_loss;
    long best_epoch;
    FILE *batches, *epochs;
} Trainer;

static Trainer trainer_new(const Weights *net, const ImageSet *s, const Options *o)
{
    Trainer t = {.opt = opt_new(o->opt, net, o->mu, o->beta1, o->beta2, o->eps), .best_loss = INFINITY,
                 .cache = cache_new((int)o->batch, net), .X = mat_new((int)o->batch, s->rows * s->cols),
                 .labels = nn_alloc((size_t)o->batch, sizeof(int), "a batch's labels"), .order = idx_order(s->n),
                 .batches = cli_open(o->out, "batches.csv", "epoch,loss"),
                 .epochs = cli_open(o->out, "epochs.csv", "epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,"
                                    "test_loss,test_accuracy")};
    weights_alloc_like(&t.grad, net);
    weights_alloc_like(&t.best, net);
    return t;
}

static void trainer_free(Trainer *t)
{
    opt_free(&t->opt), cache_free(&t->cache), mat_free(&t->X);
    free(t->labels), free(t->order);
    weights_free(&t->grad), weights_free(&t->best);
}

//! [train_epoch]
/* One pass over the training set; returns the mean training loss. */
static double train_epoch(Trainer *t, Weights *net, const ImageSet *s, const Options *o, long epoch, double lr,
                          Rng *rng, int *correct)
{
    const NetConfig data_loss = {.act = o->net.act};
    char label[64];
    snprintf(label, sizeof label, "epoch %ld/%ld", epoch, o->epochs);
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    double sum = 0.0;
    for (int start = 0; start < s->n; start += (int)o->batch) {
        Mat Xb = idx_gather(s, t->order, start, (int)o->batch, &t->X, t->labels);
        const Mat *Y = net_forward(net, &o->net, &Xb, &t->cache, rng);     // rng: dropout masks
        const double loss = net_loss(net, &data_loss, &t->cache, t->labels);  // reported: without the decay term
        net_backward(net, &o->net, &Xb, t->labels, &t->cache, &t->grad);
        opt_step(&t->opt, net, &t->grad, lr);
        run_check_diverged(NULL, loss, epoch);
        *correct += loss_count_correct(Y, t->labels);      // outputs before this step's update
        sum += loss * Xb.rows;
        fprintf(t->batches, "%ld,%.9g\n", epoch, loss);
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    run_check_diverged(net, sum, epoch);
    return sum / s->n;
}
//! [train_epoch]

/* After an epoch with a validation set: keep the best weights; 1 when it is time to stop. */
static int early_stop(Trainer *t, const Weights *net, const Options *o, double val_loss, long epoch)
{
    if (val_loss < t->best_loss) {
        t->best_loss = val_loss;
        t->best_epoch = epoch;
        for (int l = 0; l < net->n_layers; l++)
            mat_copy(&t->best.W[l], &net->W[l]), mat_copy(&t->best.b[l], &net->b[l]);
    }
    return o->early_stop && epoch - t->best_epoch >= o->early_stop;
}

/* The epochs; returns the last epoch's mean training loss (NaN without an epoch). */
static double train(Weights *net, const Sets *d, const Options *o, Rng *rng, Trainer *t)
{
    double last = NAN;
    if (!o->quiet && o->epochs > 0)
        report_epoch_titles(d->val.n > 0);
    //! [epochs]
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double t0 = timing_now(), lr = schedule_lr(o->schedule, o->lr, epoch - 1, o->epochs);
        if (o->shuffle)
            rng_shuffle(rng, t->order, d->train.n);     // Fisher-Yates (chapter 04)
        int correct = 0;
        const double loss = last = train_epoch(t, net, &d->train, o, epoch, lr, rng, &correct);
        const double t1 = timing_now();
        const Eval val = d->val.n ? evaluate(net, &o->net, &d->val) : (Eval){NAN, NAN};
        const Eval test = evaluate(net, &o->net, &d->test);
        const int stop = d->val.n && early_stop(t, net, o, val.loss, epoch);
        const Epoch line = {epoch, lr, loss, 100.0 * correct / d->train.n, val, test, d->val.n > 0,
                            t->best_epoch == epoch, timing_now() - t0, d->train.n / (t1 - t0)};
        report_epoch(t->epochs, &line, o->quiet);
        fflush(stdout);
        if (stop) {
            printf("\nStopped after epoch %ld: %ld epochs without a better validation loss.\n", epoch, o->early_stop);
            break;
        }
    }
    //! [epochs]
    return last;
}

// ----------------------------------------------------------------------------
// report and files

static void run(Weights *net, const Sets *d, const Options *o, Rng *rng)
{
    if (!o->quiet)
        report_header(net, d, o);
    double norms[WEIGHTS_MAX_LAYERS];
    gradient_norms(net, &o->net, &d->train, norms);    // at the starting weights: the vanishing-gradient plot
    Trainer t = trainer_new(net, &d->train, o);
    const double last = train(net, d, o, rng, &t);
    cli_done(t.batches);
    cli_done(t.epochs);
    for (int l = 0; o->early_stop && t.best_epoch > 0 && l < net->n_layers; l++)      // keep the best epoch's
        mat_copy(&net->W[l], &t.best.W[l]), mat_copy(&net->b[l], &t.best.b[l]);
    report_end(last, t.best_epoch, t.best_loss, o->early_stop > 0, evaluate(net, &o->net, &d->test));

    run_save_weights(net, o->out, "weights.txt", "ch05 weights after training");
    write_gradnorms(o->out, norms, net->n_layers);
    if (t.best_epoch > 0)
        write_best(o->out, t.best_epoch, t.best_loss);
    printf("\n");
    cli_print_files(o->out);
    trainer_free(&t);
}

int main(int argc, char **argv)
{
    cli_init("ch05");
    Options o = parse_options(argc, argv);
    if (!o.gradients)
        cli_make_dir(o.out);            // a bad --out fails now, not after the training
    Sets d;                             // the gradient needs no test set
    sets_load(&d, o.data, o.train_limit, o.test_limit, o.val, !o.gradients);
    Rng rng;
    rng_seed(&rng, (uint64_t)o.seed);
    Weights net;
    make_network(&net, &o, &rng);
    if (o.gradients)
        write_gradients(&net, &o.net, &d.train, o.gradients, o.data);
    else
        run(&net, &d, &o, &rng);
    weights_free(&net);
    sets_free(&d);
    return 0;
}
