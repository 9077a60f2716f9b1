/**
 * @file chapters/09-mpi/costs.c
 * @brief Chapter 09's `--bench-allreduce`: what communication costs here, and a model of it on a cluster.
 */
#include "costs.h"

#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/timing.h"
#include "share.h"

#define NET_LATENCY 25e-6       // the model's network: 25 microseconds a message,
#define NET_BANDWIDTH 1.25e9    // and 10 Gbit/s = 1.25 GB/s

/* The median seconds of one allreduce of bytes bytes, repeated for about min_time s
   (the slowest rank's time). */
static double time_allreduce(Dist *d, size_t bytes, double min_time)
{
    const size_t n = bytes / sizeof(double);
    double *x = nn_alloc(n, sizeof(double), "the allreduce's numbers"), t[41];
    Dist quiet = *d;                    // (not counted as the run's communication)
    int reps = 0;
    for (double spent = 0.0; reps < 41 && (reps < 5 || spent < min_time); reps++) {
        dist_barrier();                 // all start together
        const double t0 = timing_now();
        dist_sum(&quiet, x, n);
        t[reps] = dist_max(timing_now() - t0);
        spent += t[reps];
    }
    free(x);
    return timing_median(t, reps);
}

/*
 * The seconds of one step's computing (forward and backward) on B images, on
 * rank 0 alone while the others wait: the fastest of 9, the least disturbed
 * by this machine's other work. Every rank gets the answer. The images are
 * the set's first ones, taken again from the first when B is more than the set.
 */
static double time_step(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, int B)
{
    double best = 0.0;
    if (d->rank == 0) {
        int *order = nn_alloc((size_t)B, sizeof(int), "the timed batch's order"), right = 0;
        for (int k = 0; k < B; k++)
            order[k] = k % s->n;
        Mat Xb = mat_rows(X, 0, B);
        idx_batch(&Xb, s, order);
        for (int k = 0; k < B; k++)
            labels[k] = s->labels[order[k]];
        for (int k = 0; k < 9; k++) {
            const double t0 = timing_now();
            net_forward(net, &Xb, labels, &right);
            net_backward(net, &Xb, labels);
            const double t = timing_now() - t0;
            best = k == 0 || t < best ? t : best;
        }
        free(order);
    }
    dist_bcast(&best, sizeof best);
    return best;
}

//! [bench]
void costs_report(Net *net, const ImageSet *s, Dist *d, Mat *X, int *labels, int batch, double min_time,
                  const char *out)
{
    FILE *f = d->rank == 0 ? cli_open(out, "allreduce.csv", "bytes,seconds,gigabytes_per_second,ranks,"
                                      "model_2_machines,model_64_machines") : NULL;
    if (d->rank == 0)
        printf("MPI_Allreduce of doubles on %d rank%s, median of repeats (the slowest rank's time each):\n"
               "  %10s  %12s  %10s\n", d->size, d->size == 1 ? "" : "s", "bytes", "seconds", "GB/s");
    double grad_seconds = 0.0;
    const size_t grad_bytes = sizeof(double) * (net->n + NET_EXTRA);
    for (size_t bytes = 1024; bytes <= ((size_t)64 << 20); bytes *= 4) {
        const double t = time_allreduce(d, bytes, min_time);
        if (f) {
            fprintf(f, "%zu,%.4g,%.4g,%d,%.4g,%.4g\n", bytes, t, bytes / t / 1e9, d->size,
                    ring_allreduce_seconds((double)bytes, 2, NET_LATENCY, NET_BANDWIDTH),
                    ring_allreduce_seconds((double)bytes, 64, NET_LATENCY, NET_BANDWIDTH));
            printf("  %10zu  %12.3e  %10.3f\n", bytes, t, bytes / t / 1e9);
        }
    }
    grad_seconds = time_allreduce(d, grad_bytes, min_time);
    if (f)
        cli_done(f);
    const int sizes[2] = {batch, BENCH_LARGE};
    double step[2];
    for (int k = 0; k < 2; k++)
        step[k] = time_step(net, s, d, X, labels, sizes[k]);
    if (d->rank != 0)
        return;
    printf("\nThis network's gradient is %zu bytes: an allreduce of it takes %.3g ms on these %d ranks.\n",
           grad_bytes, 1e3 * grad_seconds, d->size);
    printf("One step's computing on one rank: %.3g ms for a batch of %d, %.3g ms for %d.\n", 1e3 * step[0],
           sizes[0], 1e3 * step[1], sizes[1]);
    const double here = step[0] / d->size + grad_seconds;   // the model with this machine's own allreduce
    printf("So on these %d ranks a step should take %.3g / %d + %.3g = %.3g ms: %.2g s for an epoch of 60 000.\n\n",
           d->size, 1e3 * step[0], d->size, 1e3 * grad_seconds, 1e3 * here, here * 60000.0 / sizes[0]);
    f = cli_open(out, "model.csv", "machines,batch,compute_seconds,allreduce_seconds,step_seconds,speedup");
    char head[2][40];
    for (int k = 0; k < 2; k++)
        snprintf(head[k], sizeof head[k], "speed-up, batch %d", sizes[k]);
    printf("A model, not a measurement: time per step = computing / P + a ring allreduce of the gradient\n"
           "(the page's \"What communication costs\") on a network of 10 Gbit/s and %g us a message:\n"
           "  %8s  %21s  %21s\n", 1e6 * NET_LATENCY, "machines", head[0], head[1]);
    for (int P = 1; P <= 64; P *= 2) {
        double speedup[2];
        for (int k = 0; k < 2; k++) {
            const double comm = ring_allreduce_seconds((double)grad_bytes, P, NET_LATENCY, NET_BANDWIDTH);
            const double t = step[k] / P + comm;
            speedup[k] = step[k] / t;
            fprintf(f, "%d,%d,%.4g,%.4g,%.4g,%.4g\n", P, sizes[k], step[k] / P, comm, t, speedup[k]);
        }
        printf("  %8d  %21.2f  %21.2f\n", P, speedup[0], speedup[1]);
    }
    cli_done(f);
}
//! [bench]
