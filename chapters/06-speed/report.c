/**
 * @file chapters/06-speed/report.c
 * @brief Chapter 06's report, and the roofline's file for its plot.
 */
#include "report.h"

#include <cblas.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../common/cli.h"

void say(int quiet, const char *format, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    fflush(stdout);
}

const char *kernel_label(int kernel)
{
    return kernel == OPENBLAS ? "OpenBLAS" : kernel_name((Kernel)kernel);
}

// ----------------------------------------------------------------------------
// the measuring run

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

void report_intro(const Options *o)
{
    if (o->quiet)
        return;
    char name[128], when[64];
    cpu_name(name, sizeof name);
    printf("Chapter 06: the matrix product, from three loops to the machine's limit\n");
    printf("%s, %d cores; %s, -O3 -march=native, %d-byte vectors\n", name, gemm_cores(),
#ifdef __clang__
           "clang " __clang_version__,
#else
           "gcc " __VERSION__,
#endif
           packed_shape_d().vector_bytes);
    const time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&now));
    printf("OpenBLAS: %s kernels, one thread unless said. Measured %s.\n\n", openblas_get_corename(), when);
}

void report_wrong(int fl, Kernel kernel, const int shape[3], int t, double e)
{
    printf("  WRONG: %s %s, %dx%dx%d%s%s: %s\n", fl ? "float" : "double", kernel_label(kernel), shape[0], shape[1],
           shape[2], t & 1 ? ", A transposed" : "", t >> 1 ? ", B transposed" : "",
           isinf(e) ? "wrote past the end of C's rows" : "further from naive than rounding allows");
}

void report_checked(const Options *o, int checks, int failures, int n_shapes, double worst)
{
    char which[64] = "every kernel";
    if (o->kernel)
        snprintf(which, sizeof which, "kernel %ld (%s)", o->kernel, kernel_name((Kernel)o->kernel));
    printf("%s: %d products against the naive kernel (%s and OpenBLAS, %d shapes\n"
           "  from 1x1x1 to 257x257x257, transposed or not, double and float): %s;\n"
           "  the largest difference is %.2f of the rounding bound.\n",
           failures ? "WRONG" : "Correct first", checks, which, n_shapes, failures ? "some differ" : "all agree",
           worst);
}

void report_sweep_title(const Options *o, int fl)
{
    say(o->quiet, "\nGFLOP/s of C = A B, n x n, %s, best of repeats for %g s\n", fl ? "float" : "double", o->min_time);
    say(o->quiet, "  %-9s", "n");
    for (int s = 0; s < o->n_sizes; s++)
        say(o->quiet, " %6ld", o->sizes[s]);
    say(o->quiet, "\n");
}

void report_footnotes(const Options *o)
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

void write_roofline(const Options *o, const Sweep *w, int goal_n)
{
    int s = -1;         // the size nearest goal_n that was measured
    for (int i = 0; i < o->n_sizes; i++)
        if (s < 0 || labs(o->sizes[i] - goal_n) < labs(o->sizes[s] - goal_n))
            s = i;
    FILE *csv = cli_open(o->out, "roofline.csv", "precision,kernel,n,intensity,gflops");
    for (int fl = 0; fl < 2; fl++)
        for (int kernel = KERNEL_NAIVE; kernel <= KERNEL_PACKED; kernel++)
            if (w->gflops[fl][kernel][s] > 0)
                fprintf(csv, "%s,%s,%ld,%.4f,%.4g\n", fl ? "float" : "double", kernel_name((Kernel)kernel),
                        o->sizes[s], intensity(kernel, fl ? 4 : 8, fl ? packed_shape_s() : packed_shape_d()),
                        w->gflops[fl][kernel][s]);
    cli_done(csv);
}

void report_goal(const Options *o, const Sweep *w, int goal_n)
{
    for (int s = 0; s < o->n_sizes; s++)
        for (int fl = 0; fl < 2; fl++)
            if (o->sizes[s] == goal_n && w->gflops[fl][KERNEL_PACKED][s] > 0 && w->gflops[fl][OPENBLAS][s] > 0)
                printf("At n = %d in %s the packed kernel runs at %.0f%% of OpenBLAS's speed (goal: 70%%).\n", goal_n,
                       fl ? "float" : "double", 100 * w->gflops[fl][KERNEL_PACKED][s] / w->gflops[fl][OPENBLAS][s]);
}

// ----------------------------------------------------------------------------
// the training run

EpochLog epoch_log_open(const Options *o, Kernel kernel)
{
    EpochLog log = {.quiet = o->quiet,
                    .csv = cli_open(o->out, "train.csv", "precision,product,epoch,loss,seconds,samples_per_s,"
                                    "test_accuracy")};
    snprintf(log.run, sizeof log.run, "%s%s", o->teaching ? "double,teaching" : "float,",
             o->teaching ? "" : kernel_name(kernel));
    return log;
}

void report_training(const Options *o, const Weights *net, Kernel kernel, const ImageSet *train, const ImageSet *test)
{
    if (o->quiet)
        return;
    printf("Chapter 06: chapter 04's network %d-%d-%d (ReLU, softmax), SGD lr %g, batches of %ld, one thread\n",
           weights_units(net, 0), weights_units(net, 1), CLASSES, o->lr, o->batch);
    char how[96];
    snprintf(how, sizeof how, "float with kernel %d (%s)", kernel, kernel_name(kernel));
    printf("in %s;\n%d training and %d test images of %s\n\n",
           o->teaching ? "double with common/'s matrix product (the teaching code)" : how, train->n, test->n, o->data);
    printf("  epoch      loss  seconds  samples/s     test\n");
}

void report_epoch(const EpochStats *s, void *ctx)
{
    EpochLog *log = ctx;
    fprintf(log->csv, "%s,%d,%.6f,%.4f,%.0f,%.2f\n", log->run, s->epoch, s->loss, s->seconds, s->samples_per_s,
            s->test_accuracy);
    if (!log->quiet)
        printf("  %5d %9.4f %8.2f %10.0f %8.2f%%\n", s->epoch, s->loss, s->seconds, s->samples_per_s,
               s->test_accuracy);
}
