/**
 * @file chapters/07-conv/check.c
 * @brief `--check`: the backward pass against central differences, the direct convolution against im2col.
 */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/rng.h"
#include "layers.h"
#include "network.h"

#define CLASSES 10      // the checked networks end in f10, as the program's

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
    net_loss(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, dZ);
    net_backward(&a, &w, &c, B, dZ, &g);
    printf("  --arch %s on %d random %dx%dx%d images:\n", text, B, C, H, W);
    for (int l = 0; l < w.n_layers; l++) {
        double worst = 0;
        Mat *p[2] = {&w.W[l], &w.b[l]}, *q[2] = {&g.W[l], &g.b[l]};
        for (int m = 0; m < 2; m++)
            for (size_t i = 0; i < mat_size(p[m]); i++) {
                const double keep = p[m]->data[i], eps = 1e-5;
                p[m]->data[i] = keep + eps;
                const double up = net_loss(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, NULL);
                p[m]->data[i] = keep - eps;
                const double down = net_loss(net_forward(&a, &w, &c, B, 0), labels, B, CLASSES, NULL);
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

int check_network(void)
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
