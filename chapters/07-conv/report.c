/**
 * @file chapters/07-conv/report.c
 * @brief The layer table, the per-class report, and the files chapter 07's plots read.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/plotdata.h"
#include "../../common/timing.h"
#include "layers.h"

static const char *const NAMES[CLASSES] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

// ----------------------------------------------------------------------------
// the report

void report_layers(const Arch *a, const Weights *w, const char *arch_text, const char *data)
{
    long params = 0;
    for (int l = 0; l < w->n_layers; l++)
        params += (long)mat_size(&w->W[l]) + (long)mat_size(&w->b[l]);
    printf("Chapter 07: --arch %s, %ld weights, on %s\n", arch_text, params, data);
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
}

void report_classes(const int conf[CLASSES][CLASSES])
{
    printf("\nPer class on the test set (right / all):\n");
    for (int i = 0; i < CLASSES; i++) {
        int all = 0;
        for (int j = 0; j < CLASSES; j++)
            all += conf[i][j];
        printf("  %d %-12s %5.1f%%\n", i, NAMES[i], all ? 100.0 * conf[i][i] / all : 0.0);
    }
}

// ----------------------------------------------------------------------------
// files the plots read

void write_confusion(const char *dir, const int conf[CLASSES][CLASSES])
{
    FILE *f = cli_open(dir, "confusion.csv", "true,predicted,count,true_name,predicted_name");
    for (int i = 0; i < CLASSES; i++)
        for (int j = 0; j < CLASSES; j++)
            fprintf(f, "%d,%d,%d,%s,%s\n", i, j, conf[i][j], NAMES[i], NAMES[j]);
    cli_done(f);
}

void write_filters(const char *dir, const Arch *a, const Weights *w)
{
    const Layer *L = &a->layer[0];
    if (L->kind != LAYER_CONV)
        return;
    const int O = L->out_c, k = L->conv.k, CKK = w->W[0].cols;
    const double *tiles[1024];
    for (int o = 0; o < O; o++)
        tiles[o] = w->W[0].data + (size_t)o * CKK;  // channel 0's k x k numbers come first in the row
    FILE *f = cli_open(dir, "filters.dat", NULL);
    plot_write_mosaic(f, tiles, O, O <= 8 ? O : 8, k, k, 1);
    cli_done(f);
}

void write_features(const char *dir, const Arch *a, const Weights *w, const ImageSet *s)
{
    Cache c = cache_new(a, 1);
    int order = 0, label;
    cache_gather(&c, s, &order, 0, 1, &label);
    net_forward(a, w, &c, 1, 0);
    for (int l = -1; l < a->n && l < 4; l++) {
        const Layer *L = &a->layer[l < 0 ? 0 : l];
        if (l >= 0 && L->kind == LAYER_FC)
            break;
        const int C = l < 0 ? L->in_c : L->out_c, H = l < 0 ? L->in_h : L->out_h, W = l < 0 ? L->in_w : L->out_w;
        const double *tiles[1024];
        for (int ch = 0; ch < C && ch < 1024; ch++)
            tiles[ch] = c.act[l + 1] + (size_t)ch * H * W;
        char name[32];
        snprintf(name, sizeof name, "features%d.dat", l + 1);
        FILE *f = cli_open(dir, name, NULL);
        plot_write_mosaic(f, tiles, C < 1024 ? C : 1024, C <= 8 ? C : 8, H, W, 1);
        cli_done(f);
    }
    cache_free(&c, a);
}

/* Milliseconds per image of convolution L on the n inputs x (one after another): by the definition, or by im2col. */
static double time_conv(const Layer *L, const Mat *K, const Mat *b, const double *x, double *cols, int n, int way)
{
    const size_t in = (size_t)L->in_c * L->in_h * L->in_w, out = (size_t)L->out_c * L->out_h * L->out_w;
    double *y = nn_alloc(out, sizeof(double), "a feature map");
    const double t0 = timing_now();
    for (int k = 0; k < n; k++)
        if (way == 0)
            conv_forward_direct(&L->conv, x + k * in, K->data, b->data, y);
        else
            conv_forward_im2col(&L->conv, x + k * in, K->data, b->data, cols, y);
    const double ms = 1000 * (timing_now() - t0) / n;
    free(y);
    return ms;
}

//! [speed]
// Milliseconds per image of each convolution, by its definition and by im2col,
// on `n` test images.
void write_speed(const char *dir, const Arch *a, const Weights *w, const ImageSet *s, int n, int quiet)
{
    int convs = 0;
    for (int l = 0; l < a->n; l++)
        convs += a->layer[l].kind == LAYER_CONV;
    if (convs == 0)
        return;
    FILE *f = cli_open(dir, "speed.csv", "layer,weights,direct_ms,im2col_ms");
    Cache c = cache_new(a, n);
    int *order = idx_order(s->n), *labels = nn_alloc((size_t)n, sizeof(int), "the labels");
    n = cache_gather(&c, s, order, 0, n, labels);
    net_forward(a, w, &c, n, 0);                // every layer's input, once
    if (!quiet)
        printf("\nEach convolution, milliseconds per image (%d test images):\n", n);
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        if (L->kind != LAYER_CONV)
            continue;
        const Mat *K = &w->W[L->param], *b = &w->b[L->param];
        const double direct = time_conv(L, K, b, c.act[l], c.cols, n, 0);
        const double im2col = time_conv(L, K, b, c.act[l], c.cols, n, 1);
        fprintf(f, "%d,K%d,%.5f,%.5f\n", l + 1, L->param + 1, direct, im2col);
        if (!quiet)
            printf("  layer %d (K%d), c%dk%d%s on %dx%dx%d: direct %.3f ms, im2col %.3f ms (%.1fx)\n", l + 1,
                   L->param + 1, L->out_c, L->conv.k, L->conv.pad ? "s" : "", L->in_c, L->in_h, L->in_w, direct,
                   im2col, direct / im2col);
    }
    cli_done(f);
    free(order), free(labels);
    cache_free(&c, a);
}
//! [speed]
