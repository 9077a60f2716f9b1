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
 */
#include <cblas.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../common/cli.h"
#include "../../common/idx.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "gemm.h"
#include "machine.h"
#include "measure.h"
#include "train.h"

#define CLASSES 10
#define MAX_SIZES 16
#define MAX_N 2048              // the largest --sizes: seconds per product for kernels 2 and 3, in double
#define NAIVE_MAX 512           // the naive kernel takes seconds per product beyond this
#define THREADS_N 1024          // the size the threads are measured at
#define GOAL_N 512              // the size the goal against OpenBLAS is set at

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *data, *out, *load;
    long sizes[MAX_SIZES];
    int n_sizes;
    int kernel;                 // --matmul: the one kernel to measure or train with (0: all, or packed for training)
    long threads;               // kernel 5's threads (0: every core)
    int doubles, floats;        // which precisions to measure
    double min_time;            // seconds of repeats per measurement
    int verify, train, teaching;
    long hidden, epochs, batch, train_limit, test_limit;
    double lr;
    unsigned long seed;
    int shuffle, quiet;
} Options;

static void usage(void)
{
    printf("Usage: ch06 [options]\n"
           "The matrix product made fast step by step, measured against the machine and OpenBLAS.\n"
           "\n"
           "Measuring (the default):\n"
           "  --matmul N            measure only kernel N: 1 naive, 2 ikj, 3 blocked, 4 packed, 5 threads\n"
           "  --sizes N,N,...       the sizes n of the n x n products, up to %d of them, each from 1 to %d\n"
           "                        (default 64,128,256,384,512,768,1024,1536)\n"
           "  --threads T           threads of kernel 5 (default: every core, here %d)\n"
           "  --precision P         double, float or both (default both)\n"
           "  --min-time S          repeat each product for at least S seconds, keep the best (default 0.1)\n"
           "  --verify              only check every kernel against the naive one, and stop\n"
           "\n"
           "Training (--train): chapter 04's network 784-H-10, ReLU, SGD\n"
           "  --train               train in float with kernel --matmul (default 4, packed)\n"
           "  --teaching            ... in double with common/'s matrix product instead (chapters 01-05)\n"

           "  --hidden H            hidden units (default 256)\n"
           "  --epochs N            passes over the training set (default 3)\n"
           "  --batch B             samples per step (default 64)\n"
           "  --lr X                learning rate (default 0.1)\n"
           "  --shuffle yes|no      reshuffle every epoch (default yes)\n"
           "  --seed N              initial weights and shuffles (default 1)\n"
           "  --data DIR            the IDX files (default /usr/share/datasets/fashion-mnist)\n"
           "  --train-limit N       use the first N training images (default all)\n"
           "  --test-limit N        use the first N test images (default all)\n"
           "  --load-weights FILE   start from these weights (784-H-10)\n"
           "\n"
           "  --out DIR             where to write the files (default build/ch06)\n"
           "  --quiet               print only the summary; no progress bar\n"
           "  --help                show this help\n",
           MAX_SIZES, MAX_N, gemm_cores());
    cli_exit(0);
}

static void precision(Options *o, const char *text)
{
    if (strcmp(text, "double") != 0 && strcmp(text, "float") != 0 && strcmp(text, "both") != 0)
        cli_fail(EXIT_USAGE, "--precision: expected double, float or both, got '%s'", text);
    o->doubles = text[0] != 'f';
    o->floats = text[0] != 'd';
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.data = "/usr/share/datasets/fashion-mnist", .out = "build/ch06",
                 .sizes = {64, 128, 256, 384, 512, 768, 1024, 1536}, .n_sizes = 8, .doubles = 1, .floats = 1,
                 .min_time = 0.1, .hidden = 256, .epochs = 3, .batch = 64, .lr = 0.1, .seed = 1, .shuffle = 1};
    static const struct option longopts[] = {
        {"matmul", required_argument, 0, 'm'},      {"sizes", required_argument, 0, 'n'},
        {"threads", required_argument, 0, 'j'},     {"precision", required_argument, 0, 'p'},
        {"min-time", required_argument, 0, 'M'},    {"verify", no_argument, 0, 'v'},
        {"train", no_argument, 0, 'x'},             {"teaching", no_argument, 0, 'X'},
        {"hidden", required_argument, 0, 'H'},      {"epochs", required_argument, 0, 'e'},
        {"batch", required_argument, 0, 'b'},       {"lr", required_argument, 0, 'l'},
        {"shuffle", required_argument, 0, 'S'},     {"seed", required_argument, 0, 's'},
        {"data", required_argument, 0, 'd'},        {"train-limit", required_argument, 0, 't'},
        {"test-limit", required_argument, 0, 'T'},  {"load-weights", required_argument, 0, 'w'},
        {"out", required_argument, 0, 'o'},         {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},              {0, 0, 0, 0}};
    const char *train_only = NULL, *measure_only = NULL;    // an option of one mode, given (for the error)
    int c;
    while ((c = cli_getopt(argc, argv, "", longopts)) != -1) {
        for (const struct option *l = longopts; l->name; l++)
            if (l->val == c && strchr("HebSldtTw", c))
                train_only = l->name;
            else if (l->val == c && strchr("nMp", c))
                measure_only = l->name;
        switch (c) {
        case 'm': o.kernel = (int)cli_long("--matmul", optarg, 1, KERNEL_COUNT); break;
        case 'n': o.n_sizes = cli_longs("--sizes", optarg, o.sizes, MAX_SIZES, 1, MAX_N); break;
        case 'j': o.threads = cli_long("--threads", optarg, 1, 256); break;
        case 'p': precision(&o, optarg); break;
        case 'M': o.min_time = cli_positive("--min-time", optarg); break;
        case 'v': o.verify = 1; break;
        case 'x': o.train = 1; break;
        case 'X': o.teaching = 1; break;
        case 'H': o.hidden = cli_long("--hidden", optarg, 1, 10000); break;
        case 'e': o.epochs = cli_long("--epochs", optarg, 0, 10000); break;
        case 'b': o.batch = cli_long("--batch", optarg, 1, 60000); break;
        case 'l': o.lr = cli_positive("--lr", optarg); break;
        case 'S': o.shuffle = cli_yes_no("--shuffle", optarg); break;
        case 's': o.seed = (unsigned long)cli_long("--seed", optarg, 0, 2147483647L); break;
        case 'd': o.data = optarg; break;
        case 't': o.train_limit = cli_long("--train-limit", optarg, 1, 100000000L); break;
        case 'T': o.test_limit = cli_long("--test-limit", optarg, 1, 100000000L); break;
        case 'w': o.load = optarg; break;
        case 'o': o.out = cli_dir("--out", optarg); break;
        case 'q': o.quiet = 1; break;
        case 'h': usage(); break;
        }
    }
    cli_no_operands(argc, argv);
    if (o.min_time > 10)
        cli_fail(EXIT_USAGE, "--min-time: at most 10 seconds per measurement, got '%g'", o.min_time);
    if (o.teaching && !o.train)
        cli_fail(EXIT_USAGE, "--teaching: only with --train (it chooses how the training multiplies)");
    if (o.teaching && o.kernel)
        cli_fail(EXIT_USAGE, "--teaching and --matmul %d: the teaching run uses common/'s product, not a kernel",
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
// the machine: what the compiler targeted, and the roofline's numbers

typedef struct {
    double peak_d, peak_s;          // GFLOP/s of one core
    double bw[4];                   // GB/s of the triad with its arrays in L1, L2, L3, memory
} Roof;

static const char *const LEVEL[4] = { "L1", "L2", "L3", "memory" };
static const long LEVEL_BYTES[4] = { 24L << 10, 600L << 10, 12L << 20, 384L << 20 };

static void cpu_name(char *name, size_t len)
{
    snprintf(name, len, "an unknown CPU");
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
            snprintf(name, len, "%s", strchr(line, ':') + 2);
            name[strcspn(name, "\n")] = '\0';
            break;
        }
    if (f)
        fclose(f);
}

// A line of the report, shown at once (the measurements take seconds); nothing with --quiet.
static void say(const Options *o, const char *format, ...)
{
    if (o->quiet)
        return;
    va_list ap;
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    fflush(stdout);
}

static Roof measure_machine(const Options *o)
{
    Roof r = {0};
    say(o, "One core's roofline\n");
    r.peak_d = peak_gflops_d(2 * o->min_time);
    say(o, "  peak, double   %6.1f GFLOP/s   (fused multiply-adds on %d doubles at once, nothing loaded)\n", r.peak_d,
        packed_shape_d().vector_bytes / 8);
    r.peak_s = peak_gflops_s(2 * o->min_time);
    say(o, "  peak, float    %6.1f GFLOP/s\n", r.peak_s);
    for (int l = 0; l < 4; l++) {
        r.bw[l] = triad_gbs(LEVEL_BYTES[l], 2 * o->min_time);
        say(o, "  triad, %-6s  %6.1f GB/s      (arrays of %ld KB)\n", LEVEL[l], r.bw[l], LEVEL_BYTES[l] >> 10);
    }
    FILE *f;
    char path[4096];
    f = cli_create(o->out, "machine.csv", path, sizeof path);
    fprintf(f, "what,value\npeak_double,%.2f\npeak_float,%.2f\n", r.peak_d, r.peak_s);
    for (int l = 0; l < 4; l++)
        fprintf(f, "bandwidth_%s,%.2f\n", LEVEL[l], r.bw[l]);
    cli_close(f, path);
    return r;
}

// ----------------------------------------------------------------------------
// correct first: every kernel against the naive one

static const int SHAPES[][3] = {      // m, n, k
    {1, 1, 1}, {7, 7, 7}, {33, 33, 33}, {257, 257, 257}, {1, 257, 7}, {257, 1, 33}, {7, 33, 1},
    {33, 7, 257}, {100, 3, 50}, {65, 130, 300}, {6, 16, 256}, {97, 33, 513}, {0, 5, 5}, {5, 5, 0},
};
enum { N_SHAPES = sizeof SHAPES / sizeof *SHAPES };

// The kernels a run checks and times: all, or --matmul's; OpenBLAS always (number OPENBLAS).
static int measured(const Options *o, int kernel)
{
    return kernel == OPENBLAS || !o->kernel || o->kernel == kernel;
}

// Returns the number of failures; prints each, and a summary line.
static int verify_all(const Options *o)
{
    Kernel kernels[KERNEL_COUNT + 1];
    int count = 0, failures = 0, checks = 0;
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
                    checks++;
                    worst = e[q] > worst ? e[q] : worst;
                    if (!(e[q] <= 1)) {
                        failures++;
                        progress_end(&bar);
                        printf("  WRONG: %s %s, %dx%dx%d%s%s: %s\n", fl ? "float" : "double",
                               kernels[q] ? kernel_name(kernels[q]) : "OpenBLAS", shape[0], shape[1], shape[2],
                               t & 1 ? ", A transposed" : "", t >> 1 ? ", B transposed" : "",
                               isinf(e[q]) ? "wrote past the end of C's rows" : "further from naive than rounding allows");
                    }
                }
            }
    progress_end(&bar);
    char which[64] = "every kernel";
    if (o->kernel)
        snprintf(which, sizeof which, "kernel %d (%s)", o->kernel, kernel_name((Kernel)o->kernel));
    printf("%s: %d products against the naive kernel (%s and OpenBLAS, %d shapes\n"
           "  from 1x1x1 to 257x257x257, transposed or not, double and float): %s;\n"
           "  the largest difference is %.2f of the rounding bound.\n",
           failures ? "WRONG" : "Correct first", checks, which, N_SHAPES, failures ? "some differ" : "all agree", worst);
    return failures;
}

// ----------------------------------------------------------------------------
// speed: GFLOP/s against n, kernel by kernel, and OpenBLAS beside them

typedef struct {
    double gflops[2][KERNEL_COUNT + 1][MAX_SIZES];      // [float?][kernel or OPENBLAS][size], 0: not measured
} Sweep;

static const char *label(int kernel)
{
    return kernel == OPENBLAS ? "OpenBLAS" : kernel_name((Kernel)kernel);
}

// Below the tables, a note on each kernel that ran and has one: what its line does not say.
static void footnotes(const Options *o)
{
    if (o->quiet)
        return;
    int above = 0;              // a size the naive kernel skipped (a - in its line)
    for (int s = 0; s < o->n_sizes; s++)
        above |= o->sizes[s] > NAIVE_MAX;
    if (measured(o, KERNEL_NAIVE) && above)
        printf("  (1 naive: - is a size above %d, minutes per product)\n", NAIVE_MAX);
    if (measured(o, KERNEL_BLOCKED))
        printf("  (3 blocked: tiles of %d rows x %d columns of C, %d terms of the sums)\n", GEMM_TILE_M, GEMM_TILE_N,
               GEMM_TILE_K);
    if (measured(o, KERNEL_PACKED)) {
        const PackedShape d = packed_shape_d(), f = packed_shape_s();
        char block[64] = "";
        if (o->doubles)
            snprintf(block, sizeof block, "%dx%d in double%s", d.mr, d.nr, o->floats ? ", " : "");
        if (o->floats)
            snprintf(block + strlen(block), sizeof block - strlen(block), "%dx%d in float", f.mr, f.nr);
        printf("  (4 packed: register block %s; kc %d, mc %d, nc %d)\n", block, d.kc, d.mc, d.nc);
    }
    if (measured(o, KERNEL_THREADS))
        printf("  (5 threads: kernel 4 shared by %d thread%s)\n", gemm_threads(), gemm_threads() > 1 ? "s" : "");
}

static void sweep(const Options *o, Sweep *w, FILE *csv)
{
    for (int fl = 0; fl < 2; fl++) {
        if (!(fl ? o->floats : o->doubles))
            continue;
        if (!o->quiet) {
            printf("\nGFLOP/s of C = A B, n x n, %s, best of repeats for %g s\n", fl ? "float" : "double",
                   o->min_time);
            printf("  %-9s", "n");
            for (int s = 0; s < o->n_sizes; s++)
                printf(" %6ld", o->sizes[s]);
            printf("\n");
        }
        for (int kernel = KERNEL_NAIVE; kernel <= KERNEL_COUNT + 1; kernel++) {
            const int kn = kernel > KERNEL_COUNT ? OPENBLAS : kernel;   // OpenBLAS last
            if (!measured(o, kn))
                continue;
            if (!o->quiet)
                printf("  %d %-7s", kn, label(kn));
            for (int s = 0; s < o->n_sizes; s++) {
                const int n = (int)o->sizes[s];
                if (kn == KERNEL_NAIVE && n > NAIVE_MAX) {
                    if (!o->quiet)
                        printf(" %6s", "-");
                    continue;
                }
                double g = fl ? time_gemm_s((Kernel)kn, n, o->min_time) : time_gemm_d((Kernel)kn, n, o->min_time);
                w->gflops[fl][kn][s] = g;
                fprintf(csv, "%s,%s,%d,%.4g\n", fl ? "float" : "double", label(kn), n, g);
                if (!o->quiet) {
                    printf(" %6.1f", g);
                    fflush(stdout);
                }
            }
            if (!o->quiet)
                printf("\n");
        }
    }
    footnotes(o);
}

// ----------------------------------------------------------------------------
// threads: the packed kernel, and OpenBLAS, on 1, 2, ... threads

static void threads_study(const Options *o, int n, FILE *csv)
{
    const int cores = gemm_cores(), most = 2 * cores < 8 ? 2 * cores : 8;
    const int fl = !o->doubles;
    if (!o->quiet)
        printf("\nThreads: kernel 5 and OpenBLAS on n = %d, %s, GFLOP/s (speed-up over 1 thread)\n", n,
               fl ? "float" : "double");
    double one = 0, blas_one = 0;
    for (int t = 1; t <= most; t++) {
        gemm_set_threads(t);
        openblas_set_num_threads(t);
        const double g = fl ? time_gemm_s(KERNEL_THREADS, n, o->min_time) : time_gemm_d(KERNEL_THREADS, n, o->min_time);
        const double b = fl ? time_gemm_s(OPENBLAS, n, o->min_time) : time_gemm_d(OPENBLAS, n, o->min_time);
        one = t == 1 ? g : one, blas_one = t == 1 ? b : blas_one;
        fprintf(csv, "%d,%.4g,%.4g,%.4g,%.4g,%d\n", t, g, g / one, b, b / blas_one, cores);
        if (!o->quiet)
            printf("  %d thread%s %6.1f (%.2fx)   OpenBLAS %6.1f (%.2fx)%s\n", t, t > 1 ? "s" : " ", g, g / one, b,
                   b / blas_one, t > cores ? "   more threads than cores" : "");
    }
    gemm_set_threads((int)o->threads);
    openblas_set_num_threads(1);
}

// ----------------------------------------------------------------------------
// the roofline: each one-thread kernel at the intensity of its inner loop

// Floating-point operations per byte that the kernel's innermost loop loads
// and stores, for numbers of `size` bytes (the page derives each).
static double intensity(int kernel, int size, PackedShape p)
{
    switch (kernel) {
    case KERNEL_NAIVE: return 2.0 / (2 * size);                 // a(i,p), b(p,j) in; sum stays in a register
    case KERNEL_IKJ:
    case KERNEL_BLOCKED: return 2.0 / (3 * size);               // b(p,j), c(i,j) in, c(i,j) out
    default: return 2.0 * p.mr * p.nr / ((p.mr + p.nr) * size); // mr + nr in, mr x nr FMAs
    }
}

static void roofline(const Options *o, const Sweep *w, FILE *csv)
{
    int s = -1;         // the size nearest GOAL_N that was measured
    for (int i = 0; i < o->n_sizes; i++)
        if (s < 0 || labs(o->sizes[i] - GOAL_N) < labs(o->sizes[s] - GOAL_N))
            s = i;
    for (int fl = 0; fl < 2; fl++)
        for (int kernel = KERNEL_NAIVE; kernel <= KERNEL_PACKED; kernel++)
            if (w->gflops[fl][kernel][s] > 0)
                fprintf(csv, "%s,%s,%ld,%.4f,%.4g\n", fl ? "float" : "double", kernel_name((Kernel)kernel),
                        o->sizes[s], intensity(kernel, fl ? 4 : 8, fl ? packed_shape_s() : packed_shape_d()),
                        w->gflops[fl][kernel][s]);
}

// The chapter's goal, as measured: the packed kernel against OpenBLAS at n = 512.
static void goals(const Options *o, const Sweep *w)
{
    for (int s = 0; s < o->n_sizes; s++)
        for (int fl = 0; fl < 2; fl++)
            if (o->sizes[s] == GOAL_N && w->gflops[fl][KERNEL_PACKED][s] > 0 && w->gflops[fl][OPENBLAS][s] > 0)
                printf("At n = %d in %s the packed kernel runs at %.0f%% of OpenBLAS's speed (goal: 70%%).\n", GOAL_N,
                       fl ? "float" : "double", 100 * w->gflops[fl][KERNEL_PACKED][s] / w->gflops[fl][OPENBLAS][s]);
}

static void measure_all(const Options *o)
{
    char name[128];
    cpu_name(name, sizeof name);
    const PackedShape pd = packed_shape_d();
    if (!o->quiet) {
        printf("Chapter 06: the matrix product, from three loops to the machine's limit\n");
        printf("%s, %d cores; %s, -O3 -march=native, %d-byte vectors\n", name, gemm_cores(),
#ifdef __clang__
               "clang " __clang_version__,
#else
               "gcc " __VERSION__,
#endif
               pd.vector_bytes);
        char when[64];
        const time_t now = time(NULL);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&now));
        printf("OpenBLAS: %s kernels, one thread unless said. Measured %s.\n\n", openblas_get_corename(), when);
    }
    cli_make_dir(o->out);
    measure_machine(o);
    say(o, "\n");
    if (verify_all(o) != 0)
        cli_fail(EXIT_FAILURE_IO, "a kernel gives wrong products (above): its speed would mean nothing");
    char path[4096];
    Sweep w = {{{{0}}}};
    FILE *csv = cli_create(o->out, "gflops.csv", path, sizeof path);
    fprintf(csv, "precision,kernel,n,gflops\n");
    sweep(o, &w, csv);
    cli_close(csv, path);
    char files[128] = "machine.csv, gflops.csv";
    if (!o->kernel || o->kernel <= KERNEL_PACKED) {     // the roofline is of one-thread kernels
        csv = cli_create(o->out, "roofline.csv", path, sizeof path);
        fprintf(csv, "precision,kernel,n,intensity,gflops\n");
        roofline(o, &w, csv);
        cli_close(csv, path);
        strcat(files, ", roofline.csv");
    }
    if (!o->kernel || o->kernel == KERNEL_THREADS) {
        long n = 0;
        for (int s = 0; s < o->n_sizes; s++)
            n = o->sizes[s] <= THREADS_N && o->sizes[s] > n ? o->sizes[s] : n;
        csv = cli_create(o->out, "threads.csv", path, sizeof path);
        fprintf(csv, "threads,gflops,speedup,openblas_gflops,openblas_speedup,cores\n");
        threads_study(o, (int)(n ? n : o->sizes[0]), csv);
        cli_close(csv, path);
        strcat(files, ", threads.csv");
    }
    printf("\n");
    goals(o, &w);
    printf("Files in %s: %s\n", o->out, files);
}

// ----------------------------------------------------------------------------
// training: chapter 04's network, the product chosen by the options

static void load_set(ImageSet *s, const Options *o, const char *name, long limit)
{
    char err[ERR_LEN];
    if (idx_load_set(s, o->data, name, limit, CLASSES, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

// From --load-weights, or He's start: N(0, 2 / n_in) weights, zero biases (chapter 05).
static void make_network(Weights *net, const Options *o, int inputs)
{
    if (o->load) {
        char err[ERR_LEN];
        if (weights_read(net, o->load, err, sizeof err) != 0)
            cli_fail(EXIT_USAGE, "%s", err);
        if (net->n_layers != 2 || weights_units(net, 0) != inputs || weights_units(net, 2) != CLASSES) {
            char shape[64] = "";
            for (int l = 0; l <= net->n_layers; l++)
                snprintf(shape + strlen(shape), sizeof shape - strlen(shape), "%s%d", l ? "-" : "",
                         weights_units(net, l));
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: a %s network, but this chapter trains %d-H-%d (one hidden layer)", o->load,
                     shape, inputs, CLASSES);
        }
        return;
    }
    const int sizes[3] = {inputs, (int)o->hidden, CLASSES};
    weights_alloc(net, 2, sizes);
    Rng rng;
    rng_seed(&rng, o->seed);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < mat_size(&net->W[l]); i++)
            net->W[l].data[i] = sqrt(2.0 / net->W[l].rows) * rng_normal(&rng);
}

typedef struct {
    const Options *o;
    FILE *csv;
    const char *run;        // "float, packed" or "double, teaching"
} Reporter;

static void report_epoch(const EpochStats *s, void *ctx)
{
    Reporter *r = ctx;
    fprintf(r->csv, "%s,%d,%.6f,%.4f,%.0f,%.2f\n", r->run, s->epoch, s->loss, s->seconds, s->samples_per_s,
            s->test_accuracy);
    if (!r->o->quiet)
        printf("  %5d %9.4f %8.2f %10.0f %8.2f%%\n", s->epoch, s->loss, s->seconds, s->samples_per_s,
               s->test_accuracy);
}

static void train_network(const Options *o)
{
    cli_make_dir(o->out);
    ImageSet train_set, test_set;
    load_set(&train_set, o, "train", o->train_limit);
    load_set(&test_set, o, "t10k", o->test_limit);
    Weights net;
    make_network(&net, o, train_set.rows * train_set.cols);
    TrainConfig c = {.epochs = o->epochs, .batch = o->batch, .lr = o->lr, .seed = o->seed, .shuffle = o->shuffle,
                     .kernel = o->kernel ? (Kernel)o->kernel : KERNEL_PACKED, .teaching = o->teaching, .quiet = o->quiet};
    char run[64], path[4096];
    snprintf(run, sizeof run, "%s", o->teaching ? "double,teaching" : "float,");
    if (!o->teaching)
        snprintf(run + strlen(run), sizeof run - strlen(run), "%s", kernel_name(c.kernel));
    Reporter r = {.o = o, .run = run, .csv = cli_create(o->out, "train.csv", path, sizeof path)};
    fprintf(r.csv, "precision,product,epoch,loss,seconds,samples_per_s,test_accuracy\n");
    if (!o->quiet) {
        printf("Chapter 06: chapter 04's network %d-%d-%d (ReLU, softmax), SGD lr %g, batches of %ld, one thread\n",
               weights_units(&net, 0), weights_units(&net, 1), CLASSES, o->lr, o->batch);
        char how[96];
        snprintf(how, sizeof how, "float with kernel %d (%s)", c.kernel, kernel_name(c.kernel));
        printf("in %s;\n%d training and %d test images of %s\n\n",
               o->teaching ? "double with common/'s matrix product (the teaching code)" : how, train_set.n, test_set.n,
               o->data);
        printf("  epoch      loss  seconds  samples/s     test\n");
    }
    if (o->teaching)
        train_d(&c, &net, &train_set, &test_set, report_epoch, &r);
    else
        train_s(&c, &net, &train_set, &test_set, report_epoch, &r);
    cli_close(r.csv, path);
    char err[ERR_LEN];
    snprintf(path, sizeof path, "%s/weights.txt", o->out);
    if (weights_write(&net, path, "ch06 weights after training", err, sizeof err) != 0)
        cli_fail(EXIT_FAILURE_IO, "%s", err);
    if (!o->quiet)
        printf("\nFiles in %s: train.csv, weights.txt\n", o->out);
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
