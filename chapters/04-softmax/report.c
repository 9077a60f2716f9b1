/**
 * @file chapters/04-softmax/report.c
 * @brief Chapter 04's confusion matrix, and the mosaics of images its plots draw.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/plotdata.h"
#include "network.h"
#include "softmax.h"

#define EVAL_BATCH 1000     // samples per forward pass
#define MISTAKES 16         // test images in the mistakes plot
#define PER_CLASS 10        // training images per class in the samples plot
#define LABEL_GAP 12        // pixels between the tiles of a mosaic with labels under them

// ----------------------------------------------------------------------------
// a whole set through the network

void evaluate(const Weights *net, const ImageSet *s, Eval *e)
{
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    e->loss = 0.0;
    e->correct = 0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        const Mat *Y = net_forward(net, &Xb, &c);
        e->loss += cross_entropy(&c.logits, labels) * Xb.rows;     // the batch's mean, weighted by its size
        e->correct += count_correct(Y, labels);
        for (int k = 0; e->pred && k < Xb.rows; k++) {
            const double *y = Y->data + (size_t)k * CLASSES;
            int best = 0;
            for (int j = 1; j < CLASSES; j++)
                best = y[j] > y[best] ? j : best;
            e->pred[start + k] = best;
            e->prob[start + k] = y[best];
        }
    }
    e->loss /= s->n;
    free(order);
    mat_free(&X);
    cache_free(&c);
}

// ----------------------------------------------------------------------------
// the report

void report_yardstick(double first, double last)
{
    const double chance = chance_loss(CLASSES);     // compared, never printed: its value is the puzzle
    const char *where = first > 1.5 * chance ? "far above" : first < 0.75 * chance ? "below" : "close to";
    printf("\nThe first batch's loss was %.4f, %s the loss of a network that cannot tell the %d classes apart\n"
           "(how much is that? the puzzle chance_loss).\n", first, where, CLASSES);
    if (last > chance)
        printf("The last epoch's loss, %.4f, is above that yardstick: the steps overshoot (lower --lr).\n", last);
}

void report_confusion(const ImageSet *s, const Eval *e, const char *const *names, int conf[CLASSES][CLASSES])
{
    memset(conf, 0, sizeof(int) * CLASSES * CLASSES);
    for (int k = 0; k < s->n; k++)
        conf[s->labels[k]][e->pred[k]]++;
    printf("\nTest accuracy: %.2f%% (%d of %d images), mean cross-entropy %.4f\n\n", 100.0 * e->correct / s->n,
           e->correct, s->n, e->loss);
    printf("Confusion matrix: a row per true class, a column per predicted class, and each class's accuracy\n");
    printf("  %-15s", "");
    for (int j = 0; j < CLASSES; j++)
        printf(" %5d", j);
    printf("  %8s\n", "accuracy");
    for (int i = 0; i < CLASSES; i++) {
        int n = 0;
        printf("  %d %-13s", i, names[i]);
        for (int j = 0; j < CLASSES; j++)
            printf(" %5d", conf[i][j]), n += conf[i][j];
        if (n)
            printf("  %7.1f%%\n", 100.0 * conf[i][i] / n);
        else
            printf("  %8s\n", "-");
    }
}

void write_confusion(const char *dir, const char *const *names, int conf[CLASSES][CLASSES])
{
    FILE *f = cli_open(dir, "confusion.csv", "true,predicted,count,true_name,predicted_name");
    for (int i = 0; i < CLASSES; i++)
        for (int j = 0; j < CLASSES; j++)
            fprintf(f, "%d,%d,%d,%s,%s\n", i, j, conf[i][j], names[i], names[j]);
    cli_done(f);
}

// ----------------------------------------------------------------------------
// images as mosaics

/* Image k of s as rows * cols doubles in buf. */
static const double *as_doubles(const ImageSet *s, int k, double *buf)
{
    Mat X = {1, s->rows * s->cols, buf};
    idx_batch(&X, s, &k);
    return buf;
}

void write_samples(const char *dir, const ImageSet *s, const char *const *names)
{
    const int D = s->rows * s->cols;
    double *buf = nn_alloc((size_t)CLASSES * PER_CLASS * D, sizeof(double), "the sample images");
    const double *tiles[CLASSES * PER_CLASS];
    int found[CLASSES] = {0};
    for (int t = 0; t < CLASSES * PER_CLASS; t++)
        tiles[t] = buf + (size_t)t * D;                 // a class with too few images keeps black tiles
    for (int k = 0; k < s->n; k++) {
        const int c = s->labels[k];
        if (found[c] < PER_CLASS)
            as_doubles(s, k, buf + (size_t)(c * PER_CLASS + found[c]++) * D);
    }
    FILE *f = cli_open(dir, "samples.dat", NULL);
    plot_write_mosaic(f, tiles, CLASSES * PER_CLASS, PER_CLASS, s->rows, s->cols, 1);
    cli_done(f);
    f = cli_open(dir, "samples.csv", "row,name");
    for (int c = 0; c < CLASSES; c++)
        fprintf(f, "%d,%s\n", c * (s->rows + 1) + s->rows / 2, names[c]);   // the middle row of the class's tiles
    cli_done(f);
    free(buf);
}

/* The (at most MISTAKES) images that e got wrong with the highest output, surest first, in pick; returns how many. */
static int surest_mistakes(const ImageSet *s, const Eval *e, int pick[MISTAKES])
{
    int n = 0;
    for (int k = 0; k < s->n; k++) {            // insertion into the sorted list, the least sure dropping out
        if (e->pred[k] == s->labels[k])
            continue;
        int at = n < MISTAKES ? n++ : MISTAKES;
        while (at > 0 && e->prob[pick[at - 1]] < e->prob[k]) {
            if (at < MISTAKES)
                pick[at] = pick[at - 1];
            at--;
        }
        if (at < MISTAKES)
            pick[at] = k;
    }
    return n;
}

void write_mistakes(const char *dir, const ImageSet *s, const Eval *e, const char *const *names)
{
    int pick[MISTAKES];
    const int n = surest_mistakes(s, e, pick);
    FILE *f = cli_open(dir, "mistakes.csv", "tile,image,x,y,true,predicted,probability");
    const int D = s->rows * s->cols, per_row = MISTAKES / 2;
    double *buf = nn_alloc((size_t)n * D, sizeof(double), "the mistaken images");
    const double *tiles[MISTAKES];
    for (int t = 0; t < n; t++) {               // x, y: under the middle of the tile, for its label
        tiles[t] = as_doubles(s, pick[t], buf + (size_t)t * D);
        fprintf(f, "%d,%d,%d,%d,%s,%s,%.4f\n", t, pick[t] + 1, (t % per_row) * (s->cols + LABEL_GAP) + s->cols / 2,
                (t / per_row) * (s->rows + LABEL_GAP) + s->rows, names[s->labels[pick[t]]], names[e->pred[pick[t]]],
                e->prob[pick[t]]);
    }
    cli_done(f);
    if (n > 0) {
        f = cli_open(dir, "mistakes.dat", NULL);
        plot_write_mosaic(f, tiles, n, per_row, s->rows, s->cols, LABEL_GAP);
        cli_done(f);
    }
    free(buf);
}

void write_templates(const char *dir, const Weights *net, const ImageSet *s, const char *const *names)
{
    const Mat *W = &net->W[0];
    double *buf = nn_alloc(mat_size(W), sizeof(double), "the templates");
    const double *tiles[CLASSES];
    for (int c = 0; c < CLASSES; c++) {         // column c of W: what each pixel adds to class c's logit
        for (int i = 0; i < W->rows; i++)
            buf[(size_t)c * W->rows + i] = mat_get(W, i, c);
        tiles[c] = buf + (size_t)c * W->rows;
    }
    FILE *f = cli_open(dir, "templates.dat", NULL);
    plot_write_mosaic(f, tiles, CLASSES, CLASSES / 2, s->rows, s->cols, LABEL_GAP);
    cli_done(f);
    f = cli_open(dir, "templates.csv", "class,x,y,name");
    for (int c = 0; c < CLASSES; c++)
        fprintf(f, "%d,%d,%d,%s\n", c, (c % 5) * (s->cols + LABEL_GAP) + s->cols / 2,
                (c / 5) * (s->rows + LABEL_GAP) + s->rows, names[c]);
    cli_done(f);
    free(buf);
}
