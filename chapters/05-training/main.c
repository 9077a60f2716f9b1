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
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "network.h"
#include "training.h"

#define CLASSES 10
#define EVAL_BATCH 1000     // samples per forward pass when only evaluating

// ----------------------------------------------------------------------------
// options, and the presets that set several at once

typedef struct {
    const char *data, *out, *load, *gradients, *preset;
    long sizes[WEIGHTS_MAX_LAYERS + 1];
    int n_sizes;
    NetConfig net;
    Init init;
    OptKind opt;
    Schedule schedule;
    double lr, mu, beta1, beta2, eps;
    long epochs, batch, train_limit, test_limit, val, early_stop;
    unsigned long seed;
    int shuffle, quiet;
    char given[128];        // given[c]: option c was on the command line (a preset does not override it)
} Options;

static void usage(void)
{
    printf("Usage: ch05 [options]\n"
           "Chapter 04's Fashion-MNIST classifier with the choices that make training work.\n"
           "\n"
           "  --preset NAME         a recipe from the page: sigmoid-sgd (chapter 04's) or best\n"
           "  --layers N0,..,NL     784, hidden sizes, 10 (default 784,128,10)\n"
           "  --act A               hidden units: sigmoid, tanh or relu (default relu)\n"
           "  --init I              initial weights: normal, glorot or he (default he)\n"
           "  --opt O               optimiser: sgd, momentum or adam (default adam)\n"
           "  --lr X                learning rate (default 0.002 for adam, 0.05 for sgd and momentum)\n"
           "  --momentum X          momentum mu, in [0, 1) (default 0.9)\n"
           "  --beta1 X, --beta2 X  Adam's decay rates, in [0, 1) (default 0.9, 0.999)\n"
           "  --eps X               Adam's epsilon (default 1e-8)\n"
           "  --lr-schedule S       constant, step or cosine (default cosine)\n"
           "  --weight-decay X      L2 term lambda/2 |W|^2 in the loss (default 0)\n"
           "  --dropout P           drop hidden units with probability P in [0, 1) while training (default 0)\n"
           "  --val N               the last N training images are the validation set (default 0)\n"
           "  --early-stop K        stop after K epochs without a better validation loss; keep the best\n"
           "  --epochs N            passes over the training set (default 5)\n"
           "  --batch B             samples per step (default 64)\n"
           "  --shuffle yes|no      reshuffle every epoch (default yes)\n"
           "  --seed N              initial weights, shuffles and dropout masks (default 1)\n"
           "  --data DIR            the IDX files (default /usr/share/datasets/fashion-mnist)\n"
           "  --train-limit N       use the first N training images (default all)\n"
           "  --test-limit N        use the first N test images (default all)\n"
           "  --load-weights FILE   start from these weights\n"
           "  --gradients FILE      write the gradient of the loss at the start to FILE, and stop\n"
           "  --out DIR             where to write the files (default build/ch05)\n"
           "  --quiet               print only the final summary; no progress bar\n"
           "  --help                show this help\n");
    cli_exit(0);
}

/* The index of text in names[0..n), or stop naming the choices. */
static int choice(const char *opt, const char *text, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    char list[256] = "";
    for (int i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? (i == n - 1 ? " or " : ", ") : "",
                 names[i]);
    cli_fail(EXIT_USAGE, "%s: expected %s, got '%s'", opt, list, text);
}

/* A number in [0, 1): a momentum, a decay rate, a dropout probability. */
static double unit_interval(const char *opt, const char *text)
{
    const double v = cli_double(opt, text);
    if (!(v >= 0.0 && v < 1.0))
        cli_fail(EXIT_USAGE, "%s: must be at least 0 and below 1, got '%s'", opt, text);
    return v;
}

//! [presets]
/* A preset sets the options the command line left alone. */
static void apply_preset(Options *o)
{
    static const char *const names[] = {"sigmoid-sgd", "best"};
    const int p = choice("--preset", o->preset, names, 2);
#define SET(c, field, value) if (!o->given[c]) o->field = value
    if (p == 0) {                   // chapter 04's network and training
        SET('L', n_sizes, 3);
        if (!o->given['L'])
            o->sizes[1] = 100;
        SET('a', net.act, ACT_SIGMOID); SET('i', init, INIT_GLOROT); SET('O', opt, OPT_SGD);
        SET('l', lr, 0.5); SET('b', batch, 32); SET('S', schedule, SCHED_CONSTANT);
    } else {                        // the chapter's best: ReLU, He, Adam, dropout, cosine; validation watched
        SET('L', n_sizes, 4);
        if (!o->given['L'])
            o->sizes[1] = 256, o->sizes[2] = 128, o->sizes[3] = 10;
        SET('a', net.act, ACT_RELU); SET('i', init, INIT_HE); SET('O', opt, OPT_ADAM);
        SET('l', lr, 0.001); SET('b', batch, 64); SET('D', net.dropout, 0.2);
        SET('S', schedule, SCHED_COSINE); SET('e', epochs, 20); SET('v', val, 5000);
    }
#undef SET
}
//! [presets]

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch05", .sizes = {784, 128, 10},
                 .n_sizes = 3, .net = {.act = ACT_RELU}, .init = INIT_HE, .opt = OPT_ADAM, .schedule = SCHED_COSINE,
                 .mu = 0.9, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8, .epochs = 5, .batch = 64, .seed = 1,
                 .shuffle = 1};
    static const char *const acts[] = {"sigmoid", "tanh", "relu"}, *const inits[] = {"normal", "glorot", "he"},
                             *const opts[] = {"sgd", "momentum", "adam"},
                             *const scheds[] = {"constant", "step", "cosine"}, *const yes_no[] = {"no", "yes"};
    static const struct option longopts[] = {
        {"preset", required_argument, 0, 'P'},      {"layers", required_argument, 0, 'L'},
        {"act", required_argument, 0, 'a'},         {"init", required_argument, 0, 'i'},
        {"opt", required_argument, 0, 'O'},         {"lr", required_argument, 0, 'l'},
        {"momentum", required_argument, 0, 'm'},    {"beta1", required_argument, 0, '1'},
        {"beta2", required_argument, 0, '2'},       {"eps", required_argument, 0, 'E'},
        {"lr-schedule", required_argument, 0, 'S'}, {"weight-decay", required_argument, 0, 'w'},
        {"dropout", required_argument, 0, 'D'},     {"val", required_argument, 0, 'v'},
        {"early-stop", required_argument, 0, 'k'},  {"epochs", required_argument, 0, 'e'},
        {"batch", required_argument, 0, 'b'},       {"shuffle", required_argument, 0, 'u'},
        {"seed", required_argument, 0, 's'},        {"data", required_argument, 0, 'd'},
        {"train-limit", required_argument, 0, 't'}, {"test-limit", required_argument, 0, 'T'},
        {"load-weights", required_argument, 0, 'W'}, {"gradients", required_argument, 0, 'g'},
        {"out", required_argument, 0, 'o'},         {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},              {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        o.given[c & 127] = 1;
        switch (c) {
        case 'P': o.preset = optarg; break;
        case 'L': o.n_sizes = cli_longs("--layers", optarg, o.sizes, WEIGHTS_MAX_LAYERS + 1, 1, 10000); break;
        case 'a': o.net.act = (Act)choice("--act", optarg, acts, 3); break;
        case 'i': o.init = (Init)choice("--init", optarg, inits, 3); break;
        case 'O': o.opt = (OptKind)choice("--opt", optarg, opts, 3); break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'm': o.mu = unit_interval("--momentum", optarg); break;
        case '1': o.beta1 = unit_interval("--beta1", optarg); break;
        case '2': o.beta2 = unit_interval("--beta2", optarg); break;
        case 'E': o.eps = cli_positive("--eps", optarg); break;
        case 'S': o.schedule = (Schedule)choice("--lr-schedule", optarg, scheds, 3); break;
        case 'w': o.net.weight_decay = cli_double("--weight-decay", optarg);
            if (o.net.weight_decay < 0)
                cli_fail(EXIT_USAGE, "--weight-decay: must be at least 0, got '%s'", optarg);
            break;
        case 'D': o.net.dropout = unit_interval("--dropout", optarg); break;
        case 'v': o.val = cli_long("--val", optarg, 0, 100000000L); break;
        case 'k': o.early_stop = cli_long("--early-stop", optarg, 1, 10000); break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000); break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000); break;
        case 'u': o.shuffle = choice("--shuffle", optarg, yes_no, 2); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'd': o.data = optarg; break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L); break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L); break;
        case 'W': o.load = optarg; break;
        case 'g': o.gradients = optarg; break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    if (o.preset)
        apply_preset(&o);
    if (!o.given['l'] && !o.lr)
        o.lr = o.opt == OPT_ADAM ? 0.002 : 0.05;
    if (o.n_sizes < 2 || o.sizes[0] != 784 || o.sizes[o.n_sizes - 1] != CLASSES)
        cli_fail(EXIT_USAGE, "--layers: must start with 784 (the pixels) and end with %d (the classes), got %ld..%ld",
                 CLASSES, o.sizes[0], o.sizes[o.n_sizes - 1]);
    if (o.early_stop && !o.val)
        cli_fail(EXIT_USAGE, "--early-stop needs --val N (the images it watches)");
    if (o.n_sizes == 2 && (o.net.dropout > 0 || o.given['a']))
        cli_fail(EXIT_USAGE, "--%s: a network without hidden layers (--layers 784,10) has no hidden units",
                 o.net.dropout > 0 ? "dropout" : "act");
    return o;
}

// ----------------------------------------------------------------------------
// data: training, validation (the training set's last images) and test sets

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    if (s->rows * s->cols != 784) {     // the chapter's networks take Fashion-MNIST's 28x28 images
        const int rows = s->rows, cols = s->cols;
        idx_free_set(s);
        cli_fail(EXIT_USAGE, "%s: the %s images are %dx%d, but chapter 05's networks take 28x28 = 784 pixels",
                 o->data, name, rows, cols);
    }
}

/* The last n images of s as a set of their own (sharing s's memory); s keeps the rest. */
static ImageSet split_off(ImageSet *s, long n)
{
    if (n >= s->n)
        cli_fail(EXIT_USAGE, "--val %ld leaves no training images (there are %d)", n, s->n);
    const int D = s->rows * s->cols, keep = s->n - (int)n;
    ImageSet v = {.n = (int)n, .rows = s->rows, .cols = s->cols, .pixels = s->pixels + (size_t)keep * D,
                  .labels = s->labels + keep};
    s->n = keep;
    return v;
}

// ----------------------------------------------------------------------------
// model: from the options, or from --load-weights

static void make_network(Weights *net, const Options *o, Rng *rng)
{
    if (o->load) {
        char err[ERR_LEN];
        if (weights_read(net, o->load, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        int same = weights_units(net, 0) == 784 && weights_units(net, net->n_layers) == CLASSES;
        for (int l = 0; same && o->given['L'] && l < o->n_sizes; l++)
            same = o->n_sizes == net->n_layers + 1 && o->sizes[l] == weights_units(net, l);
        if (!same) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: its layer sizes differ from --layers (or do not run from 784 to %d)",
                     o->load, CLASSES);
        }
        return;
    }
    int sizes[WEIGHTS_MAX_LAYERS + 1];
    for (int l = 0; l < o->n_sizes; l++)
        sizes[l] = (int)o->sizes[l];
    weights_alloc(net, o->n_sizes - 1, sizes);
    net_init(net, o->init, rng);
}

// ----------------------------------------------------------------------------
// evaluation

typedef struct {
    double loss;        // mean cross-entropy
    double accuracy;    // percent of images whose largest output is their class
} Eval;

/* Loss (the mean cross-entropy alone: what the network predicts, not the weight-decay term) and accuracy. */
static Eval evaluate(const Weights *net, const NetConfig *train_cfg, const ImageSet *s)
{
    const NetConfig test_cfg = {.act = train_cfg->act}, *cfg = &test_cfg;
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH], right = 0;
    double loss = 0.0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        const Mat *Y = net_forward(net, cfg, &Xb, &c, NULL);          // no dropout when testing
        loss += net_loss(net, cfg, &c, labels) * Xb.rows;
        for (int k = 0; k < Xb.rows; k++) {
            const double *y = Y->data + (size_t)k * CLASSES;
            int best = 0;
            for (int j = 1; j < CLASSES; j++)
                best = y[j] > y[best] ? j : best;
            right += best == labels[k];
        }
    }
    free(order);
    mat_free(&X);
    cache_free(&c);
    return (Eval){loss / s->n, 100.0 * right / s->n};
}

// ----------------------------------------------------------------------------
// the gradient at the start: the vanishing-gradient experiment, and --gradients

/* The gradient of the loss over the first n images of s (all of them when n is 0), in chunks. */
static void gradient_over(const Weights *net, const NetConfig *cfg, const ImageSet *s, int n, Weights *total)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    ImageSet first = *s;
    first.n = n > 0 && n < s->n ? n : s->n;
    for (int l = 0; l < net->n_layers; l++)
        mat_fill(&total->W[l], 0.0), mat_fill(&total->b[l], 0.0);
    for (int start = 0; start < first.n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(&first, order, start, EVAL_BATCH, &X, labels);
        net_forward(net, cfg, &Xb, &c, NULL);
        net_backward(net, cfg, &Xb, labels, &c, &grad);
        const double share = (double)Xb.rows / first.n;    // the mean over all = weighted mean of chunks
        for (int l = 0; l < net->n_layers; l++) {
            mat_add_scaled(&total->W[l], &total->W[l], share, &grad.W[l]);
            mat_add_scaled(&total->b[l], &total->b[l], share, &grad.b[l]);
        }
    }
    free(order);
    mat_free(&X);
    cache_free(&c);
    weights_free(&grad);
}

/* The Frobenius norm: the square root of the sum of the squares of the elements. */
static double norm(const Mat *m)
{
    double sq = 0.0;
    for (size_t i = 0; i < mat_size(m); i++)
        sq += m->data[i] * m->data[i];
    return sqrt(sq);
}

/* |dE/dW_l| per layer at the starting weights, over the first 1000 training images (no dropout). */
static void start_gradnorms(const Weights *net, const NetConfig *cfg, const ImageSet *s, double *norms)
{
    Weights g;
    weights_alloc_like(&g, net);
    gradient_over(net, cfg, s, EVAL_BATCH, &g);
    for (int l = 0; l < net->n_layers; l++)
        norms[l] = norm(&g.W[l]);
    weights_free(&g);
}

static void write_gradnorms(const double *norms, int n_layers, const char *dir)
{
    char path[4096];
    FILE *f = cli_create(dir, "gradnorms.csv", path, sizeof path);
    fprintf(f, "layer,norm\n");
    for (int l = 0; l < n_layers; l++)
        fprintf(f, "%d,%.6g\n", l + 1, norms[l]);
    cli_close(f, path);
}

static void write_gradients(const Weights *net, const NetConfig *cfg, const ImageSet *s, const Options *o)
{
    Weights g;
    weights_alloc_like(&g, net);
    gradient_over(net, cfg, s, 0, &g);
    char err[ERR_LEN], comment[512];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy%s over the first %d training images of %s",
             cfg->weight_decay > 0 ? " plus weight decay" : "", s->n, o->data);
    if (weights_write(&g, o->gradients, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    weights_free(&g);
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
    char batches_path[4096], epochs_path[4096];
} Trainer;

static void check_finite(const Weights *net, double loss, long epoch)
{
    if (!isfinite(loss) || !(weights_max_abs(net) <= WEIGHTS_DIVERGED))
        cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is not "
                 "finite); lower --lr", epoch, WEIGHTS_DIVERGED);
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
        if (!isfinite(loss))
            check_finite(net, loss, epoch);
        for (int k = 0; k < Xb.rows; k++) {
            const double *y = Y->data + (size_t)k * CLASSES;
            int best = 0;
            for (int j = 1; j < CLASSES; j++)
                best = y[j] > y[best] ? j : best;
            *correct += best == t->labels[k];
        }
        sum += loss * Xb.rows;
        fprintf(t->batches, "%ld,%.9g\n", epoch, loss);
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    check_finite(net, sum, epoch);
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
static double train(Weights *net, const ImageSet *train_set, const ImageSet *val_set, const ImageSet *test_set,
                    const Options *o, Rng *rng, Trainer *t)
{
    double last = NAN;
    if (!o->quiet && o->epochs > 0)
        printf("  %5s  %9s  %10s  %9s  %8s  %8s  %8s  %8s  %7s  %9s\n", "epoch", "lr", "train loss", "train acc",
               "val loss", "val acc", "test acc", val_set->n ? "val best" : "", "seconds", "samples/s");
    //! [epochs]
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double t0 = timing_now(), lr = schedule_lr(o->schedule, o->lr, epoch - 1, o->epochs);
        if (o->shuffle)
            rng_shuffle(rng, t->order, train_set->n);       // Fisher-Yates (chapter 04)
        int correct = 0;
        const double loss = last = train_epoch(t, net, train_set, o, epoch, lr, rng, &correct);
        const double t1 = timing_now();
        const Eval val = val_set->n ? evaluate(net, &o->net, val_set) : (Eval){NAN, NAN};
        const Eval test = evaluate(net, &o->net, test_set);
        const int stop = val_set->n && early_stop(t, net, o, val.loss, epoch);
        fprintf(t->epochs, "%ld,%.9g,%.9g,%.4f,%.9g,%.4f,%.9g,%.4f\n", epoch, lr, loss, 100.0 * correct / train_set->n,
                val.loss, val.accuracy, test.loss, test.accuracy);
        if (!o->quiet) {
            char vl[32] = "-", va[32] = "-";            // no validation set: nothing to show, not NaN
            if (val_set->n)
                snprintf(vl, sizeof vl, "%.4f", val.loss), snprintf(va, sizeof va, "%.2f%%", val.accuracy);
            printf("  %5ld  %9.2e  %10.4f  %8.2f%%  %9s  %8s  %7.2f%%  %8s  %7.1f  %9.0f\n", epoch, lr, loss,
                   100.0 * correct / train_set->n, vl, va, test.accuracy, t->best_epoch == epoch ? "*" : "",
                   timing_now() - t0, train_set->n / (t1 - t0));
        }
        fflush(stdout);
        if (stop) {
            printf("\nStopped after epoch %ld: %ld epochs without a better validation loss.\n", epoch, o->early_stop);
            break;
        }
    }
    //! [epochs]
    return last;
}

static void run(Weights *net, const ImageSet *train_set, const ImageSet *val_set, const ImageSet *test_set,
                const Options *o, Rng *rng)
{
    if (!o->quiet) {
        printf("Chapter 05: a ");
        for (int l = 0; l <= net->n_layers; l++)
            printf("%s%d", l ? "-" : "", weights_units(net, l));
        printf(" network of %s units on %s\n", act_name(o->net.act), o->data);
        printf("init %s, %s, lr %g (%s), batch %ld, dropout %g, weight decay %g\n",
               o->load ? "from file" : init_name(o->init), opt_name(o->opt), o->lr, schedule_name(o->schedule),
               o->batch, o->net.dropout, o->net.weight_decay);
        printf("%d training, %d validation, %d test images\n\n", train_set->n, val_set->n, test_set->n);
    }
    double norms[WEIGHTS_MAX_LAYERS];
    start_gradnorms(net, &o->net, train_set, norms);
    Trainer t = {.opt = opt_new(o->opt, net, o->mu, o->beta1, o->beta2, o->eps), .best_loss = INFINITY,
                 .cache = cache_new((int)o->batch, net), .X = mat_new((int)o->batch, train_set->rows * train_set->cols),
                 .labels = nn_alloc((size_t)o->batch, sizeof(int), "a batch's labels"), .order = idx_order(train_set->n)};
    weights_alloc_like(&t.grad, net);
    weights_alloc_like(&t.best, net);
    t.batches = cli_create(o->out, "batches.csv", t.batches_path, sizeof t.batches_path);
    t.epochs = cli_create(o->out, "epochs.csv", t.epochs_path, sizeof t.epochs_path);
    fprintf(t.batches, "epoch,loss\n");
    fprintf(t.epochs, "epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy\n");
    const double last = train(net, train_set, val_set, test_set, o, rng, &t);
    // chapter 04's yardstick: a network that cannot tell the classes apart scores log K
    if (last > log((double)CLASSES))
        printf("\nThe last epoch's loss, %.4f, is above that of a network that cannot tell the %d classes apart:\n"
               "the steps overshoot (lower --lr).\n", last, CLASSES);
    cli_close(t.batches, t.batches_path);
    cli_close(t.epochs, t.epochs_path);

    if (t.best_epoch > 0) {             // with a validation set: which epoch was best, kept with --early-stop
        for (int l = 0; o->early_stop && l < net->n_layers; l++)
            mat_copy(&net->W[l], &t.best.W[l]), mat_copy(&net->b[l], &t.best.b[l]);
        char path[4096];
        FILE *f = cli_create(o->out, "best.csv", path, sizeof path);
        fprintf(f, "best_epoch,val_loss\n%ld,%.9g\n", t.best_epoch, t.best_loss);
        cli_close(f, path);
    }
    const Eval test = evaluate(net, &o->net, test_set);
    if (o->early_stop)
        printf("\nThe weights of epoch %ld, the best validation loss (%.4f), are kept.\n", t.best_epoch, t.best_loss);
    else if (t.best_epoch > 0)
        printf("\nThe best validation loss (%.4f) was at epoch %ld; --early-stop would have kept those weights.\n",
               t.best_loss, t.best_epoch);
    printf("\nTest accuracy: %.2f%%, mean cross-entropy %.4f\n", test.accuracy, test.loss);
    char path[4096], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/weights.txt", o->out);
    if (weights_write(net, path, "ch05 weights after training", err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    write_gradnorms(norms, net->n_layers, o->out);
    printf("\nFiles in %s:\n  gradnorms.csv, batches.csv, epochs.csv, weights.txt%s\n", o->out,
           t.best_epoch > 0 ? ", best.csv" : "");
    opt_free(&t.opt);
    cache_free(&t.cache);
    mat_free(&t.X);
    free(t.labels);
    free(t.order);
    weights_free(&t.grad);
    weights_free(&t.best);
}

int main(int argc, char **argv)
{
    cli_init("ch05");
    Options o = parse_options(argc, argv);
    if (!o.gradients)
        cli_make_dir(o.out);            // a bad --out fails now, not after the training
    ImageSet train_set, test_set;
    load_set(&train_set, &o, "train", o.train_limit);
    const ImageSet val_set = o.val ? split_off(&train_set, o.val) : (ImageSet){0};
    Rng rng;
    rng_seed(&rng, o.seed);
    Weights net;
    make_network(&net, &o, &rng);
    if (o.gradients) {
        write_gradients(&net, &o.net, &train_set, &o);
    } else {
        load_set(&test_set, &o, "t10k", o.test_limit);
        run(&net, &train_set, &val_set, &test_set, &o, &rng);
        idx_free_set(&test_set);
    }
    weights_free(&net);
    train_set.n += (int)o.val;          // the set owns the validation images' memory too
    idx_free_set(&train_set);
    return 0;
}
