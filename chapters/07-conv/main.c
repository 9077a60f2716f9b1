/**
 * @file chapters/07-conv/main.c
 * @brief Chapter 07's program: a convolutional network learns Fashion-MNIST.
 *
 * Modes:
 * - default: train the --arch network; report every epoch; write the files the plots read;
 * - `--gradients FILE`: the gradient of the loss over the (limited) training set at the
 *   starting weights, and stop;
 * - `--check`: every layer's backward pass against finite differences on small random
 *   shapes, and the direct convolution against im2col, and stop.
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
#include "layers.h"
#include "network.h"

#define CLASSES 10
#define EVAL_BATCH 500
#define DEFAULT_ARCH "c8k3s-p2-c16k3s-p2-f64-f10"
#define BEST_ARCH "c16k3s-p2-c32k3s-p2-f128-f10"

static const char *const NAMES[CLASSES] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load, *gradients, *arch, *preset;
    OptKind opt;
    double lr;
    long epochs, batch, train_limit, test_limit;
    unsigned long seed;
    int shuffle, quiet, check, direct, lr_given, epochs_given, arch_given, cosine;
} Options;

static void usage(void)
{
    printf("Usage: ch07 [options]\n"
           "A convolutional network learns Fashion-MNIST.\n"
           "\n"
           "  --arch A              the layers, e.g. " DEFAULT_ARCH " (the default):\n"
           "                        cNkK a convolution of N channels with KxK kernels (cNkKs: padded, same size),\n"
           "                        p2 2x2 max-pooling, fN fully connected; the last is f10\n"
           "  --preset best         the page's best recipe: " BEST_ARCH ", 10 epochs\n"
           "  --opt O               sgd, momentum or adam (default adam)\n"
           "  --lr X                learning rate (default 0.002 for adam, 0.05 for sgd and momentum)\n"
           "  --lr-schedule S       constant, or cosine: lr x (1 + cos(pi e / epochs)) / 2 in epoch e = 0, 1, ...\n"
           "                        (default cosine)\n"
           "  --epochs N            passes over the training set (default 4)\n"
           "  --batch B             samples per step (default 64)\n"
           "  --shuffle yes|no      reshuffle every epoch (default yes)\n"
           "  --seed N              initial weights and shuffles (default 1)\n"
           "  --data DIR            the IDX files (default /usr/share/datasets/fashion-mnist)\n"
           "  --train-limit N       use the first N training images (default all)\n"
           "  --test-limit N        use the first N test images (default all)\n"
           "  --load-weights FILE   start from these weights (they must fit --arch)\n"
           "  --gradients FILE      write the gradient of the loss at the start to FILE, and stop\n"
           "  --direct              convolutions by their definition, not im2col (slower, same numbers)\n"
           "  --check               check every layer's backward pass by finite differences, and stop\n"
           "  --out DIR             where to write the files (default build/ch07)\n"
           "  --quiet               print only the final summary; no progress bar\n"
           "  --help                show this help\n");
    cli_exit(0);
}

static OptKind opt_kind(const char *text)
{
    if (strcmp(text, "sgd") == 0)
        return OPT_SGD;
    if (strcmp(text, "momentum") == 0)
        return OPT_MOMENTUM;
    if (strcmp(text, "adam") == 0)
        return OPT_ADAM;
    cli_fail(EXIT_USAGE, "--opt: expected sgd, momentum or adam, got '%s'", text);
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch07", .arch = DEFAULT_ARCH,
                 .opt = OPT_ADAM, .lr = 0.002, .epochs = 4, .batch = 64, .seed = 1, .shuffle = 1,
                 .cosine = 1};
    static const struct option longopts[] = {
        {"arch", required_argument, 0, 'a'},        {"preset", required_argument, 0, 'P'},
        {"opt", required_argument, 0, 'O'},         {"lr", required_argument, 0, 'l'},
        {"epochs", required_argument, 0, 'e'},      {"batch", required_argument, 0, 'b'},
        {"shuffle", required_argument, 0, 'S'},     {"seed", required_argument, 0, 's'},
        {"data", required_argument, 0, 'd'},        {"train-limit", required_argument, 0, 't'},
        {"test-limit", required_argument, 0, 'T'},  {"load-weights", required_argument, 0, 'w'},
        {"gradients", required_argument, 0, 'g'},   {"direct", no_argument, 0, 'D'},
        {"check", no_argument, 0, 'c'},             {"out", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},             {"help", no_argument, 0, 'h'},
        {"lr-schedule", required_argument, 0, 'L'}, {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        switch (c) {
        case 'a': o.arch = optarg, o.arch_given = 1; break;
        case 'P':
            if (strcmp(optarg, "best") != 0)
                cli_fail(EXIT_USAGE, "--preset: the only preset is 'best', got '%s'", optarg);
            o.preset = optarg;
            break;
        case 'O': o.opt = opt_kind(optarg); break;
        case 'l': o.lr = cli_positive("--lr", optarg), o.lr_given = 1; break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000), o.epochs_given = 1; break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000); break;
        case 'S': o.shuffle = cli_yes_no("--shuffle", optarg); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'd': o.data = optarg; break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L); break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L); break;
        case 'w': o.load = optarg; break;
        case 'g': o.gradients = optarg; break;
        case 'D': o.direct = 1; break;
        case 'L':
            if (strcmp(optarg, "constant") != 0 && strcmp(optarg, "cosine") != 0)
                cli_fail(EXIT_USAGE, "--lr-schedule: expected constant or cosine, got '%s'", optarg);
            o.cosine = optarg[1] == 'o' && optarg[2] == 's';
            break;
        case 'c': o.check = 1; break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    if (o.preset) {                             // what the options did not say
        o.arch = o.arch_given ? o.arch : BEST_ARCH;
        o.epochs = o.epochs_given ? o.epochs : 10;
    }
    if (!o.lr_given && o.opt != OPT_ADAM)
        o.lr = 0.05;
    return o;
}

// ----------------------------------------------------------------------------
// data and model

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

static void make_arch(Arch *a, const Options *o, int H, int W)
{
    char err[ERR_LEN];
    if (arch_parse(a, o->arch, 1, H, W, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

static void make_network(Weights *w, const Arch *a, const Options *o, Rng *rng)
{
    if (!o->load) {
        arch_init(a, w, rng);
        return;
    }
    char err[ERR_LEN], why[ERR_LEN];
    if (weights_read_conv(w, o->load, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    if (arch_check_weights(a, w, why, sizeof why) != 0) {
        weights_free(w);
        cli_fail(EXIT_USAGE, "%s: %s (--arch %s)", o->load, why, o->arch);
    }
}

// The B images order[start..] of s into the cache's input, pixel / 255, and their classes.
static int gather(const ImageSet *s, const int *order, int start, int B, Cache *c, int *labels)
{
    const int D = s->rows * s->cols, n = s->n - start < B ? s->n - start : B;
    for (int k = 0; k < n; k++) {
        const unsigned char *px = s->pixels + (size_t)order[start + k] * D;
        for (int i = 0; i < D; i++)
            c->act[0][(size_t)k * D + i] = px[i] / 255.0;
        labels[k] = s->labels[order[start + k]];
    }
    return n;
}

// ----------------------------------------------------------------------------
// evaluation

typedef struct {
    double loss, accuracy;
    int conf[CLASSES][CLASSES];     // conf[true][predicted]
} Eval;

static Eval evaluate(const Arch *a, const Weights *w, const ImageSet *s, int direct)
{
    Eval e = {0};
    Cache c = cache_new(a, EVAL_BATCH);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    double *dZ = nn_alloc(EVAL_BATCH * CLASSES, sizeof(double), "the output gradients");
    long right = 0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        const int B = gather(s, order, start, EVAL_BATCH, &c, labels);
        const double *Z = net_forward(a, w, &c, B, direct);
        e.loss += softmax_ce(Z, labels, B, CLASSES, dZ) * B;
        for (int k = 0; k < B; k++) {
            int best = 0;
            for (int j = 1; j < CLASSES; j++)
                best = Z[k * CLASSES + j] > Z[k * CLASSES + best] ? j : best;
            right += best == labels[k];
            e.conf[labels[k]][best]++;
        }
    }
    e.loss /= s->n ? s->n : 1;
    e.accuracy = s->n ? 100.0 * right / s->n : 0;
    free(order), free(dZ);
    cache_free(&c, a);
    return e;
}

// ----------------------------------------------------------------------------
// training

//! [epoch]
// One epoch of mini-batches in the order given; returns the mean training loss.
static double train_epoch(const Arch *a, Weights *w, Weights *g, Optimizer *opt, Cache *c, const ImageSet *s,
                          const int *order, const Options *o, double lr, const char *label)
{
    int *labels = nn_alloc((size_t)c->capacity, sizeof(int), "a batch's labels");
    double *dZ = nn_alloc((size_t)c->capacity * CLASSES, sizeof(double), "the output gradients"), loss = 0;
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    for (int start = 0; start < s->n; start += (int)o->batch) {
        const int B = gather(s, order, start, (int)o->batch, c, labels);
        const double *Z = net_forward(a, w, c, B, o->direct);      // forward
        loss += softmax_ce(Z, labels, B, CLASSES, dZ) * B;          // loss, and dE/dZ
        net_backward(a, w, c, B, dZ, g);                            // backward
        opt_step(opt, w, g, lr);                                    // update
        progress_update(&bar, start + B);
    }
    progress_end(&bar);
    free(dZ), free(labels);
    return loss / (s->n ? s->n : 1);
}
//! [epoch]

static void train(const Arch *a, Weights *w, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                  Rng *rng)
{
    char path[4096];
    FILE *csv = cli_create(o->out, "epochs.csv", path, sizeof path);
    fprintf(csv, "epoch,train_loss,test_loss,test_accuracy\n");
    Weights g;
    weights_alloc_like(&g, w);
    Optimizer opt = opt_new(o->opt, w);
    Cache c = cache_new(a, (int)o->batch);
    int *order = idx_order(train_set->n);
    if (!o->quiet && o->epochs > 0)
        printf("  %5s  %10s  %9s  %8s  %7s  %9s\n", "epoch", "train loss", "test loss", "test acc", "seconds",
               "samples/s");
    for (long e = 1; e <= o->epochs; e++) {
        const double t0 = timing_now();
        if (o->shuffle)
            rng_shuffle(rng, order, train_set->n);     // Fisher-Yates (chapter 04)
        char label[64];
        snprintf(label, sizeof label, "epoch %ld/%ld", e, o->epochs);
        const double lr = o->cosine ? o->lr * 0.5 * (1 + cos(3.14159265358979323846 * (e - 1) / o->epochs)) : o->lr;
        const double loss = train_epoch(a, w, &g, &opt, &c, train_set, order, o, lr, label);
        const double t1 = timing_now();
        const Eval test = evaluate(a, w, test_set, o->direct);
        fprintf(csv, "%ld,%.9g,%.9g,%.4f\n", e, loss, test.loss, test.accuracy);
        if (!o->quiet)
            printf("  %5ld  %10.4f  %9.4f  %7.2f%%  %7.1f  %9.0f\n", e, loss, test.loss, test.accuracy, t1 - t0,
                   train_set->n / (t1 - t0));
        fflush(stdout);
    }
    cli_close(csv, path);
    free(order);
    cache_free(&c, a);
    opt_free(&opt);
    weights_free(&g);
}

// ----------------------------------------------------------------------------
// --gradients: the gradient of the mean loss over the whole (limited) set

static void write_gradients(const Arch *a, const Weights *w, const ImageSet *s, const Options *o)
{
    Weights total, g;
    weights_alloc_like(&total, w);
    weights_alloc_like(&g, w);
    Cache c = cache_new(a, EVAL_BATCH);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    double *dZ = nn_alloc(EVAL_BATCH * CLASSES, sizeof(double), "the output gradients");
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        const int B = gather(s, order, start, EVAL_BATCH, &c, labels);
        softmax_ce(net_forward(a, w, &c, B, o->direct), labels, B, CLASSES, dZ);
        net_backward(a, w, &c, B, dZ, &g);
        const double share = (double)B / s->n;  // this chunk's mean counts for B of the n samples
        for (int l = 0; l < w->n_layers; l++) {
            mat_add_scaled(&total.W[l], &total.W[l], share, &g.W[l]);
            mat_add_scaled(&total.b[l], &total.b[l], share, &g.b[l]);
        }
    }
    char err[ERR_LEN], comment[600];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over the first %d training images of %s, "
             "--arch %s", s->n, o->data, o->arch);
    if (weights_write(&total, o->gradients, comment, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    free(order), free(dZ);
    cache_free(&c, a);
    weights_free(&total), weights_free(&g);
}

// ----------------------------------------------------------------------------
// --check: every layer's backward pass against finite differences (chapter 03's method)

//! [check]
// The largest relative difference between backward's gradient and the central
// difference (E(p + eps) - E(p - eps)) / 2 eps over every weight and bias of a
// small network on random images; each layer's worst printed.
static double check_arch(const char *text, int C, int H, int W, int B, uint64_t seed)
{
    Arch a;
    char err[ERR_LEN];
    if (arch_parse(&a, text, C, H, W, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    Rng rng;
    rng_seed(&rng, seed);
    Weights w, g;
    arch_init(&a, &w, &rng);
    for (int l = 0; l < w.n_layers; l++)        // biases too, so that every ReLU is away from 0
        for (int j = 0; j < w.b[l].cols; j++)
            w.b[l].data[j] = rng_range(&rng, -0.1, 0.1);
    weights_alloc_like(&g, &w);
    Cache c = cache_new(&a, B);
    int labels[8];
    double dZ[8 * CLASSES], worst_all = 0;
    for (int i = 0; i < B * C * H * W; i++)
        c.act[0][i] = rng_uniform(&rng);
    for (int k = 0; k < B; k++)
        labels[k] = (int)rng_below(&rng, CLASSES);
    softmax_ce(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, dZ);
    net_backward(&a, &w, &c, B, dZ, &g);
    printf("  --arch %s on %d random %dx%dx%d images:\n", text, B, C, H, W);
    for (int l = 0; l < w.n_layers; l++) {
        double worst = 0;
        Mat *p[2] = {&w.W[l], &w.b[l]}, *q[2] = {&g.W[l], &g.b[l]};
        for (int m = 0; m < 2; m++)
            for (size_t i = 0; i < mat_size(p[m]); i++) {
                const double keep = p[m]->data[i], eps = 1e-5;
                p[m]->data[i] = keep + eps;
                const double up = softmax_ce(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, dZ);
                p[m]->data[i] = keep - eps;
                const double down = softmax_ce(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, dZ);
                p[m]->data[i] = keep;
                const double num = (up - down) / (2 * eps), an = q[m]->data[i];
                const double rel = fabs(num - an) / fmax(fabs(num) + fabs(an), 1e-7);
                worst = rel > worst ? rel : worst;
            }
        printf("    %c%d %3dx%-4d and b%d: largest relative difference %.1e\n", w.kind[l], l + 1, w.W[l].rows,
               w.W[l].cols, l + 1, worst);
        worst_all = worst > worst_all ? worst : worst_all;
    }
    cache_free(&c, &a);
    weights_free(&w), weights_free(&g);
    return worst_all;
}
//! [check]

// Direct convolution against im2col on one random layer: the largest relative difference.
static double check_direct(const ConvShape *s, uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    const int n_in = s->C * s->H * s->W, n_out = s->O * conv_out_h(s) * conv_out_w(s), n_k = s->O * s->C * s->k * s->k;
    double *x = nn_alloc(n_in, sizeof(double), "a timing input"), *K = nn_alloc(n_k, sizeof(double), "timing kernels"),
           *b = nn_alloc((size_t)s->O, sizeof(double), "timing biases");
    double *y1 = nn_alloc(n_out, sizeof(double), "a timing output"), *y2 = nn_alloc(n_out, sizeof(double), "a timing output");
    double *cols = nn_alloc((size_t)s->C * s->k * s->k * conv_out_h(s) * conv_out_w(s), sizeof(double), "im2col's columns"),
           worst = 0;
    for (int i = 0; i < n_in; i++)
        x[i] = rng_uniform(&rng);
    for (int i = 0; i < n_k; i++)
        K[i] = rng_range(&rng, -1, 1);
    for (int i = 0; i < s->O; i++)
        b[i] = rng_range(&rng, -1, 1);
    conv_forward_direct(s, x, K, b, y1);
    conv_forward_im2col(s, x, K, b, cols, y2);
    for (int i = 0; i < n_out; i++)
        worst = fmax(worst, fabs(y1[i] - y2[i]) / fmax(fabs(y2[i]), 1e-300));
    free(x), free(K), free(b), free(y1), free(y2), free(cols);
    return worst;
}

static int run_checks(void)
{
    printf("Chapter 07: every layer's backward pass against finite differences (central, eps 1e-5)\n");
    double worst = check_arch("c3k3-p2-c4k3s-f6-f10", 2, 9, 11, 3, 71);
    worst = fmax(worst, check_arch("c2k3s-p2-f10", 1, 7, 6, 2, 72));
    worst = fmax(worst, check_arch("c4k5s-c3k1-p2-p2-f10", 3, 8, 9, 2, 73));
    const ConvShape shapes[] = {{3, 7, 5, 4, 3, 0}, {2, 9, 8, 5, 5, 2}, {1, 28, 28, 8, 5, 0}};
    double direct = 0;
    for (int i = 0; i < 3; i++)
        direct = fmax(direct, check_direct(&shapes[i], 80 + i));
    printf("Direct convolution against im2col (3 layers, valid and same, several channels):\n"
           "  largest relative difference %.1e\n", direct);
    const int ok = worst < 1e-6 && direct < 1e-12;
    printf("%s: backward within %.1e of finite differences (limit 1e-6),\n"
           "  direct within %.1e of im2col (limit 1e-12)\n", ok ? "Checked" : "WRONG", worst, direct);
    return ok ? 0 : EXIT_FAILURE_IO;
}

// ----------------------------------------------------------------------------
// files the plots read

static void write_confusion(const char *dir, const int conf[CLASSES][CLASSES])
{
    char path[4096];
    FILE *f = cli_create(dir, "confusion.csv", path, sizeof path);
    fprintf(f, "true,predicted,count,true_name,predicted_name\n");
    for (int i = 0; i < CLASSES; i++)
        for (int j = 0; j < CLASSES; j++)
            fprintf(f, "%d,%d,%d,%s,%s\n", i, j, conf[i][j], NAMES[i], NAMES[j]);
    cli_close(f, path);
}

// The first layer's kernels (for input channel 0), one k x k tile per output channel.
static void write_filters(const char *dir, const Arch *a, const Weights *w)
{
    const Layer *L = &a->layer[0];
    if (L->kind != LAYER_CONV)
        return;
    const int O = L->out_c, k = L->conv.k, CKK = w->W[0].cols;
    const double *tiles[1024];
    for (int o = 0; o < O; o++)
        tiles[o] = w->W[0].data + (size_t)o * CKK;  // channel 0's k x k numbers come first in the row
    char path[4096];
    FILE *f = cli_create(dir, "filters.dat", path, sizeof path);
    plot_write_mosaic(f, tiles, O, O <= 8 ? O : 8, k, k, 1);
    cli_close(f, path);
}

// One test image through the layers: the input, then every channel of each of
// the first four layers' outputs, each layer in its own file features<l>.dat.
static void write_features(const char *dir, const Arch *a, const Weights *w, const ImageSet *s)
{
    Cache c = cache_new(a, 1);
    int order = 0, label;
    gather(s, &order, 0, 1, &c, &label);
    net_forward(a, w, &c, 1, 0);
    for (int l = -1; l < a->n && l < 4; l++) {
        const Layer *L = &a->layer[l < 0 ? 0 : l];
        if (l >= 0 && L->kind == LAYER_FC)
            break;
        const int C = l < 0 ? L->in_c : L->out_c, H = l < 0 ? L->in_h : L->out_h, W = l < 0 ? L->in_w : L->out_w;
        const double *tiles[1024];
        for (int ch = 0; ch < C && ch < 1024; ch++)
            tiles[ch] = c.act[l + 1] + (size_t)ch * H * W;
        char name[32], path[4096];
        snprintf(name, sizeof name, "features%d.dat", l + 1);
        FILE *f = cli_create(dir, name, path, sizeof path);
        plot_write_mosaic(f, tiles, C < 1024 ? C : 1024, C <= 8 ? C : 8, H, W, 1);
        cli_close(f, path);
    }
    cache_free(&c, a);
}

//! [speed]
// Milliseconds per image of each convolution, by its definition and by im2col,
// on `n` test images.
static void write_speed(const char *dir, const Arch *a, const Weights *w, const ImageSet *s, int n, int quiet)
{
    char path[4096];
    FILE *f = cli_create(dir, "speed.csv", path, sizeof path);
    fprintf(f, "layer,weights,direct_ms,im2col_ms\n");
    Cache c = cache_new(a, n);
    int *order = idx_order(s->n), *labels = nn_alloc((size_t)n, sizeof(int), "the labels");
    n = gather(s, order, 0, n, &c, labels);
    net_forward(a, w, &c, n, 0);                // every layer's input, once
    if (!quiet)
        printf("\nEach convolution, milliseconds per image (%d test images):\n", n);
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        if (L->kind != LAYER_CONV)
            continue;
        const size_t in = (size_t)L->in_c * L->in_h * L->in_w, out = (size_t)L->out_c * L->out_h * L->out_w;
        const Mat *K = &w->W[L->param], *b = &w->b[L->param];
        double *y = nn_alloc(out, sizeof(double), "a feature map"), ms[2];
        for (int way = 0; way < 2; way++) {
            const double t0 = timing_now();
            for (int k = 0; k < n; k++)
                if (way == 0)
                    conv_forward_direct(&L->conv, c.act[l] + k * in, K->data, b->data, y);
                else
                    conv_forward_im2col(&L->conv, c.act[l] + k * in, K->data, b->data, c.cols[l], y);
            ms[way] = 1000 * (timing_now() - t0) / n;
        }
        fprintf(f, "%d,K%d,%.5f,%.5f\n", l + 1, L->param + 1, ms[0], ms[1]);
        if (!quiet)
            printf("  layer %d (K%d), c%dk%d%s on %dx%dx%d: direct %.3f ms, im2col %.3f ms (%.1fx)\n", l + 1,
                   L->param + 1, L->out_c, L->conv.k, L->conv.pad ? "s" : "", L->in_c, L->in_h, L->in_w, ms[0], ms[1],
                   ms[0] / ms[1]);
        free(y);
    }
    cli_close(f, path);
    free(order), free(labels);
    cache_free(&c, a);
}
//! [speed]

static void print_header(const Arch *a, const Weights *w, const ImageSet *tr, const ImageSet *te, const Options *o)
{
    static const char *const opt[] = {"sgd", "momentum", "adam"};
    long params = 0;
    for (int l = 0; l < w->n_layers; l++)
        params += (long)mat_size(&w->W[l]) + (long)mat_size(&w->b[l]);
    printf("Chapter 07: --arch %s, %ld weights, on %s\n", o->arch, params, o->data);
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        char weights[16] = "";
        if (L->param >= 0)
            snprintf(weights, sizeof weights, "%c%d", L->kind == LAYER_CONV ? 'K' : 'W', L->param + 1);
        char line[160];
        int len = snprintf(line, sizeof line, "  layer %d  %-4s %-4s %2dx%2dx%-3d -> %2dx%2dx%-3d%s", l + 1,
                           L->kind == LAYER_CONV ? "conv" : L->kind == LAYER_POOL ? "pool" : "fc", weights, L->in_c,
                           L->in_h, L->in_w, L->out_c, L->out_h, L->out_w,
                           L->relu ? "  ReLU" : l == a->n - 1 ? "  softmax" : "");
        while (len > 0 && line[len - 1] == ' ')     // no blanks at the end of a line
            line[--len] = '\0';
        printf("%s\n", line);
    }
    printf("%d training images, %d test images; %ld epoch%s of batches of %ld, %s lr %g, %s\n\n", tr->n, te->n,
           o->epochs, o->epochs == 1 ? "" : "s", o->batch, opt[o->opt], o->lr,
           o->shuffle ? "reshuffled every epoch" : "in file order");
}

static int n_convs(const Arch *a)
{
    int convs = 0;
    for (int l = 0; l < a->n; l++)
        convs += a->layer[l].kind == LAYER_CONV;
    return convs;
}

// The files this run wrote (filters, features and speed need convolutions to show).
static void print_files(const Options *o, const Arch *a)
{
    int spatial = 0, convs = n_convs(a);
    for (int l = 0; l < a->n && l < 4 && a->layer[l].kind != LAYER_FC; l++)
        spatial++;
    printf("\nFiles in %s: epochs.csv, confusion.csv, weights.txt", o->out);
    if (a->layer[0].kind == LAYER_CONV)
        printf(", filters.dat");
    printf(spatial ? ", features0-%d.dat" : ", features0.dat", spatial);
    printf("%s\n", convs ? ", speed.csv" : "");
}

static void print_confusion(const int conf[CLASSES][CLASSES])
{
    printf("\nPer class on the test set (right / all):\n");
    for (int i = 0; i < CLASSES; i++) {
        int all = 0;
        for (int j = 0; j < CLASSES; j++)
            all += conf[i][j];
        printf("  %d %-12s %5.1f%%\n", i, NAMES[i], all ? 100.0 * conf[i][i] / all : 0.0);
    }
}

int main(int argc, char **argv)
{
    cli_init("ch07");
    Options o = parse_options(argc, argv);
    Arch arch;
    make_arch(&arch, &o, 28, 28);               // a bad --arch fails before the data is read
    if (o.check)
        return run_checks();
    if (!o.gradients)
        cli_make_dir(o.out);
    ImageSet train_set, test_set;
    load_set(&train_set, &o, "train", o.train_limit);
    if (train_set.rows != 28 || train_set.cols != 28)
        make_arch(&arch, &o, train_set.rows, train_set.cols);
    Rng rng;
    rng_seed(&rng, o.seed);
    Weights w;
    make_network(&w, &arch, &o, &rng);
    if (o.gradients) {
        write_gradients(&arch, &w, &train_set, &o);
    } else {
        load_set(&test_set, &o, "t10k", o.test_limit);
        if (!o.quiet)
            print_header(&arch, &w, &train_set, &test_set, &o);
        train(&arch, &w, &train_set, &test_set, &o, &rng);
        const Eval e = evaluate(&arch, &w, &test_set, o.direct);
        printf("%sTest accuracy %.2f%% (loss %.4f) after %ld epoch%s.\n", o.quiet ? "" : "\n", e.accuracy, e.loss,
               o.epochs, o.epochs == 1 ? "" : "s");
        if (!o.quiet)
            print_confusion(e.conf);
        char path[4096], err[ERR_LEN];
        snprintf(path, sizeof path, "%s/weights.txt", o.out);
        if (weights_write(&w, path, "ch07 weights after training", err, sizeof err) != 0)
            cli_fail(EXIT_FAILURE_IO, "%s", err);
        write_confusion(o.out, e.conf);
        write_filters(o.out, &arch, &w);
        write_features(o.out, &arch, &w, &test_set);
        if (n_convs(&arch))
            write_speed(o.out, &arch, &w, &test_set, test_set.n < 100 ? test_set.n : 100, o.quiet);
        if (!o.quiet)
            print_files(&o, &arch);
        idx_free_set(&test_set);
    }
    weights_free(&w);
    idx_free_set(&train_set);
    return 0;
}
