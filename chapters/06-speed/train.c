/**
 * @file train.c
 * @brief Chapter 06: one training loop for every product and precision.
 *
 * Written once over `real` (real.h): this file is the double trainer and,
 * included by train_float.c, the float one. Shapes, for a batch of B samples:
 * X is B x 784, W1 784 x H, Hd (hidden) B x H, W2 H x 10, Z and Y B x 10.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/matrix.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/timing.h"
#include "real.h"
#include "train.h"

typedef struct {
    int n_in, n_hidden, n_out;
    real *W1, *b1, *W2, *b2;        // the weights, in this file's precision
    real *dW1, *db1, *dW2, *db2;    // their gradients
    real *X, *Hd, *Z, *dHd;         // one batch: inputs, hidden units, logits (then dE/dZ), dE/dHd
    int capacity;                   // the most samples a batch holds
} R(Net);
typedef R(Net) Net;

static real *R(take)(size_t n, const char *what)
{
    return nn_alloc(n, sizeof(real), what);
}

static void R(to_real)(real *dst, const Mat *src)
{
    for (size_t i = 0; i < mat_size(src); i++)
        dst[i] = (real)src->data[i];
}

static void R(to_double)(Mat *dst, const real *src)
{
    for (size_t i = 0; i < mat_size(dst); i++)
        dst->data[i] = src[i];
}

static Net R(net_new)(const Weights *w, int capacity)
{
    Net n = {.n_in = w->W[0].rows, .n_hidden = w->W[0].cols, .n_out = w->W[1].cols, .capacity = capacity};
    const size_t in = n.n_in, hid = n.n_hidden, out = n.n_out, cap = capacity;
    n.W1 = R(take)(in * hid, "W1"), n.dW1 = R(take)(in * hid, "dE/dW1");
    n.b1 = R(take)(hid, "b1"), n.db1 = R(take)(hid, "dE/db1");
    n.W2 = R(take)(hid * out, "W2"), n.dW2 = R(take)(hid * out, "dE/dW2");
    n.b2 = R(take)(out, "b2"), n.db2 = R(take)(out, "dE/db2");
    n.X = R(take)(cap * in, "a batch's images"), n.Hd = R(take)(cap * hid, "a batch's hidden units");
    n.dHd = R(take)(cap * hid, "dE/dHd of a batch"), n.Z = R(take)(cap * out, "a batch's logits");
    R(to_real)(n.W1, &w->W[0]), R(to_real)(n.b1, &w->b[0]);
    R(to_real)(n.W2, &w->W[1]), R(to_real)(n.b2, &w->b[1]);
    return n;
}

static void R(net_free)(Net *n)
{
    real *all[] = { n->W1, n->b1, n->W2, n->b2, n->dW1, n->db1, n->dW2, n->db2, n->X, n->Hd, n->Z, n->dHd };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]);
}

// ----------------------------------------------------------------------------
// the one place the precision and the product are chosen

//! [product]
// C (m x n) = op(A) op(B), every matrix stored whole and row-major:
// A is m x k, or k x m when ta (then op(A) = A^T); B is k x n, or n x k when tb.
static void R(product)(const TrainConfig *c, real *C, const real *A, int ta, const real *B, int tb, int m, int n, int k)
{
#ifndef GEMM_FLOAT
    if (c->teaching) {                          // common/'s mat_mul, as chapters 01-05 use it
        Mat Cm = {m, n, C}, Am = {ta ? k : m, ta ? m : k, (double *)A}, Bm = {tb ? n : k, tb ? k : n, (double *)B};
        assert(!(ta && tb));
        if (ta)
            mat_mul_tn(&Cm, &Am, &Bm);
        else if (tb)
            mat_mul_nt(&Cm, &Am, &Bm);
        else
            mat_mul(&Cm, &Am, &Bm);
        return;
    }
#endif
    const Gemm g = {.m = m, .n = n, .k = k, .c = C, .ldc = n,
                    .a = A, .ars = ta ? 1 : k, .acs = ta ? m : 1,
                    .b = B, .brs = tb ? 1 : n, .bcs = tb ? k : 1};
    R(gemm)(c->kernel, &g);
}
//! [product]

// ----------------------------------------------------------------------------
// forward and backward, side by side

// X's rows: the batch's images, pixel / 255.
static void R(gather)(Net *n, const ImageSet *s, const int *order, int start, int B, int *labels)
{
    const int D = n->n_in;
    for (int k = 0; k < B; k++) {
        const unsigned char *px = s->pixels + (size_t)order[start + k] * D;
        for (int i = 0; i < D; i++)
            n->X[(size_t)k * D + i] = px[i] / (real)255;
        labels[k] = s->labels[order[start + k]];
    }
}

// Hd = relu(X W1 + b1), Z = Hd W2 + b2 (the logits), for the B samples in X.
static void R(forward)(const TrainConfig *c, Net *n, int B)
{
    const int H = n->n_hidden, K = n->n_out;
    R(product)(c, n->Hd, n->X, 0, n->W1, 0, B, H, n->n_in);
    for (int k = 0; k < B; k++)
        for (int j = 0; j < H; j++) {
            const real h = n->Hd[k * H + j] + n->b1[j];
            n->Hd[k * H + j] = h > 0 ? h : 0;
        }
    R(product)(c, n->Z, n->Hd, 0, n->W2, 0, B, K, H);
    for (int k = 0; k < B; k++)
        for (int j = 0; j < K; j++)
            n->Z[k * K + j] += n->b2[j];
}

// Z becomes dE/dZ = (softmax(Z) - T) / B; returns the batch's summed cross-entropy
// log sum exp(z - m) - (z_label - m), row by row, from the logits (chapter 04): never
// the log of an exponential, which underflows to 0 in float once z_label is about 104
// below the largest logit m (745 in double) and would make the loss infinite.
static double R(softmax_ce)(Net *n, int B, const int *labels)
{
    const int K = n->n_out;
    double loss = 0;
    for (int k = 0; k < B; k++) {
        real *z = n->Z + (size_t)k * K;
        real m = z[0], sum = 0;
        for (int j = 1; j < K; j++)
            m = z[j] > m ? z[j] : m;
        const real below = z[labels[k]] - m;     // <= 0: how far the true class is below the largest
        for (int j = 0; j < K; j++)
            sum += (z[j] = (real)exp(z[j] - m));
        loss += log(sum) - below;
        for (int j = 0; j < K; j++)
            z[j] = (z[j] / sum - (j == labels[k])) / B;
    }
    return loss;
}

// dW2 = Hd^T dZ, db2 = sum of dZ's rows, dHd = dZ W2^T where Hd > 0 (relu'),
// dW1 = X^T dHd, db1 = sum of dHd's rows.
static void R(backward)(const TrainConfig *c, Net *n, int B)
{
    const int D = n->n_in, H = n->n_hidden, K = n->n_out;
    R(product)(c, n->dW2, n->Hd, 1, n->Z, 0, H, K, B);
    R(product)(c, n->dHd, n->Z, 0, n->W2, 1, B, H, K);
    for (size_t i = 0; i < (size_t)B * H; i++)
        n->dHd[i] = n->Hd[i] > 0 ? n->dHd[i] : 0;
    R(product)(c, n->dW1, n->X, 1, n->dHd, 0, D, H, B);
    memset(n->db1, 0, H * sizeof(real));
    memset(n->db2, 0, K * sizeof(real));
    for (int k = 0; k < B; k++) {
        for (int j = 0; j < H; j++)
            n->db1[j] += n->dHd[k * H + j];
        for (int j = 0; j < K; j++)
            n->db2[j] += n->Z[k * K + j];
    }
}

static void R(sgd)(real *w, const real *g, size_t count, real lr)
{
    for (size_t i = 0; i < count; i++)
        w[i] -= lr * g[i];
}

static void R(update)(const TrainConfig *c, Net *n)
{
    const size_t D = n->n_in, H = n->n_hidden, K = n->n_out;
    const real lr = (real)c->lr;
    R(sgd)(n->W1, n->dW1, D * H, lr), R(sgd)(n->b1, n->db1, H, lr);
    R(sgd)(n->W2, n->dW2, H * K, lr), R(sgd)(n->b2, n->db2, K, lr);
}

// ----------------------------------------------------------------------------
// epochs

static double R(accuracy)(const TrainConfig *c, Net *n, const ImageSet *s, int *order, int *labels)
{
    const int K = n->n_out;
    long right = 0;
    for (int start = 0; start < s->n; start += n->capacity) {
        const int B = s->n - start < n->capacity ? s->n - start : n->capacity;
        R(gather)(n, s, order, start, B, labels);
        R(forward)(c, n, B);
        for (int k = 0; k < B; k++) {
            int best = 0;
            for (int j = 1; j < K; j++)
                best = n->Z[k * K + j] > n->Z[k * K + best] ? j : best;
            right += best == labels[k];
        }
    }
    return s->n ? 100.0 * right / s->n : 0;
}

void R(train)(const TrainConfig *c, Weights *w, const ImageSet *train, const ImageSet *test, EpochFn fn, void *ctx)
{
    assert(w->n_layers == 2 && !(c->teaching && sizeof(real) != sizeof(double)));
    // a batch never holds more samples than a set has (--batch 60000 on a slice of 5 images)
    const int most = train->n > test->n ? train->n : test->n, capacity = c->batch < most ? (int)c->batch : most;
    Net n = R(net_new)(w, capacity > 0 ? capacity : 1);
    int *order = idx_order(train->n), *test_order = idx_order(test->n);
    int *labels = nn_alloc((size_t)n.capacity, sizeof(int), "a batch's labels");
    Rng rng;
    rng_seed(&rng, c->seed);
    for (int e = 1; e <= c->epochs; e++) {
        if (c->shuffle)
            rng_shuffle(&rng, order, train->n);                // Fisher-Yates, as chapter 04
        char title[64];
        snprintf(title, sizeof title, "epoch %d/%ld", e, c->epochs);
        Progress bar;
        progress_start(&bar, title, train->n, c->quiet);
        double loss = 0, t0 = timing_now();
        for (int start = 0; start < train->n; start += (int)c->batch) {
            const int B = train->n - start < c->batch ? train->n - start : (int)c->batch;
            R(gather)(&n, train, order, start, B, labels);
            R(forward)(c, &n, B);
            loss += R(softmax_ce)(&n, B, labels);
            R(backward)(c, &n, B);
            R(update)(c, &n);
            progress_update(&bar, start + B);
        }
        progress_end(&bar);
        const double seconds = timing_now() - t0;
        EpochStats s = {.epoch = e, .loss = train->n ? loss / train->n : 0, .seconds = seconds,
                        .samples_per_s = train->n / (seconds > 0 ? seconds : 1e-9)};
        s.test_accuracy = R(accuracy)(c, &n, test, test_order, labels);
        fn(&s, ctx);
    }
    R(to_double)(&w->W[0], n.W1), R(to_double)(&w->b[0], n.b1);
    R(to_double)(&w->W[1], n.W2), R(to_double)(&w->b[1], n.b2);
    R(net_free)(&n);
    free(order), free(test_order), free(labels);
}
