/**
 * @file chapters/02-xor-mlp/main.c
 * @brief Chapter 02's program: a 2-H-1 sigmoid network learns XOR by backpropagation.
 *
 * Options, data, initial weights, training (progress and loss), report, the
 * files the plots need (written by report.c); and `--study N`, which trains N
 * networks from seeds 1..N and counts how many learn the data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/weights.h"
#include "mlp.h"
#include "report.h"

// ----------------------------------------------------------------------------
// options

typedef enum { INIT_UNIFORM, INIT_NORMAL } Init;

typedef struct {
    const char *data, *out, *load;  // --data, --out, --load-weights
    long hidden;                    // --hidden
    int hidden_given;               // 1 when --hidden was given: --load-weights must agree
    double lr;                      // --lr
    long epochs;                    // --epochs
    Init init;                      // --init
    long seed;                      // --seed
    long study;                     // --study N (0: train one network)
    int quiet;                      // --quiet
} Options;

static void parse_init(const char *text, void *value)
{
    if (strcmp(text, "uniform") == 0)
        *(Init *)value = INIT_UNIFORM;
    else if (strcmp(text, "normal") == 0)
        *(Init *)value = INIT_NORMAL;
    else
        cli_fail(EXIT_USAGE, "--init: expected 'uniform' or 'normal', got '%s'", text);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/xor.csv", .out = "build/ch02", .hidden = 4, .lr = 2.0, .epochs = 5000,
                 .init = INIT_UNIFORM, .seed = 1};
    const CliOption options[] = {
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "FILE", .help = "CSV data: inputs, then the target in [0, 1]"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "hidden units, 3 in the tutorial", .min = 1,
                .max = 1000, .given = &o.hidden_given),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate eta > 0, 0.1 in the tutorial"),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "full-batch training steps, 10000 in the tutorial",
                .min = 0, .max = 10000000L),
        CLI_OPT("init", CLI_CUSTOM, &o.init, .arg = "uniform|normal", .parse = parse_init,
                .help = "initial weights: uniform in +-sqrt(6/(fan_in+fan_out)) (default uniform)\n"
                        "or normal N(0,1) as in the tutorial; biases start at 0"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "seed for the initial weights", .min = 0,
                .max = 2147483647L),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE",
                .help = "start from these weights (their shapes fix the network)"),
        CLI_OPT("study", CLI_LONG, &o.study, .arg = "N", .min = 1, .max = 100000L,
                .help = "train N networks from seeds 1..N and count the ones that learn (default none)"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary"),
        {0}};
    cli_parse(argc, argv, "A network with one hidden layer of sigmoid units learns a 0/1 target by backpropagation.",
              options);
    if (o.study && o.load)
        cli_fail(EXIT_USAGE, "--study trains from seeds 1..N, so it cannot start from --load-weights");
    return o;
}

// ----------------------------------------------------------------------------
// data: inputs, then one target in [0, 1] (a sigmoid's range)

static void load_data(Dataset *d, const char *path)
{
    run_load_csv(d, path, 1);
    for (int k = 0; k < d->n; k++) {
        const double t = mat_get(&d->T, k, 0);
        if (t < 0.0 || t > 1.0) {
            int line = d->line[k];
            data_free(d);
            cli_fail(EXIT_USAGE, "%s:%d: target %g is outside [0, 1], the sigmoid's range", path, line, t);
        }
    }
}

// ----------------------------------------------------------------------------
// model: the initial weights, drawn or loaded

//! [init]
/* Draw every weight (W1 row by row, then W2); biases start at 0. */
static void init_weights(Weights *net, Init init, unsigned long seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    for (int l = 0; l < net->n_layers; l++) {
        Mat *W = &net->W[l];
        // Glorot's scale keeps the variance of z about the same through the layers
        const double a = sqrt(6.0 / (W->rows + W->cols));
        for (size_t i = 0; i < mat_size(W); i++)
            W->data[i] = init == INIT_NORMAL ? rng_normal(&rng) : rng_range(&rng, -a, a);
        mat_fill(&net->b[l], 0.0);
    }
}
//! [init]

/* Read --load-weights and check that its shapes fit the data and the options. */
static void load_weights(Weights *net, const Options *o, const Dataset *d)
{
    run_load_weights(net, o->load);
    char problem[256] = "";
    if (net->n_layers != 2)
        snprintf(problem, sizeof problem, "has %d layers, but this network has 2 (W1 b1 W2 b2)", net->n_layers);
    else if (net->W[0].rows != d->n_in)
        snprintf(problem, sizeof problem, "W1 has %d rows, but %s has %d inputs", net->W[0].rows, o->data, d->n_in);
    else if (net->W[1].cols != 1)
        snprintf(problem, sizeof problem, "W2 has %d columns, but the network has 1 output", net->W[1].cols);
    else if (o->hidden_given && o->hidden != net->W[0].cols)
        snprintf(problem, sizeof problem, "has %d hidden units, but --hidden says %ld", net->W[0].cols, o->hidden);
    if (problem[0]) {
        weights_free(net);
        cli_fail(EXIT_USAGE, "%s: %s", o->load, problem);
    }
}

static void make_network(Weights *net, const Options *o, const Dataset *d, long seed)
{
    if (o->load) {
        load_weights(net, o, d);
        return;
    }
    const int sizes[] = {d->n_in, (int)o->hidden, 1};
    weights_alloc(net, 2, sizes);
    init_weights(net, o->init, (unsigned long)seed);
}

/* The network's outputs Y (N x 1) for the data's inputs. */
static void outputs(const Weights *net, const Dataset *d, Mat *Y)
{
    MlpWork ws = mlp_work_new(d->n, net);
    mlp_forward(net, &d->X, &ws);
    mat_copy(Y, &ws.Y);
    mlp_work_free(&ws);
}

// ----------------------------------------------------------------------------
// training

//! [train]
/* o->epochs full-batch steps; returns the loss E of the final weights. */
static double train(Weights *net, const Dataset *d, const Options *o, Trace *trace)
{
    MlpWork ws = mlp_work_new(d->n, net);
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    trace_epoch(trace, net, 0, 0.0); // the start: the animation's first frame
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double E = mlp_train_step(net, &d->X, &d->T, o->lr, &ws);
        run_check_diverged(net, E, epoch);
        trace_epoch(trace, net, epoch, E);
        if (!o->quiet && ((epoch - 1) % every == 0 || epoch == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch, E);
    }
    mlp_forward(net, &d->X, &ws); // the outputs of the final weights
    const double E = mlp_loss(&ws.Y, &d->T);
    mlp_work_free(&ws);
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    return E;
}
//! [train]

// ----------------------------------------------------------------------------
// one network: train, report, files

static void run_one(const Options *o, const Dataset *d)
{
    Weights net;
    make_network(&net, o, d, o->seed);
    printf("Chapter 02: a %d-%d-1 sigmoid network learns %s (%d samples)\n", d->n_in, net.W[0].cols, o->data, d->n);
    if (o->load)
        printf("Initial weights from %s\n", o->load);
    else
        printf("Initial weights: %s, seed %ld; biases 0\n",
               o->init == INIT_NORMAL ? "normal N(0, 1)" : "uniform in +-sqrt(6/(fan_in+fan_out))", o->seed);
    printf("Learning rate %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n\n", o->lr, o->epochs);

    Trace trace;
    trace_open(&trace, o->out, d, o->epochs);
    const double E = train(&net, d, o, &trace);
    trace_close(&trace);

    Mat Y = mat_new(d->n, 1);
    outputs(&net, d, &Y);
    report_result(&net, d, &Y, E, trace.E_late, o->lr, o->epochs);

    char comment[256];
    snprintf(comment, sizeof comment, "ch02 weights after %ld epochs at lr %g", o->epochs, o->lr);
    run_save_weights(&net, o->out, "weights.txt", comment);
    if (d->n_in == 2)
        write_plot_files(o->out, &net, d, &Y);
    printf("\n");
    cli_print_files(o->out);
    mat_free(&Y);
    weights_free(&net);
}

// ----------------------------------------------------------------------------
// the study: how often do these settings learn the data?

static void run_study(const Options *o, const Dataset *d)
{
    printf("Chapter 02 study: %ld networks %d-%ld-1 (seeds 1..%ld), %s init, lr %g, %ld epochs\n", o->study, d->n_in,
           o->hidden, o->study, o->init == INIT_NORMAL ? "normal" : "uniform", o->lr, o->epochs);
    Options quiet = *o;
    quiet.quiet = 1;
    double *losses = nn_alloc((size_t)o->study, sizeof *losses, "the study's losses");
    FILE *f = cli_open(o->out, "study.csv", "seed,learned,loss");
    Mat Y = mat_new(d->n, 1);
    long good = 0;
    for (long s = 1; s <= o->study; s++) {
        Weights net;
        make_network(&net, o, d, s);
        losses[s - 1] = train(&net, d, &quiet, NULL);
        outputs(&net, d, &Y);
        const int ok = learned(&Y, &d->T);
        good += ok;
        fprintf(f, "%ld,%d,%.17g\n", s, ok, losses[s - 1]);
        weights_free(&net);
    }
    cli_done(f);
    report_study(losses, o->study, good, o->out);
    mat_free(&Y);
    free(losses);
}

// ----------------------------------------------------------------------------

int main(int argc, char **argv)
{
    cli_init("ch02");
    Options o = parse_options(argc, argv);
    Dataset d;
    load_data(&d, o.data);
    if (o.study)
        run_study(&o, &d);
    else
        run_one(&o, &d);
    data_free(&d);
    return 0;
}
