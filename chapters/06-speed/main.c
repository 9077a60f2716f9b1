/**
 * @file chapters/06-speed/main.c
 * @brief Chapter 06's program: measure the machine, then the matrix product five ways against OpenBLAS;
 *        or train chapter 04's network with the fast product.
 *
 * Three modes:
 * - default: the roofline (peak GFLOP/s, bandwidths), every kernel checked
 *   against the naive one, GFLOP/s against n for each kernel and OpenBLAS in
 *   double and float, and the speed-up with threads; writes the plots' files;
 * - `--verify`: only the check of every kernel against the naive one;
 * - `--train`: chapter 04's 784-H-10 network (ReLU) on Fashion-MNIST, in float
 *   with the chosen kernel, or with `--teaching` in double through common/'s product.
 *
 * The report's sentences and tables are in report.c.
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/weights.h"
#include "gemm.h"
#include "machine.h"
#include "measure.h"
#include "options.h"
#include "report.h"
#include "train.h"

#define THREADS_N 1024          // the size the threads are measured at
#define GOAL_N 512              // the size the goal against OpenBLAS is set at

// ----------------------------------------------------------------------------
// options

/* The name of the last option of table given among those whose .given is one of flags[0..n), or NULL. */
static const char *given_among(const CliOption *table, const int *flags, int n)
{
    const char *name = NULL;
    for (const CliOption *t = table; t->name || t->help; t++)
        for (int k = 0; k < n; k++)
            if (t->given == &flags[k] && flags[k])
                name = t->name;
    return name;
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch06",
                 .sizes = {64, 128, 256, 384, 512, 768, 1024, 1536}, .n_sizes = 8, .precision = 2, .min_time = 0.1,
                 .memory = 384, .hidden = 256, .epochs = 3, .batch = 64, .lr = 0.1, .seed = 1, .shuffle = 1};
    int m[4] = {0}, t[9] = {0};         // given: the options of the measuring run (m), of --train (t)
    char sizes[96], threads[64];
    snprintf(sizes, sizeof sizes, "the sizes n of the n x n products, up to %d of them,\neach from 1 to %d", MAX_SIZES,
             MAX_N);
    snprintf(threads, sizeof threads, "threads of kernel 5 (default: every core, here %d)", gemm_cores());
    const CliOption options[] = {
        CLI_HEADING("Measuring (the default):"),
        CLI_OPT("matmul", CLI_LONG, &o.kernel, .arg = "N", .min = 1, .max = KERNEL_COUNT,
                .help = "measure only kernel N: 1 naive, 2 ikj, 3 blocked, 4 packed, 5 threads\n"
                        "(default all; with --train, 4)"),
        CLI_OPT("sizes", CLI_LONGS, o.sizes, .arg = "N,N,...", .help = sizes, .min = 1, .max = MAX_N,
                .items = MAX_SIZES, .count = &o.n_sizes, .given = &m[0]),
        CLI_OPT("threads", CLI_LONG, &o.threads, .arg = "T", .help = threads, .min = 1, .max = 256),
        CLI_OPT("precision", CLI_CHOICE, &o.precision, .arg = "P", .help = "double, float or both",
                .choices = "double|float|both", .given = &m[1]),
        CLI_OPT("min-time", CLI_POSITIVE, &o.min_time, .arg = "S",
                .help = "repeat each product for at least S seconds, keep the best", .given = &m[2]),
        CLI_OPT("memory", CLI_LONG, &o.memory, .arg = "MB", .min = 1, .max = 4096, .given = &m[3],
                .help = "the triad's arrays for main memory, in MB (beyond the caches;\nless only for a quicker run)"),
        CLI_OPT("verify", CLI_FLAG, &o.verify, .help = "only check every kernel against the naive one, and stop"),
        CLI_HEADING("Training (--train): chapter 04's network 784-H-10, ReLU, SGD"),
        CLI_OPT("train", CLI_FLAG, &o.train, .help = "train in float with kernel --matmul (default 4, packed)"),
        CLI_OPT("teaching", CLI_FLAG, &o.teaching,
                .help = "... in double with common/'s matrix product instead (chapters 01-05)"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "hidden units", .min = 1, .max = 10000,
                .given = &t[0]),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training set", .min = 0,
                .max = 10000, .given = &t[1]),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "samples per step", .min = 1, .max = 60000,
                .given = &t[2]),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate", .given = &t[3]),
        CLI_OPT("shuffle", CLI_YES_NO, &o.shuffle, .arg = "yes|no", .help = "reshuffle every epoch", .given = &t[4]),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "initial weights and shuffles", .min = 0,
                .max = 2147483647L),
        CLI_OPT("data", CLI_TEXT, &o.data, .arg = "DIR", .help = "the IDX files", .given = &t[5]),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N",
                .help = "use the first N training images (default all)", .min = 1, .max = 100000000L, .given = &t[6]),
        CLI_OPT("test-limit", CLI_LONG, &o.test_limit, .arg = "N", .help = "use the first N test images (default all)",
                .min = 1, .max = 100000000L, .given = &t[7]),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights (784-H-10)",
                .given = &t[8]),
        CLI_HEADING("Every mode:"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary; no progress bar"),
        {0}};
    cli_parse(argc, argv, "The matrix product made fast step by step, measured against the machine and OpenBLAS.",
              options);
    o.doubles = o.precision != 1, o.floats = o.precision != 0;
    const char *train_only = given_among(options, t, 9), *measure_only = given_among(options, m, 4);
    if (o.min_time > 10)
        cli_fail(EXIT_USAGE, "--min-time: at most 10 seconds per measurement, got '%g'", o.min_time);
    if (o.teaching && !o.train)
        cli_fail(EXIT_USAGE, "--teaching: only with --train (it chooses how the training multiplies)");
    if (o.teaching && o.kernel)
        cli_fail(EXIT_USAGE, "--teaching and --matmul %ld: the teaching run uses common/'s product, not a kernel",
                 o.kernel);
    if (o.verify && o.train)
        cli_fail(EXIT_USAGE, "--verify and --train: choose one");
    if (train_only && !o.train)
        cli_fail(EXIT_USAGE, "--%s: an option of --train (add --train, or leave it out to measure)", train_only);
    if (measure_only && o.train)
        cli_fail(EXIT_USAGE, "--%s: an option of the measuring run, not of --train", measure_only);
    return o;
}

// ----------------------------------------------------------------------------
// the machine: the roofline's numbers

static const char *const LEVEL[4] = { "L1", "L2", "L3", "memory" };

/* One core's peak in double and float (GFLOP/s), and the triad's GB/s with its arrays in each LEVEL. */
static void measure_machine(const Options *o)
{
    const long LEVEL_BYTES[4] = { 24L << 10, 600L << 10, 12L << 20, o->memory << 20 };
    say(o->quiet, "One core's roofline\n");
    const double peak_d = peak_gflops_d(2 * o->min_time);
    say(o->quiet, "  peak, double   %6.1f GFLOP/s   (fused multiply-adds on %d doubles at once, nothing loaded)\n",
        peak_d, packed_shape_d().vector_bytes / 8);
    const double peak_s = peak_gflops_s(2 * o->min_time);
    say(o->quiet, "  peak, float    %6.1f GFLOP/s\n", peak_s);
    double bw[4];
    for (int l = 0; l < 4; l++) {
        bw[l] = triad_gbs(LEVEL_BYTES[l], 2 * o->min_time);
        say(o->quiet, "  triad, %-6s  %6.1f GB/s      (arrays of %ld KB)\n", LEVEL[l], bw[l], LEVEL_BYTES[l] >> 10);
    }
    FILE *f = cli_open(o->out, "machine.csv", "what,value");
    fprintf(f, "peak_double,%.2f\npeak_float,%.2f\n", peak_d, peak_s);
    for (int l = 0; l < 4; l++)
        fprintf(f, "bandwidth_%s,%.2f\n", LEVEL[l], bw[l]);
    cli_done(f);
}

// ----------------------------------------------------------------------------
// correct first: every kernel against the naive one

static const int SHAPES[][3] = {      // m, n, k
    {1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {257, 257, 257}, {1, 257, 7}, {257, 1, 33}, {7, 33, 1},
    {33, 7, 257}, {100, 3, 50}, {65, 130, 300}, {6, 16, 256}, {97, 33, 513}, {0, 5, 5}, {5, 5, 0},
};
enum { N_SHAPES = sizeof SHAPES / sizeof *SHAPES };

// Every shape, transposed or not (t: bit 0 for A, bit 1 for B), in double then float. Returns the failures.
static int verify_all(const Options *o)
{
    Kernel kernels[KERNEL_COUNT + 1];
    int count = 0, failures = 0;
    for (int kernel = OPENBLAS; kernel <= KERNEL_COUNT; kernel++)
        if (kernel != KERNEL_NAIVE && measured(o, kernel))
            kernels[count++] = (Kernel)kernel;
    double worst = 0, e[KERNEL_COUNT + 1];
    Progress bar;
    progress_start(&bar, "checking the kernels", 2 * N_SHAPES * 4, o->quiet);
    for (int fl = 0; fl < 2; fl++)
        for (int s = 0; s < N_SHAPES; s++)
            for (int t = 0; t < 4; t++) {
                const int *shape = SHAPES[s];
                const uint64_t seed = 1000u + (uint64_t)shape[0] * 7 + (uint64_t)shape[1] * 13 + (uint64_t)shape[2];
                (fl ? verify_s : verify_d)(kernels, count, shape[0], shape[1], shape[2], t & 1, t >> 1, seed, e);
                progress_update(&bar, (fl * N_SHAPES + s) * 4 + t + 1);
                for (int q = 0; q < count; q++) {
                    worst = e[q] > worst ? e[q] : worst;
                    if (!(e[q] <= 1)) {     // beyond the rounding bound, or NaN
                        failures++;
                        progress_end(&bar);
                        report_wrong(fl, kernels[q], shape, t, e[q]);
                    }
                }
            }
    progress_end(&bar);
    report_checked(o, 2 * N_SHAPES * 4 * count, failures, N_SHAPES, worst);
    return failures;
}

// ----------------------------------------------------------------------------
// speed: GFLOP/s against n, kernel by kernel, and OpenBLAS beside them

static double gflops(int fl, Kernel kernel, int n, double min_time)
{
    return fl ? time_gemm_s(kernel, n, min_time) : time_gemm_d(kernel, n, min_time);
}

static void sweep(const Options *o, Sweep *w)
{
    FILE *csv = cli_open(o->out, "gflops.csv", "precision,kernel,n,gflops");
    for (int fl = 0; fl < 2; fl++) {
        if (!(fl ? o->floats : o->doubles))
            continue;
        report_sweep_title(o, fl);
        for (int kernel = KERNEL_NAIVE; kernel <= KERNEL_COUNT + 1; kernel++) {
            const int kn = kernel > KERNEL_COUNT ? OPENBLAS : kernel;   // OpenBLAS last
            if (!measured(o, kn))
                continue;
            say(o->quiet, "  %d %-7s", kn, kernel_label(kn));
            for (int s = 0; s < o->n_sizes; s++) {
                const int n = (int)o->sizes[s];
                if (kn == KERNEL_NAIVE && n > NAIVE_MAX) {
                    say(o->quiet, " %6s", "-");
                    continue;
                }
                const double g = w->gflops[fl][kn][s] = gflops(fl, (Kernel)kn, n, o->min_time);
                fprintf(csv, "%s,%s,%d,%.4g\n", fl ? "float" : "double", kernel_label(kn), n, g);
                say(o->quiet, " %6.1f", g);
            }
            say(o->quiet, "\n");
        }
    }
    cli_done(csv);
    report_footnotes(o);
}

// ----------------------------------------------------------------------------
// threads: the packed kernel, and OpenBLAS, on 1, 2, ... threads

static void threads_study(const Options *o)
{
    long n = 0;         // the largest size measured up to THREADS_N, else the first
    for (int s = 0; s < o->n_sizes; s++)
        n = o->sizes[s] <= THREADS_N && o->sizes[s] > n ? o->sizes[s] : n;
    n = n ? n : o->sizes[0];
    const int cores = gemm_cores(), most = 2 * cores < 8 ? 2 * cores : 8, fl = !o->doubles;
    FILE *csv = cli_open(o->out, "threads.csv", "threads,gflops,speedup,openblas_gflops,openblas_speedup,cores");
    say(o->quiet, "\nThreads: kernel 5 and OpenBLAS on n = %ld, %s, GFLOP/s (speed-up over 1 thread)\n", n,
        fl ? "float" : "double");
    double one = 0, blas_one = 0;
    for (int t = 1; t <= most; t++) {
        gemm_set_threads(t);
        openblas_set_num_threads(t);
        const double g = gflops(fl, KERNEL_THREADS, (int)n, o->min_time), b = gflops(fl, OPENBLAS, (int)n, o->min_time);
        one = t == 1 ? g : one, blas_one = t == 1 ? b : blas_one;
        fprintf(csv, "%d,%.4g,%.4g,%.4g,%.4g,%d\n", t, g, g / one, b, b / blas_one, cores);
        say(o->quiet, "  %d thread%s %6.1f (%.2fx)   OpenBLAS %6.1f (%.2fx)%s\n", t, t > 1 ? "s" : " ", g, g / one, b,
            b / blas_one, t > cores ? "   more threads than cores" : "");
    }
    cli_done(csv);
    gemm_set_threads((int)o->threads);
    openblas_set_num_threads(1);
}

static void measure_all(const Options *o)
{
    report_intro(o);
    cli_make_dir(o->out);               // a bad --out fails now, not after the measurements
    measure_machine(o);
    say(o->quiet, "\n");
    if (verify_all(o) != 0)
        cli_fail(EXIT_FAILURE_IO, "a kernel gives wrong products (above): its speed would mean nothing");
    Sweep w = {{{{0}}}};
    sweep(o, &w);
    if (!o->kernel || o->kernel <= KERNEL_PACKED)      // the roofline is of one-thread kernels
        write_roofline(o, &w, GOAL_N);
    if (!o->kernel || o->kernel == KERNEL_THREADS)
        threads_study(o);
    printf("\n");
    report_goal(o, &w, GOAL_N);
    cli_print_files(o->out);
}

// ----------------------------------------------------------------------------
// training: chapter 04's network, the product chosen by the options

/* --load-weights must hold a network of this chapter: one hidden layer, the images' pixels in, CLASSES out. */
static _Noreturn void fail_shape(Weights *net, const char *path, int inputs)
{
    char shape[64] = "";
    for (int l = 0; l <= net->n_layers; l++)
        snprintf(shape + strlen(shape), sizeof shape - strlen(shape), "%s%d", l ? "-" : "", weights_units(net, l));
    weights_free(net);
    cli_fail(EXIT_USAGE, "%s: a %s network, but this chapter trains %d-H-%d (one hidden layer)", path, shape, inputs,
             CLASSES);
}

// From --load-weights, or He's start: N(0, 2 / n_in) weights, zero biases (chapter 05).
static void make_network(Weights *net, const Options *o, int inputs)
{
    if (o->load) {
        run_load_weights(net, o->load);
        if (net->n_layers != 2 || weights_units(net, 0) != inputs || weights_units(net, 2) != CLASSES)
            fail_shape(net, o->load, inputs);
        return;
    }
    const int sizes[3] = {inputs, (int)o->hidden, CLASSES};
    weights_alloc(net, 2, sizes);
    Rng rng;
    rng_seed(&rng, (uint64_t)o->seed);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < mat_size(&net->W[l]); i++)
            net->W[l].data[i] = sqrt(2.0 / net->W[l].rows) * rng_normal(&rng);
}

static void train_network(const Options *o)
{
    cli_make_dir(o->out);
    ImageSet train_set, test_set;
    run_load_train_test(&train_set, &test_set, o->data, o->train_limit, o->test_limit, CLASSES, 0);
    Weights net;
    make_network(&net, o, train_set.rows * train_set.cols);
    TrainConfig c = {.epochs = o->epochs, .batch = o->batch, .lr = o->lr, .seed = (unsigned long)o->seed,
                     .shuffle = o->shuffle, .kernel = o->kernel ? (Kernel)o->kernel : KERNEL_PACKED,
                     .teaching = o->teaching, .quiet = o->quiet};
    EpochLog log = epoch_log_open(o, c.kernel);
    report_training(o, &net, c.kernel, &train_set, &test_set);
    if (o->teaching)
        train_d(&c, &net, &train_set, &test_set, report_epoch, &log);
    else
        train_s(&c, &net, &train_set, &test_set, report_epoch, &log);
    cli_done(log.csv);
    run_save_weights(&net, o->out, "weights.txt", "ch06 weights after training");
    if (!o->quiet) {
        printf("\n");
        cli_print_files(o->out);
    }
    weights_free(&net);
    idx_free_set(&train_set);
    idx_free_set(&test_set);
}

int main(int argc, char **argv)
{
    cli_init("ch06");
    Options o = parse_options(argc, argv);
    gemm_set_threads((int)o.threads);
    openblas_set_num_threads(1);            // OpenBLAS on one thread, as every kernel but the fifth
    if (o.train)
        train_network(&o);
    else if (o.verify)
        return verify_all(&o) ? EXIT_FAILURE_IO : 0;
    else
        measure_all(&o);
    return 0;
}
