/**
 * @file chapters/01-perceptron/report.c
 * @brief Chapter 01's epoch table, on stdout and in epochs.csv, and the files its plots read.
 */
#include "report.h"

#include "../../common/cli.h"
#include "../../common/plotdata.h"

/** Plots show the square [-PLOT_HALF, PLOT_HALF]^2 around the bipolar data. */
#define PLOT_HALF 2.0

// ----------------------------------------------------------------------------
// stdout

void report_data(const Dataset *d)
{
    printf("Data (%d samples)\n", d->n);
    for (int j = 0; j < d->n_in + 1; j++)
        printf("  %7s", d->names[j]);
    printf("\n");
    for (int k = 0; k < d->n; k++) {
        for (int i = 0; i < d->n_in; i++)
            printf("  %7.4g", mat_get(&d->X, k, i));
        printf("  %7.4g\n", mat_get(&d->T, k, 0));
    }
}

void report_weights(const char *title, const Perceptron *p)
{
    printf("%s:", title);
    for (int i = 0; i < p->n; i++)
        printf("  W%d = %.6g", i + 1, p->w[i]);
    printf("  b = %.6g\n", p->b);
}

void report_epoch_header(long epoch, int n)
{
    printf("\nEpoch %ld\n", epoch);
    for (int i = 1; i <= n; i++)
        printf("  %6s%d", "X", i);
    printf("  %7s  %7s  %7s", "T", "yin", "Y");
    for (int i = 1; i <= n; i++)
        printf("  %6s%d", "W", i);
    printf("  %7s", "b");
    for (int i = 1; i <= n; i++)
        printf("  %3s%d", "delW", i);
    printf("  %7s\n", "delb");
}

void report_row(const Row *r, const Perceptron *p)
{
    const int n = p->n;
    for (int i = 0; i < n; i++)
        printf("  %7.4g", r->x[i]);
    printf("  %7.4g  %7.4g  %7.4g", r->t, r->y_in, r->y);
    for (int i = 0; i < n; i++)
        printf("  %7.4g", p->w[i]);
    printf("  %7.4g", p->b);
    for (int i = 0; i < n; i++)
        printf("  %7.4g", r->dw[i]);
    printf("  %7.4g\n", r->db);
}

// ----------------------------------------------------------------------------
// files

static void csv_names(FILE *f, const char *prefix, int n)
{
    for (int i = 1; i <= n; i++)
        fprintf(f, ",%s%d", prefix, i);
}

/* One decision line w1 x1 + w2 x2 + b = 0 clipped to the plot: to lines.csv
   (tag = epoch) or updates.csv (tag = frame, with the sample that moved it).
   A line that misses the view is written with shown = 0 (and zero end points). */
static void write_line(FILE *f, long tag, const double *prefix, int nprefix, const Perceptron *p)
{
    if (!f)
        return; // only a 2-D line can be drawn
    double seg[4] = {0, 0, 0, 0};
    const int shown = plot_line_in_box(p->w[0], p->w[1], p->b, -PLOT_HALF, PLOT_HALF, seg);
    fprintf(f, "%ld", tag);
    for (int i = 0; i < nprefix; i++)
        fprintf(f, ",%.17g", prefix[i]);
    fprintf(f, ",%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d\n", p->w[0], p->w[1], p->b, seg[0],
            seg[1], seg[2], seg[3], shown);
}

void trace_open(Trace *t, const char *dir, const Perceptron *p)
{
    const int n = p->n;
    *t = (Trace){.epochs = cli_open(dir, "epochs.csv", NULL)};
    t->errors = cli_open(dir, "errors.csv", "epoch,errors");
    fprintf(t->epochs, "epoch");
    csv_names(t->epochs, "X", n);
    fprintf(t->epochs, ",T,yin,Y");
    csv_names(t->epochs, "W", n);
    fprintf(t->epochs, ",b");
    csv_names(t->epochs, "delW", n);
    fprintf(t->epochs, ",delb\n");
    if (n != 2)
        return;
    t->lines = cli_open(dir, "lines.csv", "epoch,w1,w2,b,xa,ya,xb,yb,shown");
    t->updates = cli_open(dir, "updates.csv", "frame,epoch,x1,x2,t,w1,w2,b,xa,ya,xb,yb,shown");
    write_line(t->lines, 0, NULL, 0, p);
    const double start[] = {0, 0, 0, 0};
    write_line(t->updates, 0, start, 4, p);
}

void trace_row(Trace *t, long epoch, const Row *r, const Perceptron *p)
{
    const int n = p->n;
    fprintf(t->epochs, "%ld", epoch);
    for (int i = 0; i < n; i++)
        fprintf(t->epochs, ",%.17g", r->x[i]);
    fprintf(t->epochs, ",%.17g,%.17g,%.17g", r->t, r->y_in, r->y);
    for (int i = 0; i < n; i++)
        fprintf(t->epochs, ",%.17g", p->w[i]);
    fprintf(t->epochs, ",%.17g", p->b);
    for (int i = 0; i < n; i++)
        fprintf(t->epochs, ",%.17g", r->dw[i]);
    fprintf(t->epochs, ",%.17g\n", r->db);
}

void trace_update(Trace *t, long epoch, const Row *r, const Perceptron *p)
{
    const double moved[] = {epoch, r->x[0], p->n > 1 ? r->x[1] : 0.0, r->t};
    write_line(t->updates, ++t->frame, moved, 4, p);
}

void trace_epoch(Trace *t, long epoch, int errors, const Perceptron *p)
{
    fprintf(t->errors, "%ld,%d\n", epoch, errors);
    write_line(t->lines, epoch, NULL, 0, p);
}

void trace_close(Trace *t)
{
    cli_done(t->epochs);
    cli_done(t->errors);
    if (t->lines) {
        cli_done(t->lines);
        cli_done(t->updates);
    }
}

void write_samples(const Dataset *d, const char *dir)
{
    FILE *f = cli_open(dir, "samples.csv", "x1,x2,t");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0), d->n_in > 1 ? mat_get(&d->X, k, 1) : 0.0,
                mat_get(&d->T, k, 0));
    cli_done(f);
}
