/**
 * @file chapters/03-backprop/report.c
 * @brief Chapter 03's gradient-check table, epsilon study, and plot files.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>

#include "../../common/cli.h"
#include "../../common/plotdata.h"
#include "network.h"

#define GRID 101            // the boundary plot's grid: GRID x GRID points

void report_check(const Weights *net, const LayerCheck *layers, double E, double eps, double tiny, double worst)
{
    printf("Gradient check: backprop against central differences, eps %g, every parameter\n", eps);
    printf("(E = %.4g; relative errors floored at %.2g, the rounding noise of the differences)\n", E, tiny);
    printf("  %5s  %8s  %18s  %18s\n", "layer", "params", "worst rel. err. W", "worst rel. err. b");
    for (int l = 0; l < net->n_layers; l++)
        printf("  %5d  %8zu  %18.2e  %18.2e\n", l + 1, mat_size(&net->W[l]) + mat_size(&net->b[l]),
               layers[l].worst_W, layers[l].worst_b);
    const int ok = worst < GRADCHECK_LIMIT;
    printf("verdict: %s: the worst relative error %.2e is %s %g\n\n", ok ? "PASSED" : "FAILED", worst,
           ok ? "below" : "not below", GRADCHECK_LIMIT);
}

/* Share of samples whose every output is on its target's side of 0.5. */
static double accuracy(const Weights *net, const Dataset *d)
{
    Cache c = cache_new(d->n, net);
    const Mat *Y = net_forward(net, &d->X, &c);
    int right = 0;
    for (int k = 0; k < d->n; k++) {
        int ok = 1;
        for (int j = 0; j < d->n_out; j++)
            ok = ok && (mat_get(Y, k, j) > 0.5) == (mat_get(&d->T, k, j) > 0.5);
        right += ok;
    }
    cache_free(&c);
    return (double)right / d->n;
}

void report_result(const Weights *net, const Dataset *d, double E)
{
    printf("Final loss E = %.6g; %.1f%% of the samples on their target's side of 0.5\n", E,
           100.0 * accuracy(net, d));
}

void eps_study(Weights *net, const Weights *grad, const Dataset *d, const char *dir, int quiet)
{
    FILE *f = cli_open(dir, "eps.csv", "eps,central,forward");
    if (!quiet)
        printf("Epsilon study: worst relative error over all parameters\n  %8s  %10s  %10s\n", "eps",
               "central", "forward");
    for (int k = 2; k <= 24; k++) { // eps = 10^(-k/2): 1e-1 down to 1e-12
        const double eps = pow(10.0, -k / 2.0);
        double central, forward;
        gradcheck_worst(net, grad, &d->X, &d->T, eps, &central, &forward);
        fprintf(f, "%.17g,%.17g,%.17g\n", eps, central, forward);
        if (!quiet)
            printf("  %8.1e  %10.2e  %10.2e\n", eps, central, forward);
    }
    cli_done(f);
    if (!quiet)
        printf("\n");
}

void write_plot_files(const Weights *net, const Dataset *d, const char *dir)
{
    double lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < mat_size(&d->X); i++) {
        lo = fmin(lo, d->X.data[i]);
        hi = fmax(hi, d->X.data[i]);
    }
    const double margin = 0.1 * (hi - lo);
    Mat G = mat_new(GRID * GRID, 2);
    plot_grid_inputs(&G, lo - margin, hi + margin, GRID);
    Cache c = cache_new(GRID * GRID, net);
    FILE *f = cli_open(dir, "grid.dat", NULL);
    plot_write_grid(f, &G, net_forward(net, &G, &c), GRID);
    cli_done(f);
    cache_free(&c);
    mat_free(&G);
    f = cli_open(dir, "samples.csv", "x1,x2,t");
    for (int k = 0; k < d->n; k++)
        fprintf(f, "%.17g,%.17g,%.17g\n", mat_get(&d->X, k, 0), mat_get(&d->X, k, 1), mat_get(&d->T, k, 0));
    cli_done(f);
}
