/**
 * @file chapters/02-xor-mlp/report.c
 * @brief Chapter 02's report tables and advice, and the files its plots read.
 */
#include "report.h"

#include <math.h>
#include <stdlib.h>

#include "../../common/cli.h"
#include "../../common/plotdata.h"
#include "mlp.h"

#define GRID 101        // the boundary plot's grid: GRID x GRID points
#define FRAME_GRID 41   // the animation's grid
#define FRAMES 30       // the animation's frames

// ----------------------------------------------------------------------------
// the square the plots show

/*
 * The data's range over both inputs and half as much again on each side, so
 * that any data set's plots show all of it (make ch02 ARGS="--data ...").
 */
static void plot_view(const Dataset *d, double *lo, double *hi)
{
    *lo = *hi = mat_get(&d->X, 0, 0);
    for (size_t i = 0; i < mat_size(&d->X); i++) {
        *lo = fmin(*lo, d->X.data[i]);
        *hi = fmax(*hi, d->X.data[i]);
    }
    const double margin = *hi > *lo ? 0.5 * (*hi - *lo) : 1.0;
    *lo -= margin;
    *hi += margin;
}

/* The network's output over an n x n grid of the square, for the heat map. */
static void write_grid(FILE *f, const Weights *net, int n, double lo, double hi)
{
    Mat G = mat_new(n * n, 2);
    plot_grid_inputs(&G, lo, hi, n);
    MlpWork gw = mlp_work_new(n * n, net);
    mlp_forward(net, &G, &gw);
    plot_write_grid(f, &G, &gw.Y, n);
    mlp_work_free(&gw);
    mat_free(&G);
}

// ----------------------------------------------------------------------------
// the trace of a run

void trace_open(Trace *t, const char *dir, const Dataset *d, long epochs)
{
    *t = (Trace){.epochs = epochs, .plane = d->n_in == 2};
    plot_view(d, &t->lo, &t->hi);
    t->loss = cli_open(dir, "loss.csv", "epoch,loss");
    t->frames = cli_open(dir, "frames.dat", NULL);
    t->frame_list = cli_open(dir, "frames.csv", "frame,epoch");
}

/* FRAMES snapshots, closer together early on where the network changes most:
   epoch e is a frame when e = round(E (k / (FRAMES - 1))^2) for some k. */
static int is_frame(long epoch, long epochs)
{
    for (int k = 0; k < FRAMES; k++) {
        const double u = (double)k / (FRAMES - 1);
        if (epoch == lround(u * u * epochs))
            return 1;
    }
    return 0;
}

void trace_epoch(Trace *t, const Weights *net, long epoch, double E)
{
    if (!t)
        return;
    if (epoch > 0) {
        fprintf(t->loss, "%ld,%.17g\n", epoch, E);
        if (epoch == t->epochs - t->epochs / 10)
            t->E_late = E;
    }
    if (t->plane && is_frame(epoch, t->epochs)) {
        fprintf(t->frames, "# frame %d, epoch %ld\n", t->frame, epoch);
        write_grid(t->frames, net, FRAME_GRID, t->lo, t->hi);
        fprintf(t->frames, "\n");
        fprintf(t->frame_list, "%d,%ld\n", t->frame++, epoch);
    }
}

void trace_close(Trace *t)
{
    cli_done(t->loss);
    cli_done(t->frames);
    cli_done(t->frame_list);
}

// ----------------------------------------------------------------------------
// the report

int learned(const Mat *Y, const Mat *T)
{
    for (size_t i = 0; i < mat_size(Y); i++)
        if ((Y->data[i] > 0.5) != (T->data[i] > 0.5))
            return 0;
    return 1;
}

/* The data's inputs, each target and the network's output, one sample a line. */
static void report_outputs(const Dataset *d, const Mat *Y)
{
    printf("\n");
    for (int i = 0; i < d->n_in; i++)
        printf("  %8s", d->names[i]);
    printf("  %8s  %8s\n", "target", "output");
    for (int k = 0; k < d->n; k++) {
        for (int i = 0; i < d->n_in; i++)
            printf("  %8.4g", mat_get(&d->X, k, i));
        printf("  %8.4g  %8.4f\n", mat_get(&d->T, k, 0), mat_get(Y, k, 0));
    }
}

/*
 * Why a run did not learn, and what to change: the advice follows the cause.
 * Outputs pinned at 0 or 1 pass back almost no gradient (y (1 - y) ~ 0): a
 * too large step put them there. A loss still falling: too few epochs. A loss
 * that stopped: a local minimum, which another start escapes, or, with more
 * samples than weights, perhaps a network too small for the data.
 */
static void report_advice(const Weights *net, const Dataset *d, const Mat *Y, double E, double E_late, double lr,
                          long epochs)
{
    int saturated = 1;
    for (int k = 0; k < d->n; k++) {
        const double y = mat_get(Y, k, 0);
        if ((y > 0.5) != (mat_get(&d->T, k, 0) > 0.5) && y * (1.0 - y) > 0.01)
            saturated = 0;
    }
    const int H = net->W[0].cols;
    const int params = (d->n_in + 1) * H + H + 1;
    if (epochs == 0)
        printf("No training ran (--epochs 0): these are the outputs of the starting weights.\n");
    else if (saturated)
        printf("The wrong outputs sit at 0 or 1, where the sigmoid is flat and passes back almost no\n"
               "gradient: steps too large for this data (--lr %g) threw the weights there. Lower --lr\n"
               "(E sums over the %d samples, so the same --lr takes larger steps on more samples).\n",
               lr, d->n);
    else if (E < 0.99 * E_late)
        printf("The loss was still falling (%.4g a tenth of the run before the end, %.4g now):\n"
               "give it more --epochs.\n", E_late, E);
    else if (d->n > params)
        printf("The loss has stopped falling with outputs on the wrong side: a local minimum, or a\n"
               "network too small for %d samples (a %d-%d-1 network has %d weights and biases).\n"
               "Try another --seed, or more --hidden.\n", d->n, d->n_in, H, params);
    else
        printf("The loss has stopped falling with outputs on the wrong side: a local minimum.\n"
               "Try another --seed (or one more hidden unit: see the study on the chapter's page).\n");
}

static void report_weights(const Weights *net)
{
    printf("\nFinal weights\n");
    for (int l = 0; l < 2; l++) {
        char name[16];
        snprintf(name, sizeof name, "W%d", l + 1);
        mat_print(stdout, name, &net->W[l], "%9.4f");
        snprintf(name, sizeof name, "b%d", l + 1);
        mat_print(stdout, name, &net->b[l], "%9.4f");
    }
}

void report_result(const Weights *net, const Dataset *d, const Mat *Y, double E, double E_late, double lr,
                   long epochs)
{
    report_outputs(d, Y);
    const int ok = learned(Y, &d->T);
    printf("\nFinal loss E = %.6g; %s\n", E,
           ok ? "every output is on its target's side of 0.5: learned."
              : "some outputs are on the wrong side of 0.5: not learned.");
    if (!ok)
        report_advice(net, d, Y, E, E_late, lr, epochs);
    report_weights(net);
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void report_study(double *losses, long n, long good, const char *dir)
{
    qsort(losses, (size_t)n, sizeof *losses, compare_doubles);
    printf("converged %ld/%ld (%.1f%%)\n", good, n, 100.0 * good / n);
    printf("final loss E: min %.3g, 25%% %.3g, median %.3g, 75%% %.3g, max %.3g\n", losses[0], losses[n / 4],
           losses[n / 2], losses[(3 * n) / 4 < n ? (3 * n) / 4 : n - 1], losses[n - 1]);
    printf("File: %s/study.csv (seed, learned 0/1, final loss)\n", dir);
}

// ----------------------------------------------------------------------------
// the plots of the plane

/* Each hidden unit's line w1j x1 + w2j x2 + b1j = 0, where it switches half on. */
static void write_hidden_lines(FILE *f, const Weights *net, double lo, double hi)
{
    for (int j = 0; j < net->W[0].cols; j++) {
        const double w1 = mat_get(&net->W[0], 0, j), w2 = mat_get(&net->W[0], 1, j);
        const double b = mat_get(&net->b[0], 0, j);
        double seg[4];
        if (plot_line_in_box(w1, w2, b, lo, hi, seg))
            fprintf(f, "%d,%.17g,%.17g,%.17g,%.9g,%.9g,%.9g,%.9g\n", j + 1, w1, w2, b, seg[0], seg[1], seg[2],
                    seg[3]);
    }
}

void write_plot_files(const char *dir, const Weights *net, const Dataset *d, const Mat *Y)
{
    double lo, hi;
    plot_view(d, &lo, &hi);
    FILE *f = cli_open(dir, "grid.dat", NULL);
    write_grid(f, net, GRID, lo, hi);
    cli_done(f);
    f = cli_open(dir, "hidden.csv", "unit,w1,w2,b,xa,ya,xb,yb");
    write_hidden_lines(f, net, lo, hi);
    cli_done(f);
    f = cli_open(dir, "samples.csv", "x1,x2,t,y");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0), mat_get(&d->X, k, 1), mat_get(&d->T, k, 0),
                mat_get(Y, k, 0));
    cli_done(f);
}
