/**
 * @file chapters/01-perceptron/main.c
 * @brief Chapter 01's program: a perceptron learns a data set, epoch by epoch.
 *
 * Reads top to bottom as the chapter does: options, data, initial weights,
 * training (one table per epoch), report, then the files the plots need.
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
#include "perceptron.h"

/** The most inputs a sample may have (the table gets wide long before). */
#define MAX_INPUTS 64

/** Plots show the square [-PLOT_HALF, PLOT_HALF]^2 around the bipolar data. */
#define PLOT_HALF 2.0

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data;   // --data
    const char *out;    // --out
    double lr;          // --lr
    long max_epochs;    // --epochs (the old name --max-epochs still works)
    unsigned long seed; // --seed
    double weights[MAX_INPUTS + 1]; // --weights: w1..wn then b
    int n_weights;      // how many --weights gave, 0 if none
    int quiet;          // --quiet
} Options;

static void usage(void)
{
    printf("Usage: ch01 [options]\n"
           "A perceptron learns a data set of bipolar (-1/1) targets with the perceptron rule.\n"
           "\n"
           "  --data FILE        CSV data: inputs, then the target t in {-1, 1}\n"
           "                     (default data/or-bipolar.csv)\n"
           "  --lr X             learning rate eta > 0 (default 1)\n"
           "  --weights W1,..,B  initial weights then bias (default: uniform in [-1, 1])\n"
           "  --seed N           seed for the initial weights (default 1)\n"
           "  --epochs N         at most N epochs: stop there if not converged (default 100)\n"
           "  --out DIR          where to write the files (default build/ch01)\n"
           "  --quiet            print only the summary, not the epoch tables\n"
           "  --help             show this help\n");
    cli_exit(0);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/or-bipolar.csv", .out = "build/ch01", .lr = 1.0,
                 .max_epochs = 100, .seed = 1};
    static const struct option longopts[] = {
        {"data", required_argument, 0, 'd'},       {"lr", required_argument, 0, 'l'},
        {"weights", required_argument, 0, 'w'},    {"seed", required_argument, 0, 's'},
        {"epochs", required_argument, 0, 'm'},     {"out", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},            {"help", no_argument, 0, 'h'},
        {"max-epochs", required_argument, 0, 'm'}, // the first name; every chapter says --epochs
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'd': o.data = optarg; break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'w': o.n_weights = cli_doubles("--weights", optarg, o.weights, MAX_INPUTS + 1); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'm': o.max_epochs = cli_long("--epochs", optarg, 1, 1000000L); break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage();
        }
    }
    cli_no_operands(argc, argv);
    return o;
}

// ----------------------------------------------------------------------------
// data: inputs, then one bipolar target

static void load_data(Dataset *d, const Options *o)
{
    char err[ERR_LEN];
    if (data_load(d, o->data, 1, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    const double bipolar[] = {-1.0, 1.0};
    if (data_check_targets(d, o->data, bipolar, 2, err, sizeof err) != 0) {
        data_free(d);
        cli_fail(EXIT_USAGE, "%s (the perceptron's targets are bipolar)", err);
    }
    if (d->n_in > MAX_INPUTS) {
        data_free(d);
        cli_fail(EXIT_USAGE, "%s: %d inputs, at most %d", o->data, d->n_in, MAX_INPUTS);
    }
}

// ----------------------------------------------------------------------------
// model: w1..wn and b, from --weights or uniform in [-1, 1]

typedef struct {
    int n;                  // inputs
    double w[MAX_INPUTS];   // weights
    double b;               // bias
} Perceptron;

static Perceptron initial_weights(const Options *o, int n)
{
    Perceptron p = {.n = n};
    if (o->n_weights) {
        if (o->n_weights != n + 1)
            cli_fail(EXIT_USAGE, "--weights: expected %d numbers (W1..W%d then b, for %d inputs), got %d",
                     n + 1, n, n, o->n_weights);
        memcpy(p.w, o->weights, (size_t)n * sizeof(double));
        p.b = o->weights[n];
        return p;
    }
    Rng rng;
    rng_seed(&rng, o->seed);
    for (int i = 0; i < n; i++)
        p.w[i] = rng_range(&rng, -1.0, 1.0);
    p.b = rng_range(&rng, -1.0, 1.0);
    return p;
}

// ----------------------------------------------------------------------------
// the files the plots read

typedef struct {
    FILE *epochs, *errors, *lines, *updates;
    char epochs_path[4096], errors_path[4096], lines_path[4096], updates_path[4096];
    int frame; // updates.csv rows so far
} Outputs;

static void csv_names(FILE *f, const char *prefix, int n)
{
    for (int i = 1; i <= n; i++)
        fprintf(f, ",%s%d", prefix, i);
}

/* lines.csv and updates.csv only for two inputs: a plot of the plane needs a line to draw. */
static void open_outputs(Outputs *out, const char *dir, int n)
{
    cli_make_dir(dir);
    out->epochs = cli_create(dir, "epochs.csv", out->epochs_path, sizeof out->epochs_path);
    out->errors = cli_create(dir, "errors.csv", out->errors_path, sizeof out->errors_path);
    out->lines = out->updates = NULL;
    out->frame = 0;
    fprintf(out->epochs, "epoch");
    csv_names(out->epochs, "X", n);
    fprintf(out->epochs, ",T,yin,Y");
    csv_names(out->epochs, "W", n);
    fprintf(out->epochs, ",b");
    csv_names(out->epochs, "delW", n);
    fprintf(out->epochs, ",delb\n");
    fprintf(out->errors, "epoch,errors\n");
    if (n != 2)
        return;
    out->lines = cli_create(dir, "lines.csv", out->lines_path, sizeof out->lines_path);
    out->updates = cli_create(dir, "updates.csv", out->updates_path, sizeof out->updates_path);
    fprintf(out->lines, "epoch,w1,w2,b,xa,ya,xb,yb,shown\n");
    fprintf(out->updates, "frame,epoch,x1,x2,t,w1,w2,b,xa,ya,xb,yb,shown\n");
}

/* One decision line w1 x1 + w2 x2 + b = 0 clipped to the plot: to lines.csv
   (tag = epoch) or updates.csv (tag = frame, with the sample that moved it).
   A line that misses the view is written with shown = 0 (and zero end points). */
static void write_line(FILE *f, long tag, const double *prefix, int nprefix, const Perceptron *p)
{
    if (!f)
        return; // only a 2-D line can be drawn
    double seg[4] = {0, 0, 0, 0};
    const int shown = plot_line_in_box(p->w[0], p->w[1], p->b, -PLOT_HALF, PLOT_HALF, seg);
    fprintf(f, "%ld", tag);
    for (int i = 0; i < nprefix; i++)
        fprintf(f, ",%.17g", prefix[i]);
    fprintf(f, ",%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d\n", p->w[0], p->w[1], p->b, seg[0],
            seg[1], seg[2], seg[3], shown);
}

static void close_outputs(Outputs *out)
{
    cli_close(out->epochs, out->epochs_path);
    cli_close(out->errors, out->errors_path);
    if (out->lines) {
        cli_close(out->lines, out->lines_path);
        cli_close(out->updates, out->updates_path);
    }
}

// ----------------------------------------------------------------------------
// training: each sample in file order, one table row each

/* One row of the chapter's table: a sample, what the perceptron answered, the weights after. */
typedef struct {
    const double *x;
    double t, y_in, y;
    double dw[MAX_INPUTS], db;
} Row;

static void print_header(int n)
{
    for (int i = 1; i <= n; i++)
        printf("  %6s%d", "X", i);
    printf("  %7s  %7s  %7s", "T", "yin", "Y");
    for (int i = 1; i <= n; i++)
        printf("  %6s%d", "W", i);
    printf("  %7s", "b");
    for (int i = 1; i <= n; i++)
        printf("  %3s%d", "delW", i);
    printf("  %7s\n", "delb");
}

static void print_row(const Row *r, const Perceptron *p)
{
    const int n = p->n;
    for (int i = 0; i < n; i++)
        printf("  %7.4g", r->x[i]);
    printf("  %7.4g  %7.4g  %7.4g", r->t, r->y_in, r->y);
    for (int i = 0; i < n; i++)
        printf("  %7.4g", p->w[i]);
    printf("  %7.4g", p->b);
    for (int i = 0; i < n; i++)
        printf("  %7.4g", r->dw[i]);
    printf("  %7.4g\n", r->db);
}

static void write_row(FILE *f, long epoch, const Row *r, const Perceptron *p)
{
    const int n = p->n;
    fprintf(f, "%ld", epoch);
    for (int i = 0; i < n; i++)
        fprintf(f, ",%.17g", r->x[i]);
    fprintf(f, ",%.17g,%.17g,%.17g", r->t, r->y_in, r->y);
    for (int i = 0; i < n; i++)
        fprintf(f, ",%.17g", p->w[i]);
    fprintf(f, ",%.17g", p->b);
    for (int i = 0; i < n; i++)
        fprintf(f, ",%.17g", r->dw[i]);
    fprintf(f, ",%.17g\n", r->db);
}

/* Stop when a huge --lr or huge inputs have pushed the weights past what a double holds. */
static void check_finite(const Perceptron *p, long epoch)
{
    int ok = isfinite(p->b);
    for (int i = 0; i < p->n; i++)
        ok = ok && isfinite(p->w[i]);
    if (!ok)
        cli_fail(EXIT_FAILURE_IO, "epoch %ld: the weights overflowed to infinity "
                 "(lower --lr or scale the inputs)", epoch);
}

//! [train_epoch]
/* One pass over the data; returns the number of misclassified samples. */
static int train_epoch(Perceptron *p, const Dataset *d, double lr, long epoch, Outputs *out,
                       int quiet)
{
    int errors = 0;
    if (!quiet) {
        printf("\nEpoch %ld\n", epoch);
        print_header(p->n);
    }
    for (int k = 0; k < d->n; k++) {
        Row r = {.x = d->X.data + (size_t)k * p->n, .t = mat_get(&d->T, k, 0)};
        r.y_in = perc_net_input(p->n, r.x, p->w, p->b);
        r.y = perc_step(r.y_in);
        if (perc_update(p->n, r.x, r.t, r.y, lr, p->w, &p->b, r.dw, &r.db)) {
            errors++;
            check_finite(p, epoch);
            const double moved[] = {epoch, r.x[0], p->n > 1 ? r.x[1] : 0.0, r.t};
            write_line(out->updates, ++out->frame, moved, 4, p);
        }
        if (!quiet)
            print_row(&r, p);
        write_row(out->epochs, epoch, &r, p);
    }
    if (!quiet)
        printf("  %d of %d samples misclassified\n", errors, d->n);
    fprintf(out->errors, "%ld,%d\n", epoch, errors);
    write_line(out->lines, epoch, NULL, 0, p);
    return errors;
}
//! [train_epoch]

// ----------------------------------------------------------------------------
// report

static void print_data(const Dataset *d)
{
    printf("Data (%d samples)\n", d->n);
    for (int j = 0; j < d->n_in + 1; j++)
        printf("  %7s", d->names[j]);
    printf("\n");
    for (int k = 0; k < d->n; k++) {
        for (int i = 0; i < d->n_in; i++)
            printf("  %7.4g", mat_get(&d->X, k, i));
        printf("  %7.4g\n", mat_get(&d->T, k, 0));
    }
}

static void print_weights(const char *title, const Perceptron *p)
{
    printf("%s:", title);
    for (int i = 0; i < p->n; i++)
        printf("  W%d = %.6g", i + 1, p->w[i]);
    printf("  b = %.6g\n", p->b);
}

static void print_verdict(long epochs, int errors, const Dataset *d, const Options *o)
{
    if (errors == 0) {
        printf("\nConverged after %ld epoch%s: every output equals its target.\n", epochs,
               epochs == 1 ? "" : "s");
        return;
    }
    printf("\nDid not converge: in epoch %ld, the last, %d of %d samples were misclassified when\n"
           "their turn came. The perceptron draws one straight line (a plane, in more dimensions)\n"
           "and answers 1 on one side, -1 on the other. When no such line separates the two classes,\n"
           "as for XOR, each update turns the line towards the sample it got wrong and so away from\n"
           "others: the mistakes never run out. The convergence theorem promises an end only for\n"
           "linearly separable data. Chapter 02 adds a hidden layer.\n"
           "(If the data is separable, more --epochs than %ld may be needed.)\n",
           epochs, errors, d->n, o->max_epochs);
}

/* The perceptron as a one-layer network in the course's weight format. */
static void write_weights(const Perceptron *p, const char *dir)
{
    const int sizes[] = {p->n, 1};
    Weights w;
    weights_alloc(&w, 1, sizes);
    for (int i = 0; i < p->n; i++)
        mat_set(&w.W[0], i, 0, p->w[i]);
    mat_set(&w.b[0], 0, 0, p->b);
    char path[4096], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/weights.txt", dir);
    int rc = weights_write(&w, path, "ch01 perceptron: W1 is inputs x 1, b1 the bias", err, sizeof err);
    weights_free(&w);
    if (rc != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
}

static void write_samples(const Dataset *d, const char *dir)
{
    char path[4096];
    FILE *f = cli_create(dir, "samples.csv", path, sizeof path);
    fprintf(f, "x1,x2,t\n");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0),
                d->n_in > 1 ? mat_get(&d->X, k, 1) : 0.0, mat_get(&d->T, k, 0));
    cli_close(f, path);
}

// ----------------------------------------------------------------------------

int main(int argc, char **argv)
{
    cli_init("ch01");
    Options o = parse_options(argc, argv);

    Dataset d;
    load_data(&d, &o);
    Perceptron p = initial_weights(&o, d.n_in);

    printf("Chapter 01: a perceptron learns %s (%d samples, %d inputs)\n\n", o.data, d.n, d.n_in);
    if (!o.quiet)
        print_data(&d);
    print_weights(o.n_weights ? "\nInitial weights (--weights)" : "\nInitial weights (uniform in [-1, 1])", &p);
    printf("Learning rate %g, at most %ld epochs\n", o.lr, o.max_epochs);

    Outputs out;
    open_outputs(&out, o.out, p.n);
    write_line(out.lines, 0, NULL, 0, &p);
    const double start[] = {0, 0, 0, 0};
    write_line(out.updates, 0, start, 4, &p);

    long epoch = 0;
    int errors;
    do {
        errors = train_epoch(&p, &d, o.lr, ++epoch, &out, o.quiet);
    } while (errors > 0 && epoch < o.max_epochs);

    print_verdict(epoch, errors, &d, &o);
    print_weights("Final weights", &p);
    if (p.n == 2)
        printf("Decision line: %.6g x1 %c %.6g x2 %c %.6g = 0\n", p.w[0], p.w[1] < 0 ? '-' : '+',
               fabs(p.w[1]), p.b < 0 ? '-' : '+', fabs(p.b));

    close_outputs(&out);
    if (p.n == 2)
        write_samples(&d, o.out);
    write_weights(&p, o.out);
    printf("\nFiles in %s: epochs.csv (the tables), errors.csv, %sweights.txt\n", o.out,
           p.n == 2 ? "lines.csv, updates.csv, samples.csv, " : "");
    data_free(&d);
    return 0;
}
