/**
 * @file chapters/04-softmax/main.c
 * @brief Chapter 04's program: a softmax classifier of Fashion-MNIST's images, trained on mini-batches.
 *
 * Two modes:
 * - default: train on the training set, report loss and accuracy every
 *   epoch, then the test set's per-class accuracy and confusion matrix;
 *   write the files the plots read;
 * - `--gradients FILE`: write the gradient of the mean cross-entropy over the
 *   (limited) training set at the starting weights, and stop.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/plotdata.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "network.h"
#include "softmax.h"

#define CLASSES 10
#define EVAL_BATCH 1000     // samples per forward pass when only evaluating
#define MISTAKES 16         // test images in the mistakes plot
#define PER_CLASS 10        // training images per class in the samples plot
#define LABEL_GAP 12      // pixels between the tiles of a mosaic with labels under them

static const char *const FASHION[CLASSES] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
static const char *const DIGITS[CLASSES] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients;
    const char *const *names;       // the class names: --names
    long hidden, epochs, batch, train_limit, test_limit;
    double lr;
    unsigned long seed;
    int shuffle, quiet, lr_given, hidden_given;
} Options;

static void usage(void)
{
    printf("Usage: ch04 [options]\n"
           "A softmax classifier of 28x28 images (Fashion-MNIST), trained with mini-batch gradient descent.\n"
           "\n"
           "  --data DIR            the four IDX files, .gz or plain (default /usr/share/datasets/fashion-mnist)\n"
           "  --names NAMES         class names: fashion or digits (default fashion)\n"
           "  --hidden H            sigmoid hidden units; 0 is softmax regression (default 100)\n"
           "  --epochs N            passes over the training set (default 5)\n"
           "  --batch B             samples per gradient step (default 32)\n"
           "  --lr X                learning rate eta > 0 (default 0.5; 0.03 with --hidden 0)\n"
           "  --shuffle yes|no      reshuffle the training set every epoch (default yes)\n"
           "  --seed N              seed for the initial weights and the shuffles (default 1)\n"
           "  --train-limit N       use the first N training images (default all)\n"
           "  --test-limit N        use the first N test images (default all)\n"
           "  --load-weights FILE   start from these weights (W1 784 H, b1, W2 H 10, b2)\n"
           "  --gradients FILE      write the gradient of the mean cross-entropy over the training\n"
           "                        images at the starting weights to FILE, and stop\n"
           "  --out DIR             where to write the files (default build/ch04)\n"
           "  --quiet               print only the final summary; no progress bar\n"
           "  --help                show this help\n");
    cli_exit(0);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch04", .names = FASHION,
                 .hidden = 100, .epochs = 5, .batch = 32, .lr = 0.5, .seed = 1, .shuffle = 1};
    static const struct option longopts[] = {
        {"data", required_argument, 0, 'd'},       {"names", required_argument, 0, 'n'},
        {"hidden", required_argument, 0, 'H'},     {"epochs", required_argument, 0, 'e'},
        {"batch", required_argument, 0, 'b'},      {"lr", required_argument, 0, 'l'},
        {"shuffle", required_argument, 0, 'S'},    {"seed", required_argument, 0, 's'},
        {"train-limit", required_argument, 0, 't'}, {"test-limit", required_argument, 0, 'T'},
        {"load-weights", required_argument, 0, 'w'}, {"gradients", required_argument, 0, 'g'},
        {"out", required_argument, 0, 'o'},        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},             {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'd': o.data = optarg; break;
        case 'n':
            if (strcmp(optarg, "fashion") != 0 && strcmp(optarg, "digits") != 0)
                cli_fail(EXIT_USAGE, "--names: expected fashion or digits, got '%s'", optarg);
            o.names = optarg[0] == 'f' ? FASHION : DIGITS;
            break;
        case 'H': o.hidden = cli_long("--hidden", optarg, 0, 10000), o.hidden_given = 1; break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000); break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000); break;
        case 'l': o.lr = cli_positive("--lr", optarg), o.lr_given = 1; break;
        case 'S': o.shuffle = cli_yes_no("--shuffle", optarg); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L); break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L); break;
        case 'w': o.load = optarg; break;
        case 'g': o.gradients = optarg; break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    return o;
}

// ----------------------------------------------------------------------------
// data: the training and test sets

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

// ----------------------------------------------------------------------------
// model: from --hidden and --seed, or from --load-weights

static void make_network(Weights *net, Options *o, int inputs, Rng *rng)
{
    if (o->load) {
        char err[ERR_LEN];
        if (weights_read(net, o->load, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        const int in = weights_units(net, 0), out = weights_units(net, net->n_layers);
        const int hidden = net->n_layers == 2 ? weights_units(net, 1) : 0;
        if (net->n_layers > 2) {
            const int layers = net->n_layers;
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: %d weight layers, but chapter 04's networks have one or two (--hidden H)",
                     o->load, layers);
        }
        if (in != inputs || out != CLASSES) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: the network takes %d inputs and gives %d outputs, but the images "
                     "have %d pixels and %d classes", o->load, in, out, inputs, CLASSES);
        }
        if (o->hidden_given && o->hidden != hidden) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "--hidden %ld disagrees with %s, which has %d hidden units (leave --hidden out)",
                     o->hidden, o->load, hidden);
        }
    } else {
        const int sizes[3] = {inputs, (int)o->hidden, CLASSES};
        const int two[2] = {inputs, CLASSES};
        weights_alloc(net, o->hidden ? 2 : 1, o->hidden ? sizes : two);
        weights_init_glorot(net, rng);      // chapter 02's uniform initialisation
    }
    // softmax regression's logits sum 784 pixels directly: it wants smaller steps
    if (!o->lr_given && net->n_layers == 1)
        o->lr = 0.03;
}

static void print_shape(const Weights *net)
{
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
}

// ----------------------------------------------------------------------------
// evaluation: loss, accuracy, and each image's predicted class

typedef struct {
    double loss;        // mean cross-entropy
    int correct;        // images whose largest output is their class
    int *pred;          // predicted class of each image (or NULL)
    double *prob;       // the output of the predicted class (or NULL)
} Eval;

static void evaluate(const Weights *net, const ImageSet *s, Eval *e)
{
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    e->loss = 0.0;
    e->correct = 0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        const Mat *Y = net_forward(net, &Xb, &c);
        e->loss += cross_entropy(&c.logits, labels) * Xb.rows;
        e->correct += count_correct(Y, labels);
        for (int k = 0; e->pred && k < Xb.rows; k++) {
            const double *y = Y->data + (size_t)k * CLASSES;
            int best = 0;
            for (int j = 1; j < CLASSES; j++)
                best = y[j] > y[best] ? j : best;
            e->pred[start + k] = best;
            e->prob[start + k] = y[best];
        }
    }
    e->loss /= s->n;
    free(order);
    mat_free(&X);
    cache_free(&c);
}

// ----------------------------------------------------------------------------
// training: epochs of shuffled mini-batches

typedef struct {
    FILE *batches, *epochs;     // batches.csv and epochs.csv
    char batches_path[4096], epochs_path[4096];
    double first, last;         // the first batch's loss, the last epoch's mean loss
} Log;

static void check_finite(const Weights *net, double loss, long epoch)
{
    if (!isfinite(loss) || !(weights_max_abs(net) <= WEIGHTS_DIVERGED))
        cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is not "
                 "finite); lower --lr", epoch, WEIGHTS_DIVERGED);
}

//! [train_epoch]
/* One pass over the training set in batches; returns the mean loss, adds to *correct. */
static double train_epoch(Weights *net, const ImageSet *s, int *order, const Options *o, long epoch,
                          Log *log, long *step, int *correct)
{
    const int B = (int)o->batch;
    Cache c = cache_new(B, net);
    Weights grad;
    weights_alloc_like(&grad, net);
    Mat X = mat_new(B, s->rows * s->cols);
    int *labels = nn_alloc((size_t)B, sizeof(int), "a batch's labels");
    char label[64];
    snprintf(label, sizeof label, "epoch %ld/%ld", epoch, o->epochs);
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    double sum = 0.0;
    for (int start = 0; start < s->n; start += B) {
        Mat Xb = idx_gather(s, order, start, B, &X, labels);       // the last batch may be smaller
        const double loss = net_sgd_step(net, &Xb, labels, o->lr, &c, &grad);
        if (!isfinite(loss))
            check_finite(net, loss, epoch);
        *correct += count_correct(&c.Y, labels);        // outputs before this step's update
        sum += loss * Xb.rows;
        if (++*step == 1)
            log->first = loss;
        fprintf(log->batches, "%ld,%ld,%.9g\n", *step, epoch, loss);
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    check_finite(net, sum, epoch);
    free(labels);
    mat_free(&X);
    weights_free(&grad);
    cache_free(&c);
    return sum / s->n;
}
//! [train_epoch]

static void train(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                  Rng *rng, Log *log)
{
    int *order = idx_order(train_set->n);
    if (!o->quiet)
        printf("  %5s  %10s  %9s  %9s  %8s  %7s  %9s\n", "epoch", "train loss", "train acc", "test loss",
               "test acc", "seconds", "samples/s");
    long step = 0;
    //! [epochs]
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double t0 = timing_now();
        if (o->shuffle)
            shuffle(order, train_set->n, rng);      // a new order every epoch (Fisher-Yates)
        int correct = 0;
        const double loss = log->last = train_epoch(net, train_set, order, o, epoch, log, &step, &correct);
        const double t1 = timing_now();
        Eval test = {0};
        evaluate(net, test_set, &test);
        const double t2 = timing_now();
        const double train_acc = 100.0 * correct / train_set->n, test_acc = 100.0 * test.correct / test_set->n;
        fprintf(log->epochs, "%ld,%.9g,%.4f,%.9g,%.4f\n", epoch, loss, train_acc, test.loss, test_acc);
        if (!o->quiet)
            printf("  %5ld  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %7.1f  %9.0f\n", epoch, loss, train_acc, test.loss,
                   test_acc, t2 - t0, train_set->n / (t1 - t0));
        fflush(stdout);
    }
    //! [epochs]
    free(order);
    if (step == 0)
        return;
    // the yardstick of the page, whose value is the puzzle chance_loss: the report compares, it does not tell
    const double chance = chance_loss(CLASSES);
    const char *where = log->first > 1.5 * chance ? "far above" : log->first < 0.75 * chance ? "below" : "close to";
    printf("\nThe first batch's loss was %.4f, %s the loss of a network that cannot tell the %d classes apart\n"
           "(how much is that? the puzzle chance_loss).\n", log->first, where, CLASSES);
    if (log->last > chance)
        printf("The last epoch's loss, %.4f, is above that yardstick: the steps overshoot (lower --lr).\n",
               log->last);
}

// ----------------------------------------------------------------------------
// report: per-class accuracy and the confusion matrix

static void report(const ImageSet *test_set, const Eval *e, const char *const *names, int conf[CLASSES][CLASSES])
{
    memset(conf, 0, sizeof(int) * CLASSES * CLASSES);
    for (int k = 0; k < test_set->n; k++)
        conf[test_set->labels[k]][e->pred[k]]++;
    printf("\nTest accuracy: %.2f%% (%d of %d images), mean cross-entropy %.4f\n\n", 100.0 * e->correct / test_set->n,
           e->correct, test_set->n, e->loss);
    printf("Confusion matrix: a row per true class, a column per predicted class, and each class's accuracy\n");
    printf("  %-15s", "");
    for (int j = 0; j < CLASSES; j++)
        printf(" %5d", j);
    printf("  %8s\n", "accuracy");
    for (int i = 0; i < CLASSES; i++) {
        int n = 0;
        printf("  %d %-13s", i, names[i]);
        for (int j = 0; j < CLASSES; j++)
            printf(" %5d", conf[i][j]), n += conf[i][j];
        if (n)
            printf("  %7.1f%%\n", 100.0 * conf[i][i] / n);
        else
            printf("  %8s\n", "-");
    }
}

// ----------------------------------------------------------------------------
// files the plots read

static void write_confusion(const char *dir, const char *const *names, int conf[CLASSES][CLASSES])
{
    char path[4096];
    FILE *f = cli_create(dir, "confusion.csv", path, sizeof path);
    fprintf(f, "true,predicted,count,true_name,predicted_name\n");
    for (int i = 0; i < CLASSES; i++)
        for (int j = 0; j < CLASSES; j++)
            fprintf(f, "%d,%d,%d,%s,%s\n", i, j, conf[i][j], names[i], names[j]);
    cli_close(f, path);
}

/* Image k of s as rows * cols doubles in buf. */
static const double *as_doubles(const ImageSet *s, int k, double *buf)
{
    Mat X = {1, s->rows * s->cols, buf};
    idx_batch(&X, s, &k);
    return buf;
}

/* The first PER_CLASS training images of each class, a row per class. */
static void write_samples(const char *dir, const ImageSet *s, const char *const *names)
{
    const int D = s->rows * s->cols;
    double *buf = nn_alloc((size_t)CLASSES * PER_CLASS * D, sizeof(double), "the sample images");
    const double *tiles[CLASSES * PER_CLASS];
    int found[CLASSES] = {0};
    for (int t = 0; t < CLASSES * PER_CLASS; t++)
        tiles[t] = buf + (size_t)t * D;                 // a class with too few images keeps black tiles
    for (int k = 0; k < s->n; k++) {
        const int c = s->labels[k];
        if (found[c] < PER_CLASS)
            as_doubles(s, k, buf + (size_t)(c * PER_CLASS + found[c]++) * D);
    }
    char path[4096];
    FILE *f = cli_create(dir, "samples.dat", path, sizeof path);
    plot_write_mosaic(f, tiles, CLASSES * PER_CLASS, PER_CLASS, s->rows, s->cols, 1);
    cli_close(f, path);
    f = cli_create(dir, "samples.csv", path, sizeof path);
    fprintf(f, "row,name\n");
    for (int c = 0; c < CLASSES; c++)
        fprintf(f, "%d,%s\n", c * (s->rows + 1) + s->rows / 2, names[c]);
    cli_close(f, path);
    free(buf);
}

/* The MISTAKES test images the network was surest of and got wrong. */
static void write_mistakes(const char *dir, const ImageSet *s, const Eval *e, const char *const *names)
{
    int pick[MISTAKES], n = 0;
    for (int k = 0; k < s->n; k++) {            // keep the n surest mistakes, surest first
        if (e->pred[k] == s->labels[k])
            continue;
        int at = n < MISTAKES ? n++ : MISTAKES;
        while (at > 0 && e->prob[pick[at - 1]] < e->prob[k]) {
            if (at < MISTAKES)
                pick[at] = pick[at - 1];
            at--;
        }
        if (at < MISTAKES)
            pick[at] = k;
    }
    char path[4096];
    FILE *f = cli_create(dir, "mistakes.csv", path, sizeof path);
    fprintf(f, "tile,image,x,y,true,predicted,probability\n");
    const int D = s->rows * s->cols, per_row = MISTAKES / 2;
    double *buf = nn_alloc((size_t)n * D, sizeof(double), "the mistaken images");
    const double *tiles[MISTAKES];
    for (int t = 0; t < n; t++) {
        tiles[t] = as_doubles(s, pick[t], buf + (size_t)t * D);
        fprintf(f, "%d,%d,%d,%d,%s,%s,%.4f\n", t, pick[t] + 1, (t % per_row) * (s->cols + LABEL_GAP) + s->cols / 2,
                (t / per_row) * (s->rows + LABEL_GAP) + s->rows, names[s->labels[pick[t]]], names[e->pred[pick[t]]],
                e->prob[pick[t]]);
    }
    cli_close(f, path);
    if (n > 0) {
        f = cli_create(dir, "mistakes.dat", path, sizeof path);
        plot_write_mosaic(f, tiles, n, per_row, s->rows, s->cols, LABEL_GAP);
        cli_close(f, path);
    }
    free(buf);
}

/* Softmax regression's weight columns as images: what each class adds up. */
static void write_templates(const char *dir, const Weights *net, const ImageSet *s, const char *const *names)
{
    const Mat *W = &net->W[0];
    double *buf = nn_alloc(mat_size(W), sizeof(double), "the templates");
    const double *tiles[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
        for (int i = 0; i < W->rows; i++)
            buf[(size_t)c * W->rows + i] = mat_get(W, i, c);
        tiles[c] = buf + (size_t)c * W->rows;
    }
    char path[4096];
    FILE *f = cli_create(dir, "templates.dat", path, sizeof path);
    plot_write_mosaic(f, tiles, CLASSES, CLASSES / 2, s->rows, s->cols, LABEL_GAP);
    cli_close(f, path);
    f = cli_create(dir, "templates.csv", path, sizeof path);
    fprintf(f, "class,x,y,name\n");
    for (int c = 0; c < CLASSES; c++)
        fprintf(f, "%d,%d,%d,%s\n", c, (c % 5) * (s->cols + LABEL_GAP) + s->cols / 2,
                (c / 5) * (s->rows + LABEL_GAP) + s->rows, names[c]);
    cli_close(f, path);
    free(buf);
}

// ----------------------------------------------------------------------------
// the two modes

/* The gradient of the mean loss over the whole set, a chunk at a time: sum of (B / N) x chunk gradient. */
static void write_gradients(const Weights *net, const ImageSet *s, const Options *o)
{
    Weights grad, total;
    weights_alloc_like(&grad, net);
    weights_alloc_like(&total, net);
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        net_forward(net, &Xb, &c);
        net_backward(net, &Xb, labels, &c, &grad);
        const double share = (double)Xb.rows / s->n;
        for (int l = 0; l < net->n_layers; l++) {
            mat_add_scaled(&total.W[l], &total.W[l], share, &grad.W[l]);
            mat_add_scaled(&total.b[l], &total.b[l], share, &grad.b[l]);
        }
    }
    free(order);
    char err[ERR_LEN], comment[512];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over the first %d training images of %s",
             s->n, o->data);
    if (weights_write(&total, o->gradients, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    mat_free(&X);
    cache_free(&c);
    weights_free(&grad);
    weights_free(&total);
}

static void print_header(const Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o)
{
    printf("Chapter 04: a ");
    print_shape(net);
    printf(" %s on %s\n", net->n_layers == 1 ? "softmax regression" : "network, sigmoid hidden units and softmax",
           o->data);
    printf("%d training images, %d test images; %ld epoch%s of batches of %ld, lr %g, %s\n\n", train_set->n,
           test_set->n, o->epochs, o->epochs == 1 ? "" : "s", o->batch, o->lr,
           o->shuffle ? "reshuffled every epoch" : "in file order");
}

static void run(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o, Rng *rng)
{
    if (!o->quiet)
        print_header(net, train_set, test_set, o);
    Log log = {0};
    log.batches = cli_create(o->out, "batches.csv", log.batches_path, sizeof log.batches_path);
    log.epochs = cli_create(o->out, "epochs.csv", log.epochs_path, sizeof log.epochs_path);
    fprintf(log.batches, "step,epoch,loss\n");
    fprintf(log.epochs, "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n");
    train(net, train_set, test_set, o, rng, &log);
    cli_close(log.batches, log.batches_path);
    cli_close(log.epochs, log.epochs_path);

    Eval e = {.pred = nn_alloc((size_t)test_set->n, sizeof(int), "the test predictions"),
              .prob = nn_alloc((size_t)test_set->n, sizeof(double), "the test probabilities")};
    evaluate(net, test_set, &e);
    int conf[CLASSES][CLASSES];
    report(test_set, &e, o->names, conf);

    char path[4096], err[ERR_LEN];
    snprintf(path, sizeof path, "%s/weights.txt", o->out);
    if (weights_write(net, path, "ch04 weights after training", err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    write_confusion(o->out, o->names, conf);
    write_samples(o->out, train_set, o->names);
    write_mistakes(o->out, test_set, &e, o->names);
    if (net->n_layers == 1)
        write_templates(o->out, net, train_set, o->names);
    printf("\nFiles in %s:\n  batches.csv, epochs.csv, confusion.csv, weights.txt,\n"
           "  samples.dat, samples.csv, mistakes.dat, mistakes.csv%s\n", o->out,
           net->n_layers == 1 ? ", templates.dat, templates.csv" : "");
    free(e.pred);
    free(e.prob);
}

int main(int argc, char **argv)
{
    cli_init("ch04");
    Options o = parse_options(argc, argv);
    if (!o.gradients)
        cli_make_dir(o.out);            // a bad --out fails now, not after the training
    ImageSet train_set, test_set;
    load_set(&train_set, &o, "train", o.train_limit);
    Rng rng;
    rng_seed(&rng, o.seed);
    Weights net;
    make_network(&net, &o, train_set.rows * train_set.cols, &rng);
    if (o.gradients) {
        write_gradients(&net, &train_set, &o);
    } else {
        load_set(&test_set, &o, "t10k", o.test_limit);
        if (test_set.rows != train_set.rows || test_set.cols != train_set.cols)
            cli_fail(EXIT_USAGE, "%s: the test images are %dx%d but the training images %dx%d", o.data,
                     test_set.rows, test_set.cols, train_set.rows, train_set.cols);
        run(&net, &train_set, &test_set, &o, &rng);
        idx_free_set(&test_set);
    }
    weights_free(&net);
    idx_free_set(&train_set);
    return 0;
}
