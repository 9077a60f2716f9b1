/**
 * @file chapters/02-xor-mlp/main.c
 * @brief Chapter 02's program: a 2-H-1 sigmoid network learns XOR by backpropagation.
 *
 * Options, data, initial weights, training (progress and loss), report, the
 * files the plots need; and `--study N`, which trains N networks from seeds
 * 1..N and counts how many learn the data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/plotdata.h"
#include "../../common/rng.h"
#include "../../common/weights.h"
#include "mlp.h"

#define GRID 101        // the boundary plot's grid: GRID x GRID points
#define FRAME_GRID 41   // the animation's grid
#define FRAMES 30       // the animation's frames

// ----------------------------------------------------------------------------
// options

typedef enum { INIT_UNIFORM, INIT_NORMAL } Init;

typedef struct {
    const char *data, *out, *load;  // --data, --out, --load-weights
    long hidden;                    // --hidden (0: not given)
    double lr;                      // --lr
    long epochs;                    // --epochs
    Init init;                      // --init
    unsigned long seed;             // --seed
    long study;                     // --study N (0: train one network)
    int quiet;                      // --quiet
} Options;

static void usage(void)
{
    printf("Usage: ch02 [options]\n"
           "A network with one hidden layer of sigmoid units learns a 0/1 target by backpropagation.\n"
           "\n"
           "  --data FILE          CSV data: inputs, then the target in [0, 1] (default data/xor.csv)\n"
           "  --hidden H           hidden units (default 4; the tutorial's is 3)\n"
           "  --lr X               learning rate eta > 0 (default 2; the tutorial's is 0.1)\n"
           "  --epochs N           full-batch training steps (default 5000; the tutorial's is 10000)\n"
           "  --init uniform|normal  initial weights: uniform in +-sqrt(6/(fan_in+fan_out)) (default)\n"
           "                       or normal N(0,1) as in the tutorial; biases start at 0\n"
           "  --seed N             seed for the initial weights (default 1)\n"
           "  --load-weights FILE  start from these weights (their shapes fix the network)\n"
           "  --study N            train N networks from seeds 1..N and count the ones that learn\n"
           "  --out DIR            where to write the files (default build/ch02)\n"
           "  --quiet              print only the summary\n"
           "  --help               show this help\n");
    cli_exit(0);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/xor.csv", .out = "build/ch02", .lr = 2.0, .epochs = 5000,
                 .init = INIT_UNIFORM, .seed = 1};
    static const struct option longopts[] = {
        {"data", required_argument, 0, 'd'},   {"hidden", required_argument, 0, 'H'},
        {"lr", required_argument, 0, 'l'},     {"epochs", required_argument, 0, 'e'},
        {"init", required_argument, 0, 'i'},   {"seed", required_argument, 0, 's'},
        {"load-weights", required_argument, 0, 'w'}, {"study", required_argument, 0, 'S'},
        {"out", required_argument, 0, 'o'},    {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'd': o.data = optarg; break;
        case 'H': o.hidden = cli_long("--hidden", optarg, 1, 1000); break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000000L); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'w': o.load = optarg; break;
        case 'S': o.study = cli_long("--study", optarg, 1, 100000L); break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        case 'i':
            if (strcmp(optarg, "uniform") == 0)
                o.init = INIT_UNIFORM;
            else if (strcmp(optarg, "normal") == 0)
                o.init = INIT_NORMAL;
            else
                cli_fail(EXIT_USAGE, "--init: expected 'uniform' or 'normal', got '%s'", optarg);
            break;
        }
    }
    cli_no_operands(argc, argv);
    if (o.study && o.load)
        cli_fail(EXIT_USAGE, "--study trains from seeds 1..N, so it cannot start from --load-weights");
    return o;
}

// ----------------------------------------------------------------------------
// data: inputs, then one target in [0, 1] (a sigmoid's range)

static void load_data(Dataset *d, const char *path)
{
    char err[ERR_LEN];
    if (data_load(d, path, 1, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
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
    char err[ERR_LEN];
    if (weights_read(net, o->load, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    const char *problem = NULL;
    char msg[256];
    if (net->n_layers != 2) {
        snprintf(msg, sizeof msg, "has %d layers, but this network has 2 (W1 b1 W2 b2)", net->n_layers);
        problem = msg;
    } else if (net->W[0].rows != d->n_in) {
        snprintf(msg, sizeof msg, "W1 has %d rows, but %s has %d inputs", net->W[0].rows, o->data, d->n_in);
        problem = msg;
    } else if (net->W[1].cols != 1) {
        snprintf(msg, sizeof msg, "W2 has %d columns, but the network has 1 output", net->W[1].cols);
        problem = msg;
    } else if (o->hidden && o->hidden != net->W[0].cols) {
        snprintf(msg, sizeof msg, "has %d hidden units, but --hidden says %ld", net->W[0].cols, o->hidden);
        problem = msg;
    }
    if (problem) {
        weights_free(net);
        cli_fail(EXIT_USAGE, "%s: %s", o->load, problem);
    }
}

static void make_network(Weights *net, const Options *o, const Dataset *d, unsigned long seed)
{
    if (o->load) {
        load_weights(net, o, d);
        return;
    }
    const int sizes[] = {d->n_in, o->hidden ? (int)o->hidden : 4, 1};
    weights_alloc(net, 2, sizes);
    init_weights(net, o->init, seed);
}

/* 1 when every output is on the same side of 0.5 as its target. */
static int learned(const Mat *Y, const Mat *T)
{
    for (size_t i = 0; i < mat_size(Y); i++)
        if ((Y->data[i] > 0.5) != (T->data[i] > 0.5))
            return 0;
    return 1;
}

// ----------------------------------------------------------------------------
// the files the plots read

/*
 * The square the plots show: the data's range over both inputs and half as much
 * again on each side, [-0.5, 1.5]^2 for 0/1 data, so that any data set's plots
 * show all of it (make ch02 ARGS="--data ...").
 */
typedef struct {
    double lo, hi;
} View;

static View plot_view(const Dataset *d)
{
    double lo = mat_get(&d->X, 0, 0), hi = lo;
    for (size_t i = 0; i < mat_size(&d->X); i++) {
        lo = fmin(lo, d->X.data[i]);
        hi = fmax(hi, d->X.data[i]);
    }
    const double margin = hi > lo ? 0.5 * (hi - lo) : 1.0;
    return (View){lo - margin, hi + margin};
}

/* The network's output over a grid of the view, for the heat map. */
static void write_grid(FILE *f, const Weights *net, int n, View v)
{
    Mat G = mat_new(n * n, 2);
    plot_grid_inputs(&G, v.lo, v.hi, n);
    MlpWork gw = mlp_work_new(n * n, net);
    mlp_forward(net, &G, &gw);
    plot_write_grid(f, &G, &gw.Y, n);
    mlp_work_free(&gw);
    mat_free(&G);
}

/* Each hidden unit's line w1j x1 + w2j x2 + b1j = 0, where it switches half on. */
static void write_hidden_lines(FILE *f, const Weights *net, View v)
{
    fprintf(f, "unit,w1,w2,b,xa,ya,xb,yb\n");
    for (int j = 0; j < net->W[0].cols; j++) {
        const double w1 = mat_get(&net->W[0], 0, j), w2 = mat_get(&net->W[0], 1, j);
        const double b = mat_get(&net->b[0], 0, j);
        double seg[4];
        if (plot_line_in_box(w1, w2, b, v.lo, v.hi, seg))
            fprintf(f, "%d,%.17g,%.17g,%.17g,%.9g,%.9g,%.9g,%.9g\n", j + 1, w1, w2, b, seg[0],
                    seg[1], seg[2], seg[3]);
    }
}

static void write_samples(FILE *f, const Dataset *d, const Mat *Y)
{
    fprintf(f, "x1,x2,t,y\n");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0), mat_get(&d->X, k, 1),
                mat_get(&d->T, k, 0), mat_get(Y, k, 0));
}

// ----------------------------------------------------------------------------
// training one network, with its report and files

typedef struct {
    FILE *loss, *frames, *frame_list;
    char loss_path[4096], frames_path[4096], list_path[4096];
    double E_late; // the loss a tenth of the run before its end: is it still falling?
    View view;     // the square the animation's frames show
} Files;

static int is_frame(long epoch, long epochs)
{
    // FRAMES snapshots, closer together early on where the network changes most:
    // epoch e is a frame when e = round(E (k / (FRAMES - 1))^2) for some k
    for (int k = 0; k < FRAMES; k++) {
        const double u = (double)k / (FRAMES - 1);
        if (epoch == lround(u * u * epochs))
            return 1;
    }
    return 0;
}

//! [train]
static double train(Weights *net, const Dataset *d, const Options *o, Files *files)
{
    MlpWork ws = mlp_work_new(d->n, net);
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    double E = 0.0;
    int frame = 0;
    for (long epoch = 0; epoch <= o->epochs; epoch++) {
        if (files && d->n_in == 2 && is_frame(epoch, o->epochs)) {
            fprintf(files->frames, "# frame %d, epoch %ld\n", frame, epoch);
            write_grid(files->frames, net, FRAME_GRID, files->view);
            fprintf(files->frames, "\n");
            fprintf(files->frame_list, "%d,%ld\n", frame++, epoch);
        }
        if (epoch == o->epochs)
            break;
        //! [loop]
        E = mlp_train_step(net, &d->X, &d->T, o->lr, &ws);
        //! [loop]
        if (!isfinite(E) || !(weights_max_abs(net) <= WEIGHTS_DIVERGED))
            cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is "
                     "not finite); lower --lr", epoch + 1, WEIGHTS_DIVERGED);
        if (files) {
            fprintf(files->loss, "%ld,%.17g\n", epoch + 1, E);
            if (epoch == o->epochs - 1 - o->epochs / 10)
                files->E_late = E;
        }
        if (!o->quiet && (epoch % every == 0 || epoch + 1 == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch + 1, E);
    }
    mlp_forward(net, &d->X, &ws); // the outputs of the final weights
    E = mlp_loss(&ws.Y, &d->T);
    mlp_work_free(&ws);
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    return E;
}
//! [train]

/*
 * Why a run did not learn, and what to change: the advice follows the cause.
 * Outputs pinned at 0 or 1 pass back almost no gradient (y (1 - y) ~ 0): a
 * too large step put them there. A loss still falling: too few epochs. A loss
 * that stopped: a local minimum, which another start escapes, or, with more
 * samples than weights, perhaps a network too small for the data.
 */
static void print_advice(const Weights *net, const Dataset *d, const Mat *Y, double E, double E_late,
                         const Options *o)
{
    int saturated = 1;
    for (int k = 0; k < d->n; k++) {
        const double y = mat_get(Y, k, 0);
        if ((y > 0.5) != (mat_get(&d->T, k, 0) > 0.5) && y * (1.0 - y) > 0.01)
            saturated = 0;
    }
    const int H = net->W[0].cols;
    const int params = (d->n_in + 1) * H + H + 1;
    if (o->epochs == 0)
        printf("No training ran (--epochs 0): these are the outputs of the starting weights.\n");
    else if (saturated)
        printf("The wrong outputs sit at 0 or 1, where the sigmoid is flat and passes back almost no\n"
               "gradient: steps too large for this data (--lr %g) threw the weights there. Lower --lr\n"
               "(E sums over the %d samples, so the same --lr takes larger steps on more samples).\n",
               o->lr, d->n);
    else if (E < 0.99 * E_late)
        printf("The loss was still falling (%.4g a tenth of the run before the end, %.4g now):\n"
               "give it more --epochs.\n", E_late, E);
    else if (d->n > params)
        printf("The loss has stopped falling with outputs on the wrong side: a local minimum, or a\n"
               "network too small for %d samples (a %d-%d-1 network has %d weights and biases).\n"
               "Try another --seed, or more --hidden.\n", d->n, d->n_in, H, params);
    else
        printf("The loss has stopped falling with outputs on the wrong side: a local minimum.\n"
               "Try another --seed (or one more hidden unit: see the study on the chapter's page).\n");
}

static void report(const Weights *net, const Dataset *d, double E, double E_late, const Options *o, Mat *Y)
{
    MlpWork ws = mlp_work_new(d->n, net);
    mlp_forward(net, &d->X, &ws);
    mat_copy(Y, &ws.Y);
    mlp_work_free(&ws);
    printf("\n");
    for (int i = 0; i < d->n_in; i++)
        printf("  %8s", d->names[i]);
    printf("  %8s  %8s\n", "target", "output");
    for (int k = 0; k < d->n; k++) {
        for (int i = 0; i < d->n_in; i++)
            printf("  %8.4g", mat_get(&d->X, k, i));
        printf("  %8.4g  %8.4f\n", mat_get(&d->T, k, 0), mat_get(Y, k, 0));
    }
    printf("\nFinal loss E = %.6g; %s\n", E,
           learned(Y, &d->T) ? "every output is on its target's side of 0.5: learned."
                             : "some outputs are on the wrong side of 0.5: not learned.");
    if (!learned(Y, &d->T))
        print_advice(net, d, Y, E, E_late, o);
    printf("\nFinal weights\n");
    for (int l = 0; l < 2; l++) {
        char name[16];
        snprintf(name, sizeof name, "W%d", l + 1);
        mat_print(stdout, name, &net->W[l], "%9.4f");
        snprintf(name, sizeof name, "b%d", l + 1);
        mat_print(stdout, name, &net->b[l], "%9.4f");
    }
}

static void run_one(const Options *o, const Dataset *d)
{
    Weights net;
    make_network(&net, o, d, o->seed);
    printf("Chapter 02: a %d-%d-1 sigmoid network learns %s (%d samples)\n", d->n_in,
           net.W[0].cols, o->data, d->n);
    if (o->load)
        printf("Initial weights from %s\n", o->load);
    else
        printf("Initial weights: %s, seed %lu; biases 0\n",
               o->init == INIT_NORMAL ? "normal N(0, 1)" : "uniform in +-sqrt(6/(fan_in+fan_out))", o->seed);
    printf("Learning rate %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n\n", o->lr, o->epochs);

    Files files = {.E_late = 0.0, .view = plot_view(d)};
    cli_make_dir(o->out);
    files.loss = cli_create(o->out, "loss.csv", files.loss_path, sizeof files.loss_path);
    files.frames = cli_create(o->out, "frames.dat", files.frames_path, sizeof files.frames_path);
    files.frame_list = cli_create(o->out, "frames.csv", files.list_path, sizeof files.list_path);
    fprintf(files.loss, "epoch,loss\n");
    fprintf(files.frame_list, "frame,epoch\n");
    const double E = train(&net, d, o, &files);
    cli_close(files.loss, files.loss_path);
    cli_close(files.frames, files.frames_path);
    cli_close(files.frame_list, files.list_path);

    Mat Y = mat_new(d->n, 1);
    report(&net, d, E, files.E_late, o, &Y);

    char path[4096], err[ERR_LEN], comment[256];
    snprintf(comment, sizeof comment, "ch02 weights after %ld epochs at lr %g", o->epochs, o->lr);
    snprintf(path, sizeof path, "%s/weights.txt", o->out);
    if (weights_write(&net, path, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    if (d->n_in == 2) {
        FILE *f = cli_create(o->out, "grid.dat", path, sizeof path);
        write_grid(f, &net, GRID, files.view);
        cli_close(f, path);
        f = cli_create(o->out, "hidden.csv", path, sizeof path);
        write_hidden_lines(f, &net, files.view);
        cli_close(f, path);
        f = cli_create(o->out, "samples.csv", path, sizeof path);
        write_samples(f, d, &Y);
        cli_close(f, path);
    }
    printf("\nFiles in %s: loss.csv, weights.txt%s\n", o->out,
           d->n_in == 2 ? ", grid.dat, hidden.csv, samples.csv, frames.dat, frames.csv" : "");
    mat_free(&Y);
    weights_free(&net);
}

// ----------------------------------------------------------------------------
// the study: how often do these settings learn the data?

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void run_study(const Options *o, const Dataset *d)
{
    const int H = o->hidden ? (int)o->hidden : 4;
    printf("Chapter 02 study: %ld networks %d-%d-1 (seeds 1..%ld), %s init, lr %g, %ld epochs\n",
           o->study, d->n_in, H, o->study, o->init == INIT_NORMAL ? "normal" : "uniform", o->lr,
           o->epochs);
    Options quiet = *o;
    quiet.quiet = 1;
    double *losses = nn_alloc((size_t)o->study, sizeof *losses, "the study's losses");
    if (!losses)
        cli_fail(EXIT_FAILURE_IO, "out of memory");
    char path[4096];
    cli_make_dir(o->out);
    FILE *f = cli_create(o->out, "study.csv", path, sizeof path);
    fprintf(f, "seed,learned,loss\n");
    long good = 0;
    MlpWork ws = {0};
    for (long s = 1; s <= o->study; s++) {
        Weights net;
        make_network(&net, o, d, (unsigned long)s);
        losses[s - 1] = train(&net, d, &quiet, NULL);
        if (s == 1)
            ws = mlp_work_new(d->n, &net);
        mlp_forward(&net, &d->X, &ws);
        const int ok = learned(&ws.Y, &d->T);
        good += ok;
        fprintf(f, "%ld,%d,%.17g\n", s, ok, losses[s - 1]);
        weights_free(&net);
    }
    cli_close(f, path);
    mlp_work_free(&ws);
    qsort(losses, (size_t)o->study, sizeof *losses, compare_doubles);
    const long n = o->study;
    printf("converged %ld/%ld (%.1f%%)\n", good, n, 100.0 * good / n);
    printf("final loss E: min %.3g, 25%% %.3g, median %.3g, 75%% %.3g, max %.3g\n", losses[0],
           losses[n / 4], losses[n / 2], losses[(3 * n) / 4 < n ? (3 * n) / 4 : n - 1], losses[n - 1]);
    printf("File: %s (seed, learned 0/1, final loss)\n", path);
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
