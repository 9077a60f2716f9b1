/**
 * @file chapters/05-training/sets.c
 * @brief Chapter 05's training, validation and test sets, and passes over a whole set.
 */
#include "sets.h"

#include <math.h>
#include <stdlib.h>

#include "../../common/cli.h"
#include "../../common/loss.h"
#include "../../common/run.h"

#define EVAL_BATCH 1000     // samples per forward pass

/* The last n images of s as a set of their own (sharing s's memory); s keeps the rest. */
static ImageSet split_off(ImageSet *s, long n)
{
    if (n >= s->n)
        cli_fail(EXIT_USAGE, "--val %ld leaves no training images (there are %d)", n, s->n);
    const int D = s->rows * s->cols, keep = s->n - (int)n;
    ImageSet v = {.n = (int)n, .rows = s->rows, .cols = s->cols, .pixels = s->pixels + (size_t)keep * D,
                  .labels = s->labels + keep};
    s->n = keep;
    return v;
}

void sets_load(Sets *d, const char *dir, long train_limit, long test_limit, long val, int with_test)
{
    *d = (Sets){0};
    if (with_test)
        run_load_train_test(&d->train, &d->test, dir, train_limit, test_limit, CLASSES, PIXELS);
    else
        run_load_images(&d->train, dir, "train", train_limit, CLASSES, PIXELS);
    if (val)
        d->val = split_off(&d->train, val);
}

void sets_free(Sets *d)
{
    d->train.n += d->val.n;         // the training set owns the validation images' memory too
    idx_free_set(&d->train);
    idx_free_set(&d->test);
}

Eval evaluate(const Weights *net, const NetConfig *cfg, const ImageSet *s)
{
    const NetConfig data_loss = {.act = cfg->act};      // no dropout, no decay term: what the network predicts
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH], right = 0;
    double loss = 0.0;
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        const Mat *Y = net_forward(net, &data_loss, &Xb, &c, NULL);
        loss += net_loss(net, &data_loss, &c, labels) * Xb.rows;      // the batch's mean, weighted by its size
        right += loss_count_correct(Y, labels);
    }
    free(order);
    mat_free(&X);
    cache_free(&c);
    return (Eval){loss / s->n, 100.0 * right / s->n};
}

void gradient_over(const Weights *net, const NetConfig *cfg, const ImageSet *s, int n, Weights *total)
{
    Weights grad;
    weights_alloc_like(&grad, net);
    Cache c = cache_new(EVAL_BATCH, net);
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    ImageSet first = *s;
    first.n = n > 0 && n < s->n ? n : s->n;
    for (int l = 0; l < net->n_layers; l++)
        mat_fill(&total->W[l], 0.0), mat_fill(&total->b[l], 0.0);
    for (int start = 0; start < first.n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(&first, order, start, EVAL_BATCH, &X, labels);
        net_forward(net, cfg, &Xb, &c, NULL);
        net_backward(net, cfg, &Xb, labels, &c, &grad);
        const double share = (double)Xb.rows / first.n;    // the mean over all = weighted mean of chunks
        for (int l = 0; l < net->n_layers; l++) {
            mat_add_scaled(&total->W[l], &total->W[l], share, &grad.W[l]);
            mat_add_scaled(&total->b[l], &total->b[l], share, &grad.b[l]);
        }
    }
    free(order);
    mat_free(&X);
    cache_free(&c);
    weights_free(&grad);
}

/* The Frobenius norm: the square root of the sum of the squares of the elements. */
static double norm(const Mat *m)
{
    double sq = 0.0;
    for (size_t i = 0; i < mat_size(m); i++)
        sq += m->data[i] * m->data[i];
    return sqrt(sq);
}

void gradient_norms(const Weights *net, const NetConfig *cfg, const ImageSet *s, double *norms)
{
    Weights g;
    weights_alloc_like(&g, net);
    gradient_over(net, cfg, s, EVAL_BATCH, &g);
    for (int l = 0; l < net->n_layers; l++)
        norms[l] = norm(&g.W[l]);
    weights_free(&g);
}
