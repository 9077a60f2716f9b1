/**
 * @file chapters/03-backprop/main.c
 * @brief Chapter 03's program: backpropagation for any depth, checked against finite differences.
 *
 * Three modes:
 * - default: check the gradient of the initial network, study the step eps
 *   of the finite differences, then train on the data and report;
 * - `--gradients FILE`: write dE/dW and dE/db of `--load-weights` over `--data`, nothing else;
 * - `--make-data spirals`: print the two-spirals data set (how data/spirals.csv was made).
 *
 * The check's table, the epsilon study and the plot files are in report.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/weights.h"
#include "gradcheck.h"
#include "network.h"
#include "report.h"

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients, *make_data;
    long sizes[WEIGHTS_MAX_LAYERS + 1];     // --layers
    int n_sizes;                            // how many --layers gave
    int sizes_given;                        // 1 when --layers was given: --load-weights must agree
    double lr, eps, turns;
    long epochs, points, seed;
    int quiet;
} Options;

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/spirals.csv", .out = "build/ch03", .sizes = {2, 8, 8, 1}, .n_sizes = 4, .lr = 0.2,
                 .eps = 1e-5, .epochs = 4000, .points = 100, .turns = 1.0, .seed = 1};
    const CliOption options[] = {
        CLI_OPT("layers", CLI_LONGS, o.sizes, .arg = "N0,N1,..,NL", .help = "inputs, hidden sizes, outputs",
                .min = 1, .max = 10000, .items = WEIGHTS_MAX_LAYERS + 1, .count = &o.n_sizes, .given = &o.sizes_given),
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "FILE", .help = "CSV data: inputs, then the targets"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate eta > 0"),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "full-batch training steps", .min = 0,
                .max = 10000000L),
        CLI_OPT("eps", CLI_POSITIVE, &o.eps, .arg = "X", .help = "step of the gradient check's central differences"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "seed for the initial weights", .min = 0,
                .max = 2147483647L),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE",
                .help = "start from these weights (their shapes fix the network)"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary"),
        CLI_HEADING("Instead of training:"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write dE/dW and dE/db of --load-weights over --data to FILE, and stop"),
        CLI_OPT("make-data", CLI_TEXT, &o.make_data, .arg = "spirals",
                .help = "print the two-spirals data set as CSV, and stop"),
        CLI_OPT("points", CLI_LONG, &o.points, .arg = "N", .help = "samples for --make-data", .min = 2,
                .max = 1000000L),
        CLI_OPT("turns", CLI_POSITIVE, &o.turns, .arg = "X", .help = "turns of each spiral for --make-data, > 0"),
        {0}};
    cli_parse(argc, argv, "Backpropagation through a sigmoid network of any depth, checked against finite differences.",
              options);
    if (o.n_sizes == 1)
        cli_fail(EXIT_USAGE, "--layers: needs at least the inputs and the outputs, e.g. 2,1");
    if (o.gradients && !o.load)
        cli_fail(EXIT_USAGE, "--gradients needs --load-weights (the weights to differentiate at)");
    if (o.make_data && strcmp(o.make_data, "spirals") != 0)
        cli_fail(EXIT_USAGE, "--make-data: the only data set is 'spirals', got '%s'", o.make_data);
    return o;
}

// ----------------------------------------------------------------------------
// data: the two spirals, and reading a data file for a given network

//! [spirals]
/* Two interleaved spirals of `turns` turns each; class 1 is class 0 turned by 180 degrees. */
static void make_spirals(long points, double turns, unsigned long seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    const double pi = 3.14159265358979323846;
    printf("x1,x2,t\n");
    for (long k = 0; k < points; k++) {
        const int cls = (int)(k % 2);
        const double u = (double)(k / 2) / ((points + 1) / 2);   // 0 .. 1 along the spiral
        const double r = 0.15 + 0.85 * u, angle = 2.0 * pi * turns * u + cls * pi;
        const double x = r * cos(angle) + 0.02 * rng_normal(&rng);
        const double y = r * sin(angle) + 0.02 * rng_normal(&rng);
        printf("%.6f,%.6f,%d\n", x, y, cls);
    }
}
//! [spirals]

/* The data file, whose columns must fit the network: its inputs, then its outputs. */
static void load_data(Dataset *d, const char *path, const Weights *net)
{
    const int n_in = weights_units(net, 0), n_out = weights_units(net, net->n_layers);
    run_load_csv(d, path, n_out);
    if (d->n_in != n_in) {
        int found = d->n_in;
        data_free(d);
        cli_fail(EXIT_USAGE, "%s has %d input column%s before its %d target%s, but the network takes %d inputs",
                 path, found, found == 1 ? "" : "s", n_out, n_out == 1 ? "" : "s", n_in);
    }
}

// ----------------------------------------------------------------------------
// model: from --layers and --seed, or from --load-weights

static void make_network(Weights *net, const Options *o)
{
    if (o->load) {
        run_load_weights(net, o->load);
        int same = o->n_sizes == net->n_layers + 1;
        for (int l = 0; same && l < o->n_sizes; l++)
            same = o->sizes[l] == weights_units(net, l);
        if (o->sizes_given && !same) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: its layer sizes differ from --layers", o->load);
        }
        return;
    }
    int sizes[WEIGHTS_MAX_LAYERS + 1];
    for (int l = 0; l < o->n_sizes; l++)
        sizes[l] = (int)o->sizes[l];
    weights_alloc(net, o->n_sizes - 1, sizes);
    Rng rng;
    rng_seed(&rng, (unsigned long)o->seed);
    weights_init_glorot(net, &rng);       // chapter 02's uniform initialisation
}

static void print_shape(const Weights *net)
{
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
}

// ----------------------------------------------------------------------------
// the gradient: by backpropagation, then checked against central differences

/* The loss E over the data, and its gradient dE/dW_l, dE/db_l into grad (allocated here, shaped like net). */
static double gradient(const Weights *net, const Dataset *d, Weights *grad)
{
    weights_alloc_like(grad, net);
    Cache c = cache_new(d->n, net);
    const double E = net_loss(net_forward(net, &d->X, &c), &d->T);
    net_backward(net, &d->X, &d->T, &c, grad);
    cache_free(&c);
    return E;
}

/* 1 when every parameter's relative error is below GRADCHECK_LIMIT. */
static int check_gradient(Weights *net, const Weights *grad, const Dataset *d, double E, double eps)
{
    LayerCheck layers[WEIGHTS_MAX_LAYERS];
    const double tiny = gradcheck_tiny(E, eps);
    const double worst = gradcheck(net, grad, &d->X, &d->T, eps, tiny, layers);
    report_check(net, layers, E, eps, tiny, worst);
    return worst < GRADCHECK_LIMIT;
}

// ----------------------------------------------------------------------------
// training

static double train(Weights *net, const Dataset *d, const Options *o)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(d->n, net);
    FILE *f = cli_open(o->out, "loss.csv", "epoch,loss");
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double E = net_train_step(net, &d->X, &d->T, o->lr, &c, &grad);
        run_check_diverged(net, E, epoch);
        fprintf(f, "%ld,%.17g\n", epoch, E);
        if (!o->quiet && ((epoch - 1) % every == 0 || epoch == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch, E);
    }
    cli_done(f);
    const double E = net_loss(net_forward(net, &d->X, &c), &d->T);
    cache_free(&c);
    weights_free(&grad);
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    return E;
}

// ----------------------------------------------------------------------------
// the two modes that use data: a training run, and --gradients

/* Check, study, train, report, write the files; returns 1 when the gradient check passed. */
static int run(Weights *net, const Dataset *d, const Options *o)
{
    printf("Chapter 03: a ");
    print_shape(net);
    printf(" sigmoid network on %s (%d samples)\n\n", o->data, d->n);
    cli_make_dir(o->out); // an unwritable --out stops the run before the long check

    Weights grad;
    const double E0 = gradient(net, d, &grad);
    const int ok = check_gradient(net, &grad, d, E0, o->eps);
    eps_study(net, &grad, d, o->out, o->quiet);
    weights_free(&grad);

    printf("Training: lr %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n", o->lr, o->epochs);
    const double E = train(net, d, o);
    report_result(net, d, E);

    run_save_weights(net, o->out, "weights.txt", "ch03 weights after training");
    if (d->n_in == 2 && d->n_out == 1)
        write_plot_files(net, d, o->out);
    printf("\n");
    cli_print_files(o->out);
    return ok;
}

static void write_gradients(const Weights *net, const Dataset *d, const Options *o)
{
    Weights grad;
    gradient(net, d, &grad);
    char comment[512];
    snprintf(comment, sizeof comment, "dE/dW and dE/db of %s over %s (E = 1/2 sum (y - t)^2)", o->load, o->data);
    run_save_gradients(&grad, o->gradients, comment);
    weights_free(&grad);
}

int main(int argc, char **argv)
{
    cli_init("ch03");
    Options o = parse_options(argc, argv);
    if (o.make_data) {
        make_spirals(o.points, o.turns, (unsigned long)o.seed);
        return 0;
    }
    Weights net;
    make_network(&net, &o);
    Dataset d;
    load_data(&d, o.data, &net);
    int rc = 0;
    if (o.gradients)
        write_gradients(&net, &d, &o);
    else
        rc = run(&net, &d, &o) ? 0 : 1;
    data_free(&d);
    weights_free(&net);
    return rc;
}
