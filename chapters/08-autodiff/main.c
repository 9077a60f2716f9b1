/**
 * @file chapters/08-autodiff/main.c
 * @brief Chapter 08's program: automatic differentiation, on scalars and on matrices.
 *
 * Modes:
 * - default: part 1, scalars: a neuron and a 2-2-1 network as graphs of
 *   numbers, their gradients, their drawings; part 2, the tape: --task's
 *   network (chapter 02's, 03's or 04's) trained through the tape, with the
 *   files that compare it with the hand-written chapter;
 * - `--gradients FILE`: the tape's gradient at the starting weights, and stop;
 * - `--against FILE`: that gradient compared with FILE's (another chapter's
 *   `--gradients`), number by number, and stop;
 * - `--expr TEXT --set NAMES`: an expression's value and gradient, and its graph;
 * - `--check`: every operation of both engines against central differences.
 *
 * Part 1, the comparison of --against and the answer of --expr are in report.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/idx.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/weights.h"
#include "check.h"
#include "expr.h"
#include "fashion.h"
#include "nets.h"
#include "options.h"
#include "report.h"
#include "tape.h"

// ----------------------------------------------------------------------------
// options (options.h)

/* An option that only one kind of task reads, given for another: say so rather than ignore it. */
static void check_task_options(const Options *o)
{
    if (o->n_sizes && o->task == TASK_FASHION)
        cli_fail(EXIT_USAGE, "--layers is for --task xor and spirals; fashion's network is 784-H-10 (--hidden H)");
    if (o->n_sizes && o->given[G_HIDDEN])
        cli_fail(EXIT_USAGE, "--layers and --hidden both give the hidden sizes: give one");
    if (o->given[G_HIDDEN] && o->task == TASK_SPIRALS)
        cli_fail(EXIT_USAGE, "--hidden is for --task xor and fashion; spirals takes --layers");
    if (o->given[G_HIDDEN] && o->task == TASK_XOR && o->hidden == 0)
        cli_fail(EXIT_USAGE, "--hidden: xor needs a hidden layer (at least 1 unit)");
    const int *g = o->given;
    if ((g[G_BATCH] || g[G_SHUFFLE] || g[G_TRAIN_LIMIT] || g[G_TEST_LIMIT]) && o->task != TASK_FASHION)
        cli_fail(EXIT_USAGE, "--batch, --shuffle, --train-limit and --test-limit are for --task fashion "
                 "(xor and spirals train on the whole data set at once)");
    if (o->n_sizes == 1)
        cli_fail(EXIT_USAGE, "--layers: needs at least the inputs and the outputs, e.g. 2,1");
}

static void check_modes(const Options *o)
{
    const char *t = o->training_option;
    if (o->set && !o->expr)
        cli_fail(EXIT_USAGE, "--set gives the names of an --expr: give the expression too");
    if (o->expr && (o->check || o->task_given || o->gradients || o->against || o->load || t[0]))
        cli_fail(EXIT_USAGE, "--expr differentiates an expression: it takes only --set, --out and --quiet%s%s",
                 t[0] ? ", not " : "", t);
    if (o->check && (o->task_given || o->gradients || o->against || o->load || t[0]))
        cli_fail(EXIT_USAGE, "--check checks the operations on its own small examples: it takes no --task, weights "
                 "or training options%s%s", t[0] ? " such as " : "", t);
    if (o->gradients && o->against)
        cli_fail(EXIT_USAGE, "--gradients and --against: give one (--against computes the same gradient and compares)");
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.task = TASK_SPIRALS, .out = "build/ch08", .hidden = 100, .batch = 32, .seed = 1, .shuffle = 1};
    int *g = o.given;
    const CliOption options[] = {
        CLI_OPT("task", CLI_CHOICE, &o.task, .arg = "T", .choices = "xor|spirals|fashion", .given = &o.task_given,
                .help = "train only this network through the tape: xor (chapter 02's), spirals\n(chapter 03's) or "
                        "fashion (chapter 04's); without --task (default), the whole\nchapter: part 1 on scalars, "
                        "then part 2 on the spirals"),
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "FILE|DIR", .given = &g[G_DATA],
                .help = "the data (default data/xor.csv, data/spirals.csv, or for fashion the IDX files\nin "
                        "/usr/share/datasets/fashion-mnist)"),
        CLI_OPT("layers", CLI_LONGS, o.sizes, .arg = "N0,..,NL", .min = 1, .max = 10000, .count = &o.n_sizes,
                .items = WEIGHTS_MAX_LAYERS + 1, .given = &g[G_LAYERS],
                .help = "xor and spirals: inputs, hidden sizes, outputs (default 2,4,1 and 2,8,8,1)"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .min = 0, .max = 10000, .given = &g[G_HIDDEN],
                .help = "xor: 2-H-1; fashion: sigmoid hidden units, 0 for none (default 4 and 100)"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .given = &g[G_LR],
                .help = "learning rate eta > 0 (default 2, 0.2, 0.5; 0.03 for fashion --hidden 0)"),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .min = 0, .max = 10000000L, .given = &g[G_EPOCHS],
                .help = "training epochs (default 5000, 4000, 5)"),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .min = 1, .max = 60000, .given = &g[G_BATCH],
                .help = "fashion: samples per step"),
        CLI_OPT("shuffle", CLI_YES_NO, &o.shuffle, .arg = "yes|no", .given = &g[G_SHUFFLE],
                .help = "fashion: reshuffle the training set every epoch"),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N", .min = 1, .max = 100000000L,
                .given = &g[G_TRAIN_LIMIT], .help = "fashion: use the first N training images (default all)"),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .min = 1, .max = 100000000L,
                .given = &g[G_TEST_LIMIT], .help = "fashion: use the first N test images (default all)"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .min = 0, .max = 2147483647L, .given = &g[G_SEED],
                .help = "seed for the initial weights and the shuffles"),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary"),
        CLI_HEADING("Instead of training:"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the tape's gradient of the loss at the starting weights to FILE, and stop"),
        CLI_OPT("against", CLI_TEXT, &o.against, .arg = "FILE",
                .help = "compare the tape's gradient at the starting weights with the gradient file\nFILE (ch03's "
                        "or ch04's --gradients), write agreement.csv, and stop"),
        CLI_OPT("expr", CLI_TEXT, &o.expr, .arg = "TEXT",
                .help = "differentiate an expression, e.g. 'tanh(x*w1 + y*w2 + b)': + - * / ^,\nexp log tanh "
                        "sigmoid relu, brackets; prints its gradient, draws its graph"),
        CLI_OPT("set", CLI_TEXT, &o.set, .arg = "NAMES",
                .help = "the expression's names and values, e.g. x=1,y=-2,w1=0.5,w2=1.5,b=0.1"),
        CLI_OPT("check", CLI_FLAG, &o.check,
                .help = "check every operation of both engines against central differences, and stop"),
        {0}};
    cli_parse(argc, argv, "Automatic differentiation: backpropagation that the computer derives, on scalars and on "
              "matrices.", options);
    for (const CliOption *p = options; p->name || p->help; p++)
        for (int k = 0; k < N_GIVEN && !o.training_option[0]; k++)
            if (p->given == &g[k] && g[k])
                snprintf(o.training_option, sizeof o.training_option, "--%s", p->name);
    check_modes(&o);
    check_task_options(&o);
    static const double LR[] = {2.0, 0.2, 0.5};             // each task's chapter's defaults
    static const long EPOCHS[] = {5000, 4000, 5};
    static const char *const DATA[] = {"data/xor.csv", "data/spirals.csv", "/usr/share/datasets/fashion-mnist"};
    if (!g[G_LR])
        o.lr = o.task == TASK_FASHION && g[G_HIDDEN] && o.hidden == 0 ? 0.03 : LR[o.task];
    if (!g[G_EPOCHS])
        o.epochs = EPOCHS[o.task];
    if (!o.data)
        o.data = DATA[o.task];
    return o;
}

// ----------------------------------------------------------------------------
// part 2, xor and spirals: chapters 02 and 03's networks on a CSV data set

/* The data file, whose columns must fit the network (its inputs, then its targets in [0, 1]). */
static void load_csv(Dataset *d, const char *path, int n_in, int n_out)
{
    run_load_csv(d, path, n_out);
    if (d->n_in != n_in) {
        const int found = d->n_in + d->n_out;
        data_free(d);
        cli_fail(EXIT_USAGE, "%s has %d columns, but a network of %d input%s and %d output%s needs %d, inputs "
                 "then targets (--layers)", path, found, n_in, n_in == 1 ? "" : "s", n_out, n_out == 1 ? "" : "s",
                 n_in + n_out);
    }
    for (size_t i = 0; i < mat_size(&d->T); i++)
        if (d->T.data[i] < 0.0 || d->T.data[i] > 1.0) {
            const int line = d->line[i / (size_t)n_out];
            const double t = d->T.data[i];
            data_free(d);
            cli_fail(EXIT_USAGE, "%s:%d: target %g is outside [0, 1], the sigmoid's range", path, line, t);
        }
}

static void make_csv_network(Weights *net, const Options *o)
{
    if (o->load) {
        run_load_weights(net, o->load);
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
    if (o->task == TASK_XOR)
        sizes[1] = o->given[G_HIDDEN] ? (int)o->hidden : 4, sizes[2] = 1, n = 3;
    for (int l = 0; l < o->n_sizes; l++)
        sizes[l] = (int)o->sizes[l], n = o->n_sizes;
    weights_alloc(net, n - 1, sizes);
    Rng rng;
    rng_seed(&rng, (unsigned long)o->seed);
    weights_init_glorot(net, &rng);
}

//! [train_csv]
/* Full-batch gradient descent through the tape; loss.csv gets E before each step. Returns the final E. */
static double train_csv(Weights *net, const Dataset *d, const Options *o, Tape *tape)
{
    FILE *f = cli_open(o->out, "loss.csv", "epoch,loss");
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    for (long epoch = 0; epoch < o->epochs; epoch++) {
        tape_reset(tape);                                       // last step's nodes, forgotten at once
        Step s = tape_squared_error(tape, net, &d->X, &d->T);   // forward: the tape records
        tape_backward(s.loss);                                  // backward: the tape replays, in reverse
        step_update(&s, net, o->lr);                            // W <- W - lr dE/dW
        const double E = s.loss->val.data[0];
        run_check_diverged(net, E, epoch + 1);
        fprintf(f, "%ld,%.17g\n", epoch + 1, E);
        if (!o->quiet && (epoch % every == 0 || epoch + 1 == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch + 1, E);
    }
    cli_done(f);
    tape_reset(tape);
    return tape_squared_error(tape, net, &d->X, &d->T).loss->val.data[0];
}
//! [train_csv]

/* The starting weights and the tape's gradient there, then training, the result, and the trained weights. */
static void run_csv(Weights *net, const Dataset *d, const Options *o)
{
    if (!o->quiet)
        report_csv_intro(net, d->n, o);
    Weights grad;
    squared_error_gradient(net, &d->X, &d->T, &grad);
    run_save_weights(net, o->out, "weights0.txt", "ch08: the starting weights");
    run_save_weights(&grad, o->out, "gradients.txt", "ch08: dE/dW and dE/db at weights0.txt, by the tape");
    weights_free(&grad);
    Tape tape;
    tape_init(&tape);
    const double E = train_csv(net, d, o, &tape);
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    report_csv_result(net, d, E, &tape, o->quiet);
    run_save_weights(net, o->out, "weights.txt", "ch08 weights after training through the tape");
    tape_free(&tape);
}

// ----------------------------------------------------------------------------
// the modes

/* --gradients or --against, with the tape's gradient grad. */
static void gradient_mode(const Weights *grad, const Options *o, const char *comment)
{
    if (o->against)
        report_against(grad, o->against, o->out);
    else
        run_save_gradients(grad, o->gradients, comment);
}

static void run_task_csv(const Options *o)
{
    Weights net, grad;
    make_csv_network(&net, o);
    Dataset d;
    load_csv(&d, o->data, weights_units(&net, 0), weights_units(&net, net.n_layers));
    if (o->gradients || o->against) {
        squared_error_gradient(&net, &d.X, &d.T, &grad);
        gradient_mode(&grad, o, "ch08: dE/dW and dE/db by the tape (E = 1/2 sum (y - t)^2)");
        weights_free(&grad);
    } else {
        if (!o->task_given) {       // the default run: the whole chapter, scalars first
            part1_neuron(o->out, o->quiet);
            part1_network(o->out, (unsigned long)o->seed, o->quiet);
        }
        run_csv(&net, &d, o);
    }
    data_free(&d);
    weights_free(&net);
}

static void run_task_images(const Options *o)
{
    ImageSet train_set, test_set;
    run_load_images(&train_set, o->data, "train", o->train_limit, CLASSES, 0);
    Rng rng;
    rng_seed(&rng, (unsigned long)o->seed);
    Weights net, grad;
    fashion_network(&net, o, train_set.rows * train_set.cols, &rng);
    if (o->gradients || o->against) {
        cross_entropy_gradient(&net, &train_set, EVAL_BATCH, &grad);
        char comment[512];
        snprintf(comment, sizeof comment, "ch08: the gradient of the mean cross-entropy over the first %d training "
                 "images of %s, by the tape", train_set.n, o->data);
        gradient_mode(&grad, o, comment);
        weights_free(&grad);
    } else {
        run_load_images(&test_set, o->data, "t10k", o->test_limit, CLASSES, train_set.rows * train_set.cols);
        fashion_train(&net, &train_set, &test_set, o, &rng);
        idx_free_set(&test_set);
    }
    weights_free(&net);
    idx_free_set(&train_set);
}

static void run_expr(const Options *o)
{
    Expr e;
    char err[ERR_LEN];
    if (expr_parse(&e, o->expr, o->set, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    if (expr_gradient(&e, err, sizeof err) != 0) {
        expr_free(&e);
        cli_fail(EXIT_USAGE, "%s", err);
    }
    report_expr(&e, o->expr, o->out, o->quiet);
    expr_free(&e);
}

int main(int argc, char **argv)
{
    cli_init("ch08");
    Options o = parse_options(argc, argv);
    if (o.check)
        return check_engines();
    if (o.expr) {
        run_expr(&o);
        return 0;
    }
    if (!o.gradients)
        cli_make_dir(o.out);            // a bad --out fails now, not after the training
    if (o.task == TASK_FASHION)
        run_task_images(&o);
    else
        run_task_csv(&o);
    if (!o.quiet && !o.gradients && !o.against) {
        printf("\n");
        cli_print_files(o.out);
    }
    return 0;
}
