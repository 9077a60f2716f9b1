/**
 * @file chapters/04-softmax/main.c
 * @brief Chapter 04's program: a softmax classifier of Fashion-MNIST's images, trained on mini-batches.
 *
 * Two modes:
 * - default: train on the training set, report loss and accuracy every
 *   epoch, then the test set's per-class accuracy and confusion matrix;
 *   write the files the plots read (report.c);
 * - `--gradients FILE`: write the gradient of the mean cross-entropy over the
 *   (limited) training set at the starting weights, and stop.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "network.h"
#include "report.h"
#include "softmax.h"

#define EVAL_BATCH 1000     // samples per forward pass for the gradient

static const char *const FASHION[CLASSES] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
static const char *const DIGITS[CLASSES] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients;
    const char *const *names;       // the class names: --names
    long hidden, epochs, batch, train_limit, test_limit, seed;
    double lr;
    int digits, shuffle, quiet, lr_given, hidden_given;
} Options;

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch04", .hidden = 100, .epochs = 5,
                 .batch = 32, .lr = 0.5, .seed = 1, .shuffle = 1};
    const CliOption options[] = {
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "DIR", .help = "the four IDX files, .gz or plain"),
        CLI_OPT("names", CLI_CHOICE, &o.digits, .arg = "NAMES", .help = "class names: fashion or digits",
                .choices = "fashion|digits"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "sigmoid hidden units; 0 is softmax regression",
                .min = 0, .max = 10000, .given = &o.hidden_given),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training set", .min = 0,
                .max = 10000),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "samples per gradient step", .min = 1, .max = 60000),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X",
                .help = "learning rate eta > 0 (default 0.5; 0.03 with --hidden 0)", .given = &o.lr_given),
        CLI_OPT("shuffle", CLI_YES_NO, &o.shuffle, .arg = "yes|no", .help = "reshuffle the training set every epoch"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "seed for the initial weights and the shuffles",
                .min = 0, .max = 2147483647L),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N",
                .help = "use the first N training images (default all)", .min = 1, .max = 100000000L),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .help = "use the first N test images (default all)",
                .min = 1, .max = 100000000L),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE",
                .help = "start from these weights (W1 784 H, b1, W2 H 10, b2)"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the mean cross-entropy over the training\n"
                        "images at the starting weights to FILE, and stop"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the final summary; no progress bar"),
        {0}};
    cli_parse(argc, argv, "A softmax classifier of 28x28 images (Fashion-MNIST), trained with mini-batch gradient "
              "descent.", options);
    o.names = o.digits ? DIGITS : FASHION;
    return o;
}

// ----------------------------------------------------------------------------
// model: from --hidden and --seed, or from --load-weights

/* The loaded network must be one of the chapter's, for these images, and agree with --hidden if given. */
static void check_loaded(Weights *net, const Options *o, int inputs)
{
    const int in = weights_units(net, 0), out = weights_units(net, net->n_layers), layers = net->n_layers;
    const int hidden = layers == 2 ? weights_units(net, 1) : 0;
    if (layers > 2 || in != inputs || out != CLASSES || (o->hidden_given && o->hidden != hidden))   // cli_fail() exits
        weights_free(net);
    if (layers > 2)
        cli_fail(EXIT_USAGE, "%s: %d weight layers, but chapter 04's networks have one or two (--hidden H)", o->load,
                 layers);
    if (in != inputs || out != CLASSES)
        cli_fail(EXIT_USAGE, "%s: the network takes %d inputs and gives %d outputs, but the images have %d pixels "
                 "and %d classes", o->load, in, out, inputs, CLASSES);
    if (o->hidden_given && o->hidden != hidden)
        cli_fail(EXIT_USAGE, "--hidden %ld disagrees with %s, which has %d hidden units (leave --hidden out)",
                 o->hidden, o->load, hidden);
}

static void make_network(Weights *net, Options *o, int inputs, Rng *rng)
{
    if (o->load) {
        run_load_weights(net, o->load);
        check_loaded(net, o, inputs);
    } else {
        const int sizes[3] = {inputs, (int)o->hidden, CLASSES}, two[2] = {inputs, CLASSES};
        weights_alloc(net, o->hidden ? 2 : 1, o->hidden ? sizes : two);
        weights_init_glorot(net, rng);      // chapter 02's uniform initialisation
    }
    // softmax regression's logits sum 784 pixels directly: it wants smaller steps
    if (!o->lr_given && net->n_layers == 1)
        o->lr = 0.03;
}

// ----------------------------------------------------------------------------
// training: epochs of shuffled mini-batches

typedef struct {
    FILE *batches, *epochs;     // batches.csv and epochs.csv
    double first, last;         // the first batch's loss, the last epoch's mean loss
} Log;

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
        run_check_diverged(NULL, loss, epoch);
        *correct += count_correct(&c.Y, labels);        // outputs before this step's update
        sum += loss * Xb.rows;
        if (++*step == 1)
            log->first = loss;
        fprintf(log->batches, "%ld,%ld,%.9g\n", *step, epoch, loss);
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    run_check_diverged(net, sum, epoch);
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
    if (step > 0)
        report_yardstick(log->first, log->last);
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
    char comment[512];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over the first %d training images of %s",
             s->n, o->data);
    run_save_gradients(&total, o->gradients, comment);
    free(order);
    mat_free(&X);
    cache_free(&c);
    weights_free(&grad);
    weights_free(&total);
}

static void print_header(const Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o)
{
    printf("Chapter 04: a ");
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
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
    Log log = {.batches = cli_open(o->out, "batches.csv", "step,epoch,loss"),
               .epochs = cli_open(o->out, "epochs.csv", "epoch,train_loss,train_accuracy,test_loss,test_accuracy")};
    train(net, train_set, test_set, o, rng, &log);
    cli_done(log.batches);
    cli_done(log.epochs);

    Eval e = {.pred = nn_alloc((size_t)test_set->n, sizeof(int), "the test predictions"),
              .prob = nn_alloc((size_t)test_set->n, sizeof(double), "the test probabilities")};
    evaluate(net, test_set, &e);
    int conf[CLASSES][CLASSES];
    report_confusion(test_set, &e, o->names, conf);

    run_save_weights(net, o->out, "weights.txt", "ch04 weights after training");
    write_confusion(o->out, o->names, conf);
    write_samples(o->out, train_set, o->names);
    write_mistakes(o->out, test_set, &e, o->names);
    if (net->n_layers == 1)
        write_templates(o->out, net, train_set, o->names);
    printf("\n");
    cli_print_files(o->out);
    free(e.pred);
    free(e.prob);
}

int main(int argc, char **argv)
{
    cli_init("ch04");
    Options o = parse_options(argc, argv);
    if (!o.gradients)
        cli_make_dir(o.out);            // a bad --out fails now, not after the training
    ImageSet train_set, test_set = {0};
    if (o.gradients)                    // the gradient needs no test set
        run_load_images(&train_set, o.data, "train", o.train_limit, CLASSES, 0);
    else
        run_load_train_test(&train_set, &test_set, o.data, o.train_limit, o.test_limit, CLASSES, 0);
    Rng rng;
    rng_seed(&rng, (uint64_t)o.seed);
    Weights net;
    make_network(&net, &o, train_set.rows * train_set.cols, &rng);
    if (o.gradients)
        write_gradients(&net, &train_set, &o);
    else
        run(&net, &train_set, &test_set, &o, &rng);
    weights_free(&net);
    idx_free_set(&test_set);
    idx_free_set(&train_set);
    return 0;
}
