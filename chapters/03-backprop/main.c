/**
 * @file chapters/03-backprop/main.c
 * @brief Chapter 03's program: backpropagation for any depth, checked against finite differences.
 *
 * Three modes:
 * - default: check the gradient of the initial network, study the step eps
 *   of the finite differences, then train on the data and report;
 * - `--gradients FILE`: write dE/dW and dE/db of `--load-weights` over `--data`, nothing else;
 * - `--make-data spirals`: print the two-spirals data set (how data/spirals.csv was made).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/plotdata.h"
#include "../../common/rng.h"
#include "../../common/weights.h"
#include "backprop.h"
#include "gradcheck.h"
#include "network.h"

#define GRID 101            // the boundary plot's grid: GRID x GRID points

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients, *make_data;
    long sizes[WEIGHTS_MAX_LAYERS + 1];     // --layers
    int n_sizes;                            // 0 when --layers was not given
    double lr, eps, turns;
    long epochs, points;
    unsigned long seed;
    int quiet;
} Options;

static void usage(void)
{
    printf("Usage: ch03 [options]\n"
           "Backpropagation through a sigmoid network of any depth, checked against finite differences.\n"
           "\n"
           "  --layers N0,N1,..,NL  inputs, hidden sizes, outputs (default 2,8,8,1)\n"
           "  --data FILE           CSV data: inputs, then the targets (default data/spirals.csv)\n"
           "  --lr X                learning rate eta > 0 (default 0.2)\n"
           "  --epochs N            full-batch training steps (default 4000)\n"
           "  --eps X               step of the gradient check's central differences (default 1e-5)\n"
           "  --seed N              seed for the initial weights (default 1)\n"
           "  --load-weights FILE   start from these weights (their shapes fix the network)\n"
           "  --gradients FILE      write dE/dW and dE/db of --load-weights over --data to FILE, and stop\n"
           "  --make-data spirals   print the two-spirals data set as CSV, and stop\n"
           "  --points N            samples for --make-data (default 100)\n"
           "  --turns X             turns of each spiral for --make-data, > 0 (default 1)\n"
           "  --out DIR             where to write the files (default build/ch03)\n"
           "  --quiet               print only the summary\n"
           "  --help                show this help\n");
    cli_exit(0);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/spirals.csv", .out = "build/ch03", .lr = 0.2, .eps = 1e-5,
                 .epochs = 4000, .points = 100, .turns = 1.0, .seed = 1};
    static const struct option longopts[] = {
        {"layers", required_argument, 0, 'L'},    {"data", required_argument, 0, 'd'},
        {"lr", required_argument, 0, 'l'},        {"epochs", required_argument, 0, 'e'},
        {"eps", required_argument, 0, 'E'},       {"seed", required_argument, 0, 's'},
        {"load-weights", required_argument, 0, 'w'}, {"gradients", required_argument, 0, 'g'},
        {"make-data", required_argument, 0, 'm'}, {"points", required_argument, 0, 'p'},
        {"turns", required_argument, 0, 't'},     {"out", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},           {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'L': o.n_sizes = cli_longs("--layers", optarg, o.sizes, WEIGHTS_MAX_LAYERS + 1, 1, 10000); break;
        case 'd': o.data = optarg; break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000000L); break;
        case 'E': o.eps = cli_positive("--eps", optarg); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'w': o.load = optarg; break;
        case 'g': o.gradients = optarg; break;
        case 'm': o.make_data = optarg; break;
        case 'p': o.points = cli_long("--points", optarg, 2, 1000000L); break;
        case 't': o.turns = cli_positive("--turns", optarg); break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
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

static void load_data(Dataset *d, const char *path, int n_in, int n_out)
{
    char err[ERR_LEN];
    if (data_load(d, path, n_out, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
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
        char err[ERR_LEN];
        if (weights_read(net, o->load, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        int same = o->n_sizes == 0 || o->n_sizes == net->n_layers + 1;
        for (int l = 0; same && l < o->n_sizes; l++)
            same = o->sizes[l] == weights_units(net, l);
        if (!same) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: its layer sizes differ from --layers", o->load);
        }
        return;
    }
    int sizes[WEIGHTS_MAX_LAYERS + 1] = {2, 8, 8, 1}, n = 4;
    if (o->n_sizes) {
        n = o->n_sizes;
        for (int l = 0; l < n; l++)
            sizes[l] = (int)o->sizes[l];
    }
    weights_alloc(net, n - 1, sizes);
    Rng rng;
    rng_seed(&rng, o->seed);
    weights_init_glorot(net, &rng);       // chapter 02's uniform initialisation
}

static void print_shape(const Weights *net)
{
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
}

// ----------------------------------------------------------------------------
// the gradient check and the epsilon study

static int report_check(Weights *net, const Dataset *d, double eps)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(d->n, net);
    const double E = net_loss(net_forward(net, &d->X, &c), &d->T);
    net_backward(net, &d->X, &d->T, &c, &grad);
    cache_free(&c);
    LayerCheck layers[WEIGHTS_MAX_LAYERS];
    const double tiny = gradcheck_tiny(E, eps);
    const double worst = gradcheck(net, &grad, &d->X, &d->T, eps, tiny, layers);
    weights_free(&grad);

    printf("Gradient check: backprop against central differences, eps %g, every parameter\n", eps);
    printf("(E = %.4g; relative errors floored at %.2g, the rounding noise of the differences)\n", E, tiny);
    printf("  %5s  %8s  %18s  %18s\n", "layer", "params", "worst rel. err. W", "worst rel. err. b");
    for (int l = 0; l < net->n_layers; l++)
        printf("  %5d  %8zu  %18.2e  %18.2e\n", l + 1, mat_size(&net->W[l]) + mat_size(&net->b[l]),
               layers[l].worst_W, layers[l].worst_b);
    const int ok = worst < GRADCHECK_LIMIT;
    printf("verdict: %s: the worst relative error %.2e is %s %g\n\n", ok ? "PASSED" : "FAILED", worst,
           ok ? "below" : "not below", GRADCHECK_LIMIT);
    return ok;
}

static void eps_study(Weights *net, const Dataset *d, const char *dir, int quiet)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(d->n, net);
    net_forward(net, &d->X, &c);
    net_backward(net, &d->X, &d->T, &c, &grad);
    cache_free(&c);

    char path[4096];
    FILE *f = cli_create(dir, "eps.csv", path, sizeof path);
    fprintf(f, "eps,central,forward\n");
    if (!quiet)
        printf("Epsilon study: worst relative error over all parameters\n  %8s  %10s  %10s\n", "eps",
               "central", "forward");
    for (int k = 2; k <= 24; k++) { // eps = 10^(-k/2): 1e-1 down to 1e-12
        const double eps = pow(10.0, -k / 2.0);
        double central, forward;
        gradcheck_worst(net, &grad, &d->X, &d->T, eps, &central, &forward);
        fprintf(f, "%.17g,%.17g,%.17g\n", eps, central, forward);
        if (!quiet)
            printf("  %8.1e  %10.2e  %10.2e\n", eps, central, forward);
    }
    cli_close(f, path);
    weights_free(&grad);
    if (!quiet)
        printf("\n");
}

// ----------------------------------------------------------------------------
// training, and the files the plots read

static double train(Weights *net, const Dataset *d, const Options *o)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(d->n, net);
    char path[4096];
    FILE *f = cli_create(o->out, "loss.csv", path, sizeof path);
    fprintf(f, "epoch,loss\n");
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    for (long epoch = 0; epoch < o->epochs; epoch++) {
        const double E = net_train_step(net, &d->X, &d->T, o->lr, &c, &grad);
        if (!isfinite(E) || !(weights_max_abs(net) <= WEIGHTS_DIVERGED))
            cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is "
                     "not finite); lower --lr", epoch + 1, WEIGHTS_DIVERGED);
        fprintf(f, "%ld,%.17g\n", epoch + 1, E);
        if (!o->quiet && (epoch % every == 0 || epoch + 1 == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch + 1, E);
    }
    cli_close(f, path);
    const double E = net_loss(net_forward(net, &d->X, &c), &d->T);
    cache_free(&c);
    weights_free(&grad);
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    return E;
}

/* Share of samples whose every output is on its target's side of 0.5. */
static double accuracy(const Weights *net, const Dataset *d)
{
    Cache c = cache_new(d->n, net);
    const Mat *Y = net_forward(net, &d->X, &c);
    int right = 0;
    for (int k = 0; k < d->n; k++) {
        int ok = 1;
        for (int j = 0; j < d->n_out; j++)
            ok = ok && (mat_get(Y, k, j) > 0.5) == (mat_get(&d->T, k, j) > 0.5);
        right += ok;
    }
    cache_free(&c);
    return (double)right / d->n;
}

static void write_plot_files(const Weights *net, const Dataset *d, const char *dir)
{
    double lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < mat_size(&d->X); i++) {
        lo = fmin(lo, d->X.data[i]);
        hi = fmax(hi, d->X.data[i]);
    }
    const double margin = 0.1 * (hi - lo);
    Mat G = mat_new(GRID * GRID, 2);
    plot_grid_inputs(&G, lo - margin, hi + margin, GRID);
    Cache c = cache_new(GRID * GRID, net);
    char path[4096];
    FILE *f = cli_create(dir, "grid.dat", path, sizeof path);
    plot_write_grid(f, &G, net_forward(net, &G, &c), GRID);
    cli_close(f, path);
    cache_free(&c);
    mat_free(&G);
    f = cli_create(dir, "samples.csv", path, sizeof path);
    fprintf(f, "x1,x2,t\n");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0), mat_get(&d->X, k, 1), mat_get(&d->T, k, 0));
    cli_close(f, path);
}

// ----------------------------------------------------------------------------
// the three modes

static void write_gradients(Weights *net, const Options *o)
{
    Dataset d;
    load_data(&d, o->data, weights_units(net, 0), weights_units(net, net->n_layers));
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(d.n, net);
    net_forward(net, &d.X, &c);
    net_backward(net, &d.X, &d.T, &c, &grad);
    char err[ERR_LEN], comment[512];
    snprintf(comment, sizeof comment, "dE/dW and dE/db of %s over %s (E = 1/2 sum (y - t)^2)", o->load, o->data);
    if (weights_write(&grad, o->gradients, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    cache_free(&c);
    weights_free(&grad);
    data_free(&d);
}

static int run(Weights *net, const Options *o)
{
    Dataset d;
    load_data(&d, o->data, weights_units(net, 0), weights_units(net, net->n_layers));
    printf("Chapter 03: a ");
    print_shape(net);
    printf(" sigmoid network on %s (%d samples)\n\n", o->data, d.n);
    cli_make_dir(o->out);

    const int ok = report_check(net, &d, o->eps);
    eps_study(net, &d, o->out, o->quiet);

    printf("Training: lr %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n", o->lr, o->epochs);
    const double E = train(net, &d, o);
    printf("Final loss E = %.6g; %.1f%% of the samples on their target's side of 0.5\n", E,
           100.0 * accuracy(net, &d));

    char path[4096], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/weights.txt", o->out);
    if (weights_write(net, path, "ch03 weights after training", err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    if (d.n_in == 2 && d.n_out == 1)
        write_plot_files(net, &d, o->out);
    printf("\nFiles in %s: eps.csv, loss.csv, weights.txt%s\n", o->out,
           d.n_in == 2 && d.n_out == 1 ? ", grid.dat, samples.csv" : "");
    data_free(&d);
    return ok;
}

int main(int argc, char **argv)
{
    cli_init("ch03");
    Options o = parse_options(argc, argv);
    if (o.make_data) {
        make_spirals(o.points, o.turns, o.seed);
        return 0;
    }
    Weights net;
    make_network(&net, &o);
    int rc = 0;
    if (o.gradients)
        write_gradients(&net, &o);
    else
        rc = run(&net, &o) ? 0 : 1;
    weights_free(&net);
    return rc;
}
