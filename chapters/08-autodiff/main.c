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
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/data.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "check.h"
#include "draw.h"
#include "expr.h"
#include "nets.h"
#include "tape.h"
#include "value.h"

#define CLASSES 10
#define EVAL_BATCH 1000     // images per forward pass when only evaluating (and for --gradients, as chapter 04)

// ----------------------------------------------------------------------------
// options

typedef enum { TASK_XOR, TASK_SPIRALS, TASK_FASHION } Task;
static const char *const TASKS[] = {"xor", "spirals", "fashion"};

typedef struct {
    Task task;
    const char *data, *out, *load, *gradients, *against, *expr, *set;
    long sizes[WEIGHTS_MAX_LAYERS + 1];     // --layers
    int n_sizes;                            // 0 when --layers was not given
    long hidden, epochs, batch, train_limit, test_limit;
    double lr;
    unsigned long seed;
    int shuffle, quiet, check;
    int task_given, hidden_given, lr_given, epochs_given, image_option;
    char training_option[32];               // the first option given that only training reads, for messages
} Options;

static void usage(void)
{
    printf("Usage: ch08 [options]\n"
           "Automatic differentiation: backpropagation that the computer derives, on scalars and on matrices.\n"
           "\n"
           "  --task T              train only this network through the tape: xor (chapter 02's), spirals\n"
           "                        (chapter 03's) or fashion (chapter 04's); without --task, the whole chapter:\n"
           "                        part 1 on scalars, then part 2 on the spirals\n"
           "  --data FILE|DIR       the data (default data/xor.csv, data/spirals.csv, or for fashion the IDX files\n"
           "                        in /usr/share/datasets/fashion-mnist)\n"
           "  --layers N0,..,NL     xor and spirals: inputs, hidden sizes, outputs (default 2,4,1 and 2,8,8,1)\n"
           "  --hidden H            xor: 2-H-1; fashion: sigmoid hidden units, 0 for none (default 100)\n"
           "  --lr X                learning rate eta > 0 (default 2, 0.2, 0.5; 0.03 for fashion --hidden 0)\n"
           "  --epochs N            training epochs (default 5000, 4000, 5)\n"
           "  --batch B             fashion: samples per step (default 32)\n"
           "  --shuffle yes|no      fashion: reshuffle the training set every epoch (default yes)\n"
           "  --train-limit N       fashion: use the first N training images (default all)\n"
           "  --test-limit N        fashion: use the first N test images (default all)\n"
           "  --seed N              seed for the initial weights and the shuffles (default 1)\n"
           "  --load-weights FILE   start from these weights\n"
           "  --gradients FILE      write the tape's gradient of the loss at the starting weights to FILE, and stop\n"
           "  --against FILE        compare the tape's gradient at the starting weights with the gradient file\n"
           "                        FILE (ch03's or ch04's --gradients), write agreement.csv, and stop\n"
           "  --expr TEXT           differentiate an expression, e.g. 'tanh(x*w1 + y*w2 + b)': + - * / ^,\n"
           "                        exp log tanh sigmoid relu, brackets; prints its gradient, draws its graph\n"
           "  --set NAMES           the expression's names and values, e.g. x=1,y=-2,w1=0.5,w2=1.5,b=0.1\n"
           "  --check               check every operation of both engines against central differences, and stop\n"
           "  --out DIR             where to write the files (default build/ch08)\n"
           "  --quiet               print only the summary\n"
           "  --help                show this help\n");
    cli_exit(0);
}

static Task task_of(const char *text)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(text, TASKS[k]) == 0)
            return (Task)k;
    cli_fail(EXIT_USAGE, "--task: expected xor, spirals or fashion, got '%s'", text);
}

/* An option that only one kind of task reads, given for another: say so rather than ignore it. */
static void check_task_options(const Options *o)
{
    if (o->n_sizes && o->task == TASK_FASHION)
        cli_fail(EXIT_USAGE, "--layers is for --task xor and spirals; fashion's network is 784-H-10 (--hidden H)");
    if (o->n_sizes && o->hidden_given)
        cli_fail(EXIT_USAGE, "--layers and --hidden both give the hidden sizes: give one");
    if (o->hidden_given && o->task == TASK_SPIRALS)
        cli_fail(EXIT_USAGE, "--hidden is for --task xor and fashion; spirals takes --layers");
    if (o->hidden_given && o->task == TASK_XOR && o->hidden == 0)
        cli_fail(EXIT_USAGE, "--hidden: xor needs a hidden layer (at least 1 unit)");
    if (o->image_option && o->task != TASK_FASHION)
        cli_fail(EXIT_USAGE, "--batch, --shuffle, --train-limit and --test-limit are for --task fashion "
                 "(xor and spirals train on the whole data set at once)");
    if (o->n_sizes == 1)
        cli_fail(EXIT_USAGE, "--layers: needs at least the inputs and the outputs, e.g. 2,1");
}

static void check_modes(const Options *o)
{
    if (o->set && !o->expr)
        cli_fail(EXIT_USAGE, "--set gives the names of an --expr: give the expression too");
    if (o->expr && (o->check || o->task_given || o->gradients || o->against || o->load || o->training_option[0]))
        cli_fail(EXIT_USAGE, "--expr differentiates an expression: it takes only --set, --out and --quiet%s%s",
                 o->training_option[0] ? ", not " : "", o->training_option);
    if (o->check && (o->task_given || o->gradients || o->against || o->load || o->training_option[0]))
        cli_fail(EXIT_USAGE, "--check checks the operations on its own small examples: it takes no --task, weights "
                 "or training options%s%s", o->training_option[0] ? " such as " : "", o->training_option);
    if (o->gradients && o->against)
        cli_fail(EXIT_USAGE, "--gradients and --against: give one (--against computes the same gradient and compares)");
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.task = TASK_SPIRALS, .out = "build/ch08", .hidden = 100, .batch = 32, .seed = 1, .shuffle = 1};
    static const struct option longopts[] = {
        {"task", required_argument, 0, 'k'},        {"data", required_argument, 0, 'd'},
        {"layers", required_argument, 0, 'L'},      {"hidden", required_argument, 0, 'H'},
        {"lr", required_argument, 0, 'l'},          {"epochs", required_argument, 0, 'e'},
        {"batch", required_argument, 0, 'b'},       {"shuffle", required_argument, 0, 'S'},
        {"train-limit", required_argument, 0, 't'}, {"test-limit", required_argument, 0, 'T'},
        {"seed", required_argument, 0, 's'},        {"load-weights", required_argument, 0, 'w'},
        {"gradients", required_argument, 0, 'g'},   {"against", required_argument, 0, 'a'},
        {"expr", required_argument, 0, 'x'},        {"set", required_argument, 0, 'n'},
        {"check", no_argument, 0, 'c'},             {"out", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},             {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        if (!o.training_option[0] && c > 0 && strchr("dLHlebStTs", c))
            for (const struct option *opt = longopts; opt->name; opt++)
                if (opt->val == c)
                    snprintf(o.training_option, sizeof o.training_option, "--%s", opt->name);
        switch (c) {
        case 'k': o.task = task_of(optarg), o.task_given = 1; break;
        case 'd': o.data = optarg; break;
        case 'L': o.n_sizes = cli_longs("--layers", optarg, o.sizes, WEIGHTS_MAX_LAYERS + 1, 1, 10000); break;
        case 'H': o.hidden = cli_long("--hidden", optarg, 0, 10000), o.hidden_given = 1; break;
        case 'l': o.lr = cli_positive("--lr", optarg), o.lr_given = 1; break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000000L), o.epochs_given = 1; break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000), o.image_option = 1; break;
        case 'S': o.shuffle = cli_yes_no("--shuffle", optarg), o.image_option = 1; break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L), o.image_option = 1; break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L), o.image_option = 1; break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'w': o.load = optarg; break;
        case 'g': o.gradients = optarg; break;
        case 'a': o.against = optarg; break;
        case 'x': o.expr = optarg; break;
        case 'n': o.set = optarg; break;
        case 'c': o.check = 1; break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    check_modes(&o);
    check_task_options(&o);
    static const double LR[] = {2.0, 0.2, 0.5};             // each task's chapter's defaults
    static const long EPOCHS[] = {5000, 4000, 5};
    static const char *const DATA[] = {"data/xor.csv", "data/spirals.csv", "/usr/share/datasets/fashion-mnist"};
    if (!o.lr_given)
        o.lr = o.task == TASK_FASHION && o.hidden_given && o.hidden == 0 ? 0.03 : LR[o.task];
    if (!o.epochs_given)
        o.epochs = EPOCHS[o.task];
    if (!o.data)
        o.data = DATA[o.task];
    return o;
}

// ----------------------------------------------------------------------------
// the starting weights: drawn from --seed, or read from --load-weights

/* The weights of the file, which must have inputs and outputs units at the ends. */
static void load_weights(Weights *net, const char *path, int inputs, int outputs, const char *what)
{
    char err[ERR_LEN];
    if (weights_read(net, path, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    const int in = weights_units(net, 0), out = weights_units(net, net->n_layers);
    if ((inputs && in != inputs) || (outputs && out != outputs)) {
        weights_free(net);
        cli_fail(EXIT_USAGE, "%s: the network takes %d inputs and gives %d outputs, but %s", path, in, out, what);
    }
}

static void print_shape(const Weights *net)
{
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
}

static void write_weights(const Weights *w, const char *dir, const char *name, const char *comment)
{
    char path[4096], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (weights_write(w, path, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
}

static void check_finite(const Weights *net, double loss, long epoch)
{
    if (!isfinite(loss) || !(weights_max_abs(net) <= WEIGHTS_DIVERGED))
        cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is not finite); "
                 "lower --lr", epoch, WEIGHTS_DIVERGED);
}

// ----------------------------------------------------------------------------
// part 1: scalars

static void write_graph(Value *root, const char *dir, const char *name, const char *title)
{
    char path[4096];
    FILE *f = cli_create(dir, name, path, sizeof path);
    draw_graph(f, root, title);
    cli_close(f, path);
}

//! [part1_neuron]
static void scalar_neuron_demo(const Options *o)
{
    Graph g = value_graph_new(16);
    const double x[2] = {2.0, -1.0}, w[2] = {0.5, 1.5};
    Neuron u = scalar_neuron(&g, x, w, 0.3);
    value_backward(u.o);                                    // every node's do/d(node)
    if (!o->quiet) {
        printf("Part 1: scalars. A neuron, o = tanh(x1 w1 + x2 w2 + b), %d nodes; the backward pass from o:\n",
               g.n);
        printf("  %-12s %10s %12s\n", "node", "value", "do/d(node)");
        for (int i = 0; i < g.n; i++)
            printf("  %-12s %10.4f %12.4f\n", g.nodes[i].name, g.nodes[i].data, g.nodes[i].grad);
        printf("Along the path from o back to w1: do/dw1 = tanh'(n) x1 = (1 - o^2) x1 = %.4f x %g = %.4f.\n\n",
               1.0 - u.o->data * u.o->data, x[0], u.w1->grad);
    }
    write_graph(u.o, o->out, "graph-neuron.dot", "o = tanh(x1 w1 + x2 w2 + b): each node's value, and do/d(node)");
    value_graph_free(&g);
}
//! [part1_neuron]

/* The 2-2-1 network on XOR's sample (1, 0) -> 1, on scalars and on the tape: the same gradient. */
static void scalar_network_demo(const Options *o)
{
    const int sizes[3] = {2, 2, 1};
    Weights net, by_tape;
    weights_alloc(&net, 2, sizes);
    weights_alloc_like(&by_tape, &net);
    Rng rng;
    rng_seed(&rng, o->seed);
    weights_init_glorot(&net, &rng);
    mat_fill(&net.b[0], 0.1);                               // biases not 0, so that their paths show
    mat_fill(&net.b[1], -0.2);
    double x[2] = {1.0, 0.0}, t[1] = {1.0};

    Graph g = value_graph_new(64);
    Value *leaves[9];
    Value *E = scalar_mlp_loss(&g, &net, x, t, leaves);
    value_backward(E);

    Tape tape;
    tape_init(&tape);
    Mat X = {1, 2, x}, T = {1, 1, t};
    Step s = tape_squared_error(&tape, &net, &X, &T);
    tape_backward(s.loss);
    step_gradients(&s, &by_tape);

    if (!o->quiet) {
        printf("A 2-2-1 sigmoid network on XOR's sample x = (1, 0), t = 1: E = 1/2 (y - t)^2 = %.6f, %d nodes.\n",
               E->data, g.n);
        printf("The same network on the matrix tape (part 2) gives the same gradient:\n");
        printf("  %-9s %10s %14s %14s\n", "parameter", "value", "dE/dw scalars", "dE/dw tape");
    }
    int n = 0, equal = 0;
    for (int l = 0; l < 2; l++)
        for (int m = 0; m < 2; m++) {
            const Mat *G = m ? &by_tape.b[l] : &by_tape.W[l];
            for (size_t i = 0; i < mat_size(G); i++, n++) {
                equal += leaves[n]->grad == G->data[i];
                if (!o->quiet)
                    printf("  %-9s %10.4f %14.8f %14.8f\n", leaves[n]->name, leaves[n]->data, leaves[n]->grad,
                           G->data[i]);
            }
        }
    if (!o->quiet)
        printf("%d of %d gradients equal to the last bit: the same products and sums in the same order.\n\n", equal,
               n);
    write_graph(E, o->out, "graph-network.dot", "a 2-2-1 sigmoid network on one sample: E = 1/2 (y - t)^2");
    value_graph_free(&g);
    tape_free(&tape);
    weights_free(&net);
    weights_free(&by_tape);
}

// ----------------------------------------------------------------------------
// part 2, xor and spirals: chapters 02 and 03's networks on a CSV data set

static void load_csv(Dataset *d, const char *path, int n_in, int n_out)
{
    char err[ERR_LEN];
    if (data_load(d, path, n_out, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
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
        load_weights(net, o->load, 0, 0, "");
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
        sizes[1] = o->hidden_given ? (int)o->hidden : 4, sizes[2] = 1, n = 3;
    for (int l = 0; l < o->n_sizes; l++)
        sizes[l] = (int)o->sizes[l], n = o->n_sizes;
    weights_alloc(net, n - 1, sizes);
    Rng rng;
    rng_seed(&rng, o->seed);
    weights_init_glorot(net, &rng);
}

//! [train_csv]
/* Full-batch gradient descent through the tape; loss.csv gets E before each step. Returns the final E. */
static double train_csv(Weights *net, const Dataset *d, const Options *o, Tape *tape)
{
    char path[4096];
    FILE *f = cli_create(o->out, "loss.csv", path, sizeof path);
    fprintf(f, "epoch,loss\n");
    const long every = o->epochs >= 10 ? o->epochs / 10 : 1;
    for (long epoch = 0; epoch < o->epochs; epoch++) {
        tape_reset(tape);                                       // last step's nodes, forgotten at once
        Step s = tape_squared_error(tape, net, &d->X, &d->T);   // forward: the tape records
        tape_backward(s.loss);                                  // backward: the tape replays, in reverse
        step_update(&s, net, o->lr);                            // W <- W - lr dE/dW
        const double E = s.loss->val.data[0];
        check_finite(net, E, epoch + 1);
        fprintf(f, "%ld,%.17g\n", epoch + 1, E);
        if (!o->quiet && (epoch % every == 0 || epoch + 1 == o->epochs))
            printf("  epoch %7ld   E = %.6f\n", epoch + 1, E);
    }
    cli_close(f, path);
    tape_reset(tape);
    return tape_squared_error(tape, net, &d->X, &d->T).loss->val.data[0];
}
//! [train_csv]

/* The tape's gradient of E over the whole data set at net's weights, into grad. */
static void csv_gradient(Weights *net, const Dataset *d, Weights *grad)
{
    Tape tape;
    tape_init(&tape);
    Step s = tape_squared_error(&tape, net, &d->X, &d->T);
    tape_backward(s.loss);
    step_gradients(&s, grad);
    tape_free(&tape);
}

/* Share of samples whose every output is on its target's side of 0.5. */
static double csv_accuracy(Weights *net, const Dataset *d, Tape *tape)
{
    tape_reset(tape);
    const Mat *Y = &tape_squared_error(tape, net, &d->X, &d->T).out->val;
    int right = 0;
    for (int k = 0; k < d->n; k++) {
        int ok = 1;
        for (int j = 0; j < d->n_out; j++)
            ok = ok && (mat_get(Y, k, j) > 0.5) == (mat_get(&d->T, k, j) > 0.5);
        right += ok;
    }
    return (double)right / d->n;
}

static void run_csv(Weights *net, const Dataset *d, const Options *o)
{
    static const char *const CHAPTER[] = {"02", "03"};
    if (!o->quiet) {
        printf("%sChapter %s's ", o->task_given ? "" : "Part 2: the tape. ", CHAPTER[o->task]);
        print_shape(net);
        printf(" sigmoid network on %s (%d samples),\ntrained through the tape.\n", o->data, d->n);
    }
    Weights grad;
    weights_alloc_like(&grad, net);
    csv_gradient(net, d, &grad);
    write_weights(net, o->out, "weights0.txt", "ch08: the starting weights");
    write_weights(&grad, o->out, "gradients.txt", "ch08: dE/dW and dE/db at weights0.txt, by the tape");
    weights_free(&grad);
    Tape tape;
    tape_init(&tape);
    if (!o->quiet && o->task == TASK_SPIRALS)
        printf("The gradient at the starting weights (weights0.txt) is in gradients.txt; chapter 03's program\n"
               "writes its hand-written one with --load-weights %s/weights0.txt --gradients FILE.\n\n", o->out);
    else if (!o->quiet)
        printf("The starting weights are in weights0.txt, the gradient there in gradients.txt; chapter 02's\n"
               "program, started from them with --load-weights %s/weights0.txt, trains to the same weights.\n\n",
               o->out);
    if (!o->quiet)
        printf("Training: lr %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n", o->lr, o->epochs);
    const double E = train_csv(net, d, o, &tape);
    const int nodes = tape.n;
    const size_t bytes = tape.arena.peak;
    if (!isfinite(E))
        cli_fail(EXIT_FAILURE_IO, "after epoch %ld: the loss is not a finite number (lower --lr)", o->epochs);
    printf("Final loss E = %.6g; %.1f%% of the samples on their target's side of 0.5\n", E,
           100.0 * csv_accuracy(net, d, &tape));
    if (!o->quiet)
        printf("Each step put %d nodes on the tape, in %.1f KB of its arena.\n", nodes, bytes / 1e3);
    write_weights(net, o->out, "weights.txt", "ch08 weights after training through the tape");
    tape_free(&tape);
    if (!o->quiet)
        printf("\nFiles in %s: %sweights0.txt, gradients.txt, loss.csv, weights.txt\n", o->out,
               o->task_given ? "" : "graph-neuron.dot, graph-network.dot,\n  ");
}

// ----------------------------------------------------------------------------
// part 2, fashion: chapter 04's network on Fashion-MNIST, in mini-batches

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

static void make_image_network(Weights *net, const Options *o, int inputs, Rng *rng)
{
    if (o->load) {
        load_weights(net, o->load, inputs, CLASSES, "the images have 784 pixels and 10 classes");
        if (net->n_layers > 2 || (o->hidden_given && o->hidden != (net->n_layers == 2 ? weights_units(net, 1) : 0))) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: chapter 04's networks are 784-10 or 784-H-10 (with --hidden H, the same H)",
                     o->load);
        }
        return;
    }
    const int sizes[3] = {inputs, (int)o->hidden, CLASSES}, two[2] = {inputs, CLASSES};
    weights_alloc(net, o->hidden ? 2 : 1, o->hidden ? sizes : two);
    weights_init_glorot(net, rng);
}

/* How many rows of Y have their largest value in their label's column (ties: the first). */
static int count_correct(const Mat *Y, const int *labels)
{
    int right = 0;
    for (int k = 0; k < Y->rows; k++) {
        const double *y = Y->data + (size_t)k * Y->cols;
        int best = 0;
        for (int j = 1; j < Y->cols; j++)
            best = y[j] > y[best] ? j : best;
        right += best == labels[k];
    }
    return right;
}

typedef struct {
    double loss;    // mean cross-entropy
    int correct;    // images whose largest output is their class
} Eval;

static Eval evaluate(Weights *net, const ImageSet *s, Tape *tape)
{
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    Eval e = {0};
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        tape_reset(tape);
        const Node *loss = tape_cross_entropy(tape, net, &Xb, labels).loss;
        e.loss += loss->val.data[0] * Xb.rows;
        e.correct += count_correct(&loss->probs, labels);
    }
    e.loss /= s->n;
    free(order);
    mat_free(&X);
    return e;
}

//! [train_epoch]
/* One pass over the training set in batches through the tape; returns the mean loss, adds to *correct. */
static double train_epoch(Weights *net, const ImageSet *s, const int *order, const Options *o, long epoch,
                          Tape *tape, int *correct)
{
    const int B = (int)o->batch;
    Mat X = mat_new(B, s->rows * s->cols);
    int *labels = nn_alloc((size_t)B, sizeof(int), "a batch's labels");
    char label[64];
    snprintf(label, sizeof label, "epoch %ld/%ld", epoch, o->epochs);
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    double sum = 0.0;
    for (int start = 0; start < s->n; start += B) {
        Mat Xb = idx_gather(s, order, start, B, &X, labels);   // the last batch may be smaller
        tape_reset(tape);
        Step step = tape_cross_entropy(tape, net, &Xb, labels);
        tape_backward(step.loss);
        step_update(&step, net, o->lr);
        const double loss = step.loss->val.data[0];
        if (!isfinite(loss))
            check_finite(net, loss, epoch);
        *correct += count_correct(&step.loss->probs, labels);  // outputs before this step's update
        sum += loss * Xb.rows;
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    check_finite(net, sum, epoch);
    free(labels);
    mat_free(&X);
    return sum / s->n;
}
//! [train_epoch]

static void train_images(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                         Rng *rng, Tape *tape)
{
    char path[4096];
    FILE *csv = cli_create(o->out, "epochs.csv", path, sizeof path);
    fprintf(csv, "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n");
    int *order = idx_order(train_set->n);
    if (!o->quiet)
        printf("  %5s  %10s  %9s  %9s  %8s  %7s  %9s\n", "epoch", "train loss", "train acc", "test loss", "test acc",
               "seconds", "samples/s");
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double t0 = timing_now();
        if (o->shuffle)
            rng_shuffle(rng, order, train_set->n);     // the same orders as chapter 04
        int correct = 0;
        const double loss = train_epoch(net, train_set, order, o, epoch, tape, &correct);
        const double t1 = timing_now();
        const Eval test = evaluate(net, test_set, tape);
        const double t2 = timing_now();
        const double train_acc = 100.0 * correct / train_set->n, test_acc = 100.0 * test.correct / test_set->n;
        fprintf(csv, "%ld,%.9g,%.4f,%.9g,%.4f\n", epoch, loss, train_acc, test.loss, test_acc);
        if (!o->quiet)
            printf("  %5ld  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %7.1f  %9.0f\n", epoch, loss, train_acc, test.loss,
                   test_acc, t2 - t0, train_set->n / (t1 - t0));
        fflush(stdout);
    }
    cli_close(csv, path);
    free(order);
}

static void run_images(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o, Rng *rng)
{
    if (!o->quiet) {
        printf("Part 2: the tape. Chapter 04's ");
        print_shape(net);
        printf(" network on %s,\ntrained through the tape: ", o->data);
        printf("%d training images, %d test images;\n%ld epoch%s of batches of %ld, lr %g, %s\n\n", train_set->n,
               test_set->n, o->epochs, o->epochs == 1 ? "" : "s", o->batch, o->lr,
               o->shuffle ? "reshuffled every epoch" : "in file order");
    }
    Tape tape;
    tape_init(&tape);
    train_images(net, train_set, test_set, o, rng, &tape);
    const Eval test = evaluate(net, test_set, &tape);
    printf("%sTest accuracy: %.2f%% (%d of %d images), mean cross-entropy %.4f\n", o->quiet ? "" : "\n",
           100.0 * test.correct / test_set->n, test.correct, test_set->n, test.loss);
    if (!o->quiet)
        printf("Each step puts %d nodes on the tape; the arena grew to %.1f MB for the largest step\n"
               "(the test images, up to %d at a time).\n", tape.n, tape.arena.peak / 1e6, EVAL_BATCH);
    tape_free(&tape);
    write_weights(net, o->out, "weights.txt", "ch08 weights after training through the tape");
    if (!o->quiet)
        printf("\nFiles in %s: epochs.csv, weights.txt\n", o->out);
}

/* The gradient of the mean loss over the whole set, a chunk at a time as chapter 04: sum of (B / N) x chunk's. */
static void image_gradient(Weights *net, const ImageSet *s, Weights *total)
{
    Tape tape;
    tape_init(&tape);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        tape_reset(&tape);
        Step step = tape_cross_entropy(&tape, net, &Xb, labels);
        tape_backward(step.loss);
        const double share = (double)Xb.rows / s->n;
        for (int l = 0; l < net->n_layers; l++) {
            mat_add_scaled(&total->W[l], &total->W[l], share, &step.W[l]->grad);
            mat_add_scaled(&total->b[l], &total->b[l], share, &step.b[l]->grad);
        }
    }
    free(order);
    mat_free(&X);
    tape_free(&tape);
}

// ----------------------------------------------------------------------------
// --against: the tape's gradient beside another program's, number by number

static void compare_gradients(const Weights *tape, const Options *o)
{
    Weights other;
    char err[ERR_LEN];
    if (weights_read(&other, o->against, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    for (int l = 0; l < tape->n_layers || l < other.n_layers; l++)
        if (l >= tape->n_layers || l >= other.n_layers || tape->W[l].rows != other.W[l].rows ||
            tape->W[l].cols != other.W[l].cols) {
            weights_free(&other);
            cli_fail(EXIT_USAGE, "%s: its shapes differ from the network's (give the weights it was computed at "
                     "with --load-weights)", o->against);
        }
    char path[4096];
    FILE *f = cli_create(o->out, "agreement.csv", path, sizeof path);
    fprintf(f, "index,matrix,row,column,tape,other,relative_difference\n");
    double worst = 0.0;
    int n = 0, equal = 0;
    char at[48] = "", name[48];
    for (int l = 0; l < tape->n_layers; l++)
        for (int m = 0; m < 2; m++) {
            const Mat *a = m ? &tape->b[l] : &tape->W[l], *b = m ? &other.b[l] : &other.W[l];
            for (int i = 0; i < a->rows; i++)
                for (int j = 0; j < a->cols; j++, n++) {
                    const double x = mat_get(a, i, j), y = mat_get(b, i, j);
                    const double r = x == y ? 0.0 : fabs(x - y) / fmax(fabs(x), fabs(y));
                    snprintf(name, sizeof name, "%s%d[%d,%d]", m ? "b" : "W", l + 1, i + 1, j + 1);
                    fprintf(f, "%d,%s%d,%d,%d,%.17g,%.17g,%.3g\n", n, m ? "b" : "W", l + 1, i + 1, j + 1, x, y, r);
                    equal += x == y;
                    if (r > worst || !at[0])
                        worst = r, snprintf(at, sizeof at, "%s", name);
                }
        }
    cli_close(f, path);
    weights_free(&other);
    printf("The tape's gradient against %s: %d numbers, %d equal to the last bit;\n", o->against, n, equal);
    if (equal == n)
        printf("no difference at all. Written to %s.\n", path);
    else
        printf("the largest relative difference is %.3g (at %s). Written to %s.\n", worst, at, path);
}

// ----------------------------------------------------------------------------
// --expr

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
    cli_make_dir(o->out);
    char path[4096];
    FILE *f = cli_create(o->out, "expr.csv", path, sizeof path);
    fprintf(f, "name,value,gradient\n");
    for (int k = 0; k < e.n_names; k++)
        fprintf(f, "%s,%.17g,%.17g\n", e.names[k].name, e.names[k].leaf->data, e.names[k].leaf->grad);
    fprintf(f, "f,%.17g,1\n", e.root->data);
    cli_close(f, path);
    value_name(e.root, "f");
    write_graph(e.root, o->out, "graph-expr.dot", o->expr);
    printf("f = %s\n  = %.17g   (a graph of %d node%s)\n", o->expr, e.root->data, e.graph.n, e.graph.n == 1 ? "" : "s");
    if (!o->quiet) {
        printf("  %-12s %14s %22s\n", "name", "value", "df/d(name)");
        for (int k = 0; k < e.n_names; k++)
            printf("  %-12s %14.10g %22.15g\n", e.names[k].name, e.names[k].leaf->data, e.names[k].leaf->grad);
        printf("Files in %s: expr.csv, graph-expr.dot\n", o->out);
    }
    expr_free(&e);
}

// ----------------------------------------------------------------------------
// --check

static int run_check(void)
{
    printf("Every operation against central differences, eps %g; relative errors floored at %g\n\n"
           "Scalars (value.c), written in --expr's language:\n", CHECK_EPS, CHECK_TINY);
    const double scalars = check_scalars();
    printf("\nMatrices (tape.c): E = sum(C * R) for a random R, so that dE/dC = R:\n");
    const double tape = check_tape();
    const double worst = fmax(scalars, tape);
    const int ok = worst < CHECK_LIMIT;
    printf("\nChecked: %s: the worst relative error, %.1e, is %s %g\n", ok ? "PASSED" : "FAILED", worst,
           ok ? "below" : "not below", CHECK_LIMIT);
    return ok ? 0 : 1;
}

// ----------------------------------------------------------------------------

static void run_task_csv(const Options *o)
{
    Weights net;
    make_csv_network(&net, o);
    Dataset d;
    load_csv(&d, o->data, weights_units(&net, 0), weights_units(&net, net.n_layers));
    if (o->gradients || o->against) {
        Weights grad;
        weights_alloc_like(&grad, &net);
        csv_gradient(&net, &d, &grad);
        char err[ERR_LEN];
        if (o->against)
            compare_gradients(&grad, o);
        else if (weights_write(&grad, o->gradients, "ch08: dE/dW and dE/db by the tape (E = 1/2 sum (y - t)^2)",
                               err, sizeof err) != 0)
            cli_fail(EXIT_FAILURE_IO, "%s", err);
        weights_free(&grad);
    } else {
        if (!o->task_given) {       // the default run: the whole chapter, scalars first
            scalar_neuron_demo(o);
            scalar_network_demo(o);
        }
        run_csv(&net, &d, o);
    }
    data_free(&d);
    weights_free(&net);
}

static void run_task_images(const Options *o)
{
    ImageSet train_set, test_set;
    load_set(&train_set, o, "train", o->train_limit);
    Rng rng;
    rng_seed(&rng, o->seed);
    Weights net;
    make_image_network(&net, o, train_set.rows * train_set.cols, &rng);
    if (o->gradients || o->against) {
        Weights grad;
        weights_alloc_like(&grad, &net);
        image_gradient(&net, &train_set, &grad);
        char err[ERR_LEN], comment[512];
        snprintf(comment, sizeof comment, "ch08: the gradient of the mean cross-entropy over the first %d training "
                 "images of %s, by the tape", train_set.n, o->data);
        if (o->against)
            compare_gradients(&grad, o);
        else if (weights_write(&grad, o->gradients, comment, err, sizeof err) != 0)
            cli_fail(EXIT_FAILURE_IO, "%s", err);
        weights_free(&grad);
    } else {
        load_set(&test_set, o, "t10k", o->test_limit);
        run_images(&net, &train_set, &test_set, o, &rng);
        idx_free_set(&test_set);
    }
    weights_free(&net);
    idx_free_set(&train_set);
}

int main(int argc, char **argv)
{
    cli_init("ch08");
    Options o = parse_options(argc, argv);
    if (o.check)
        return run_check();
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
    return 0;
}
