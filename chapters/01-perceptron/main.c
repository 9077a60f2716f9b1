/**
 * @file chapters/01-perceptron/main.c
 * @brief Chapter 01's program: a perceptron learns a data set, epoch by epoch.
 *
 * Reads top to bottom as the chapter does: options, data, initial weights,
 * training (one table per epoch), report, then the files. The table and the
 * files the plots read are written by report.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/weights.h"
#include "perceptron.h"
#include "report.h"

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data;   // --data
    const char *out;    // --out
    double lr;          // --lr
    long max_epochs;    // --epochs (the old name --max-epochs still works)
    long seed;          // --seed
    double weights[MAX_INPUTS + 1]; // --weights: w1..wn then b
    int n_weights;      // how many --weights gave, 0 if none
    int quiet;          // --quiet
} Options;

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "data/or-bipolar.csv", .out = "build/ch01", .lr = 1.0, .max_epochs = 100, .seed = 1};
    const CliOption options[] = {
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "FILE", .help = "CSV data: inputs, then the target t in {-1, 1}"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate eta > 0"),
        CLI_OPT("weights", CLI_DOUBLES, o.weights, .arg = "W1,..,B", .max = MAX_INPUTS + 1, .count = &o.n_weights,
                .help = "initial weights then bias (default uniform in [-1, 1])"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "seed for the initial weights", .min = 0,
                .max = 2147483647L),
        CLI_OPT("epochs", CLI_LONG, &o.max_epochs, .arg = "N", .help = "at most N epochs: stop there if not converged",
                .min = 1, .max = 1000000L),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary, not the epoch tables"),
        // the first name; every chapter says --epochs
        CLI_OPT("max-epochs", CLI_LONG, &o.max_epochs, .min = 1, .max = 1000000L, .alias_of = "epochs"),
        {0}};
    cli_parse(argc, argv, "A perceptron learns a data set of bipolar (-1/1) targets with the perceptron rule.",
              options);
    return o;
}

// ----------------------------------------------------------------------------
// data: inputs, then one bipolar target

static void load_data(Dataset *d, const Options *o)
{
    run_load_csv(d, o->data, 1);
    char err[ERR_LEN];
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
// model: w1..wn and b (a Perceptron, report.h), from --weights or uniform in [-1, 1]

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
    rng_seed(&rng, (unsigned long)o->seed);
    for (int i = 0; i < n; i++)
        p.w[i] = rng_range(&rng, -1.0, 1.0);
    p.b = rng_range(&rng, -1.0, 1.0);
    return p;
}

// ----------------------------------------------------------------------------
// training: each sample in file order, one table row each

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
static int train_epoch(Perceptron *p, const Dataset *d, double lr, long epoch, Trace *trace, int quiet)
{
    int errors = 0;
    if (!quiet)
        report_epoch_header(epoch, p->n);
    for (int k = 0; k < d->n; k++) {
        Row r = {.x = d->X.data + (size_t)k * p->n, .t = mat_get(&d->T, k, 0)};
        r.y_in = perc_net_input(p->n, r.x, p->w, p->b);
        r.y = perc_step(r.y_in);
        if (perc_update(p->n, r.x, r.t, r.y, lr, p->w, &p->b, r.dw, &r.db)) {
            errors++;
            check_finite(p, epoch);
            trace_update(trace, epoch, &r, p);
        }
        if (!quiet)
            report_row(&r, p);
        trace_row(trace, epoch, &r, p);
    }
    if (!quiet)
        printf("  %d of %d samples misclassified\n", errors, d->n);
    trace_epoch(trace, epoch, errors, p);
    return errors;
}
//! [train_epoch]

// ----------------------------------------------------------------------------
// report

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

// ----------------------------------------------------------------------------
// files

/* The perceptron as a one-layer network in the course's weight format: W1 is n x 1, b1 is 1 x 1. */
static void save_weights(const Perceptron *p, const char *dir)
{
    const int sizes[] = {p->n, 1};
    Weights w;
    weights_alloc(&w, 1, sizes);
    for (int i = 0; i < p->n; i++)
        mat_set(&w.W[0], i, 0, p->w[i]);
    mat_set(&w.b[0], 0, 0, p->b);
    run_save_weights(&w, dir, "weights.txt", "ch01 perceptron: W1 is inputs x 1, b1 the bias");
    weights_free(&w);
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
        report_data(&d);
    report_weights(o.n_weights ? "\nInitial weights (--weights)" : "\nInitial weights (uniform in [-1, 1])", &p);
    printf("Learning rate %g, at most %ld epochs\n", o.lr, o.max_epochs);

    Trace trace;
    trace_open(&trace, o.out, &p);
    long epoch = 0;
    int errors;
    do {
        errors = train_epoch(&p, &d, o.lr, ++epoch, &trace, o.quiet);
    } while (errors > 0 && epoch < o.max_epochs);

    print_verdict(epoch, errors, &d, &o);
    report_weights("Final weights", &p);
    if (p.n == 2)
        printf("Decision line: %.6g x1 %c %.6g x2 %c %.6g = 0\n", p.w[0], p.w[1] < 0 ? '-' : '+',
               fabs(p.w[1]), p.b < 0 ? '-' : '+', fabs(p.b));

    trace_close(&trace);
    if (p.n == 2)
        write_samples(&d, o.out);
    save_weights(&p, o.out);
    printf("\n");
    cli_print_files(o.out);
    data_free(&d);
    return 0;
}
