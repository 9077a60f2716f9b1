/**
 * @file network.c
 * @brief Chapter 07's network: the --arch parser, each layer's forward pass beside its backward
 *        pass.
 */
#include "network.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "../../common/loss.h"
#include "../../common/matrix.h"
#include "layers.h"

// ----------------------------------------------------------------------------
// the architecture

// One token: cNkK or cNkKs (convolution), p2 (pooling), fN (fully connected).
static int parse_token(Layer *L, const char *tok, int len, char *err, size_t errlen)
{
    char t[32];
    snprintf(t, sizeof t, "%.*s", len, tok);
    int n = 0, k = 0, used = 0;
    char same = 0;
    memset(L, 0, sizeof *L);
    if (sscanf(t, "c%dk%d%n", &n, &k, &used) == 2 && (t[used] == '\0' || (t[used] == 's' && t[used + 1] == '\0'))) {
        same = t[used] == 's';
        if (n < 1 || n > 1024) {
            snprintf(err, errlen, "'%s': a convolution has 1 to 1024 output channels, not %d", t, n);
            return -1;
        }
        if (k < 1 || k > 15 || (same && k % 2 == 0)) {
            snprintf(err, errlen, "'%s': the kernel size must be 1 to 15%s, not %d", t,
                     same ? " and odd, to pad it the same on both sides" : "", k);
            return -1;
        }
        L->kind = LAYER_CONV, L->out_c = n, L->conv.k = k, L->conv.pad = same ? (k - 1) / 2 : 0;
        return 0;
    }
    if (strcmp(t, "p2") == 0) {
        L->kind = LAYER_POOL;
        return 0;
    }
    if (sscanf(t, "f%d%n", &n, &used) == 1 && t[used] == '\0' && t[1] >= '0' && t[1] <= '9') {
        if (n < 1 || n > 100000) {
            snprintf(err, errlen, "'%s': a fully connected layer needs 1 to 100000 outputs", t);
            return -1;
        }
        L->kind = LAYER_FC, L->out_c = n;
        return 0;
    }
    snprintf(err, errlen, "'%s' is not a layer (cNkK: a convolution with N channels of KxK kernels, cNkKs: the "
             "same padded, p2: 2x2 max-pooling, fN: fully connected)", t);
    return -1;
}

//! [arch]
int arch_parse(Arch *a, const char *text, int C, int H, int W, int classes, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    char msg[300];
    if (*text == '\0') {
        snprintf(err, errlen, "--arch is empty: give the layers, e.g. c8k3s-p2-f10");
        return -1;
    }
    for (const char *p = text;; p++) {
        const int len = (int)strcspn(p, "-");
        if (a->n == ARCH_MAX) {
            snprintf(err, errlen, "--arch: more than %d layers", ARCH_MAX);
            return -1;
        }
        Layer *L = &a->layer[a->n];
        if (len == 0 || parse_token(L, p, len, msg, sizeof msg) != 0) {
            snprintf(err, errlen, "--arch '%s': %s", text, len ? msg : "an empty layer (two '-' in a row, or one at an end)");
            return -1;
        }
        L->in_c = C, L->in_h = H, L->in_w = W, L->param = -1;
        if (L->kind == LAYER_CONV) {
            L->conv.C = C, L->conv.H = H, L->conv.W = W, L->conv.O = L->out_c;
            L->out_h = conv_out_h(&L->conv), L->out_w = conv_out_w(&L->conv);
        } else if (L->kind == LAYER_POOL) {
            L->out_c = C, L->out_h = H / 2, L->out_w = W / 2;
        } else {
            L->out_h = L->out_w = 1;
        }
        if (L->out_h < 1 || L->out_w < 1) {
            snprintf(err, errlen, "--arch '%s': '%.*s' gets %dx%d inputs and leaves nothing", text, len, p, H, W);
            return -1;
        }
        if (L->kind != LAYER_POOL)
            L->param = a->n_params++;
        L->relu = L->kind != LAYER_POOL;        // the last layer's is switched off below
        C = L->out_c, H = L->out_h, W = L->out_w;
        a->n++;
        p += len;
        if (*p == '\0')
            break;
    }
    Layer *last = &a->layer[a->n - 1];
    if (last->kind != LAYER_FC || last->out_c != classes) {
        snprintf(err, errlen, "--arch '%s': the last layer must be f%d, the output (one per class)", text, classes);
        return -1;
    }
    last->relu = 0;
    return 0;
}
//! [arch]

int arch_size(const Arch *a, int l)
{
    const Layer *L = &a->layer[l < 0 ? 0 : l];
    return l < 0 ? L->in_c * L->in_h * L->in_w : L->out_c * L->out_h * L->out_w;
}

void arch_weights(const Arch *a, Weights *w)
{
    memset(w, 0, sizeof *w);
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        if (L->param < 0)
            continue;
        const int q = L->param;
        if (L->kind == LAYER_CONV)
            w->W[q] = mat_new(L->out_c, L->in_c * L->conv.k * L->conv.k), w->kind[q] = 'K';
        else
            w->W[q] = mat_new(L->in_c * L->in_h * L->in_w, L->out_c), w->kind[q] = 'W';
        w->b[q] = mat_new(1, L->out_c);
        w->n_layers = q + 1;
    }
}

void arch_init(const Arch *a, Weights *w, Rng *rng)
{
    arch_weights(a, w);
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        if (L->param < 0)
            continue;
        Mat *K = &w->W[L->param];
        const int fan_in = L->kind == LAYER_CONV ? K->cols : K->rows;
        for (size_t i = 0; i < mat_size(K); i++)
            K->data[i] = sqrt(2.0 / fan_in) * rng_normal(rng);
    }
}

int arch_check_weights(const Arch *a, const Weights *w, char *err, size_t errlen)
{
    Weights want;
    arch_weights(a, &want);
    int rc = 0;
    if (w->n_layers != want.n_layers) {
        snprintf(err, errlen, "%d weight layers, but the --arch has %d", w->n_layers, want.n_layers);
        rc = -1;
    }
    for (int q = 0; rc == 0 && q < want.n_layers; q++) {
        const char kind = w->kind[q] ? w->kind[q] : 'W';
        if (kind != want.kind[q] || w->W[q].rows != want.W[q].rows || w->W[q].cols != want.W[q].cols) {
            snprintf(err, errlen, "layer %d is %c%d %dx%d, but the --arch wants %c%d %dx%d", q + 1, kind, q + 1,
                     w->W[q].rows, w->W[q].cols, want.kind[q], q + 1, want.W[q].rows, want.W[q].cols);
            rc = -1;
        }
    }
    weights_free(&want);
    return rc;
}

// ----------------------------------------------------------------------------
// the cache

static void *take(size_t n, size_t size)
{
    return nn_alloc(n, size, "the network's work space");
}

// Numbers in one image's im2col matrix for convolution L.
static size_t cols_size(const Layer *L) { return (size_t)L->in_c * L->conv.k * L->conv.k * L->out_h * L->out_w; }

Cache cache_new(const Arch *a, int capacity)
{
    Cache c = {.capacity = capacity};
    size_t most = (size_t)arch_size(a, -1), cols = 1;
    c.act[0] = take((size_t)capacity * arch_size(a, -1), sizeof(double));
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        c.act[l + 1] = take((size_t)capacity * arch_size(a, l), sizeof(double));
        most = (size_t)arch_size(a, l) > most ? (size_t)arch_size(a, l) : most;
        if (L->kind == LAYER_CONV)
            cols = cols_size(L) > cols ? cols_size(L) : cols;
        if (L->kind == LAYER_POOL)
            c.argmax[l] = take((size_t)capacity * arch_size(a, l), sizeof(int));
    }
    c.grad[0] = take((size_t)capacity * most, sizeof(double));
    c.grad[1] = take((size_t)capacity * most, sizeof(double));
    c.cols = take(cols, sizeof(double));
    c.dcols = take(cols, sizeof(double));
    return c;
}

void cache_free(Cache *c, const Arch *a)
{
    for (int l = 0; l <= a->n; l++)
        free(c->act[l]);
    for (int l = 0; l < a->n; l++)
        free(c->argmax[l]);
    free(c->grad[0]), free(c->grad[1]), free(c->cols), free(c->dcols);
}

int cache_gather(Cache *c, const ImageSet *s, const int *order, int start, int B, int *labels)
{
    Mat X = {c->capacity, s->rows * s->cols, c->act[0]};
    return idx_gather(s, order, start, B, &X, labels).rows;
}

// ----------------------------------------------------------------------------
// each layer's forward pass beside its backward pass, on a batch of B samples;
// x is the layer's input (B x in), y its output (B x out), dy = dE/dy, dx = dE/dx

//! [conv_layer]
// ReLU where the layer has one: y = max(y, 0) on n numbers.
static void relu(const Layer *L, double *y, size_t n)
{
    if (L->relu)
        for (size_t i = 0; i < n; i++)
            y[i] = y[i] > 0 ? y[i] : 0;
}

// ... and its backward pass, relu'(z) = 1 where the output y is positive: dy = 0 elsewhere.
static void relu_backward(const Layer *L, const double *y, double *dy, size_t n)
{
    if (L->relu)
        for (size_t i = 0; i < n; i++)
            dy[i] = y[i] > 0 ? dy[i] : 0;
}

// Image by image: its columns (cols, one image's) and product, then its ReLU, while they are in the cache.
static void conv_forward(const Layer *L, const Mat *K, const Mat *b, const double *x, double *cols, double *y,
                         int B, int direct)
{
    const size_t in = (size_t)L->in_c * L->in_h * L->in_w, out = (size_t)L->out_c * L->out_h * L->out_w;
    for (int s = 0; s < B; s++) {
        if (direct)                             // the definition
            conv_forward_direct(&L->conv, x + s * in, K->data, b->data, y + s * out);
        else
            conv_forward_im2col(&L->conv, x + s * in, K->data, b->data, cols, y + s * out);
        relu(L, y + s * out, out);
    }
}

// The sum of v[0..n), in 8 partial sums: additions that need not wait for each other's result
// (one long chain of additions runs at one every 4 cycles or so; these, several a cycle).
static double sum(const double *v, int n)
{
    double part[8] = {0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int t = 0; t < 8; t++)
            part[t] += v[i + t];
    for (; i < n; i++)
        part[0] += v[i];
    return ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
}

// Image by image: relu', then dK += dy cols^T, db += the sum of dy over positions, dx = col2im(K^T dy).
// The columns are unfolded again rather than kept from the forward pass: a batch's would fill
// megabytes (11 MB for the default network's 64 images), more than the caches hold, and one
// image's unfolding is quicker than fetching them back from memory.
static void conv_backward(const Layer *L, const Mat *K, const double *x, const double *y, double *dy, double *dx,
                          Mat *dK, Mat *db, double *cols, double *dcols, int B)
{
    const int O = L->out_c, CKK = K->cols, HW = L->out_h * L->out_w;
    const size_t in = (size_t)L->in_c * L->in_h * L->in_w;
    mat_fill(db, 0);
    for (int s = 0; s < B; s++) {
        double *d = dy + (size_t)s * O * HW;
        relu_backward(L, y + (size_t)s * O * HW, d, (size_t)O * HW);
        im2col(&L->conv, x + s * in, cols);
        // O x Ckk (+)= (O x HW)(HW x Ckk): cols^T read through its strides, the images summed in dK
        gemm_f64(O, CKK, HW, d, HW, 1, cols, 1, HW, dK->data, CKK, s > 0);
        for (int o = 0; o < O; o++)
            db->data[o] += sum(d + (size_t)o * HW, HW);
        if (dx)
            conv_backward_input(&L->conv, K->data, d, dcols, dx + s * in);
    }
}
//! [conv_layer]

//! [pool_layer]
static void pool_forward(const Layer *L, const double *x, int *argmax, double *y, int B)
{
    const size_t in = (size_t)L->in_c * L->in_h * L->in_w, out = (size_t)L->out_c * L->out_h * L->out_w;
    for (int s = 0; s < B; s++)
        maxpool_forward(L->in_c, L->in_h, L->in_w, x + s * in, y + s * out, argmax + s * out);
}

static void pool_backward(const Layer *L, const int *argmax, const double *dy, double *dx, int B)
{
    const size_t in = (size_t)L->in_c * L->in_h * L->in_w, out = (size_t)L->out_c * L->out_h * L->out_w;
    for (int s = 0; s < B; s++)
        maxpool_backward(L->in_c, L->in_h, L->in_w, dy + s * out, argmax + s * out, dx + s * in);
}
//! [pool_layer]

//! [fc_layer]
static void fc_forward(const Layer *L, const Mat *W, const Mat *b, const double *x, double *y, int B)
{
    Mat X = {B, W->rows, (double *)x}, Y = {B, L->out_c, y};
    gemm_mat(&Y, &X, 0, W, 0, 0);               // B x out = (B x in)(in x out), the input flattened (c, i, j)
    mat_add_row(&Y, &Y, b);
    relu(L, y, (size_t)B * L->out_c);
}

static void fc_backward(const Layer *L, const Mat *W, const double *x, const double *y, double *dy, double *dx,
                        Mat *dW, Mat *db, int B)
{
    relu_backward(L, y, dy, (size_t)B * L->out_c);
    Mat X = {B, W->rows, (double *)x}, D = {B, W->cols, dy};
    gemm_mat(dW, &X, 1, &D, 0, 0);              // dW = x^T dy
    mat_sum_rows(db, &D);                       // db = the sum of dy's rows
    if (dx) {
        Mat DX = {B, W->rows, dx};
        gemm_mat(&DX, &D, 0, W, 1, 0);          // dx = dy W^T
    }
}
//! [fc_layer]

// ----------------------------------------------------------------------------
// the whole network

//! [forward]
const double *net_forward(const Arch *a, const Weights *w, Cache *c, int B, int direct)
{
    for (int l = 0; l < a->n; l++) {
        const Layer *L = &a->layer[l];
        const Mat *K = L->param >= 0 ? &w->W[L->param] : NULL, *b = L->param >= 0 ? &w->b[L->param] : NULL;
        double *x = c->act[l], *y = c->act[l + 1];
        if (L->kind == LAYER_CONV)
            conv_forward(L, K, b, x, c->cols, y, B, direct);     // each with its ReLU
        else if (L->kind == LAYER_POOL)
            pool_forward(L, x, c->argmax[l], y, B);
        else
            fc_forward(L, K, b, x, y, B);
    }
    return c->act[a->n];
}
//! [forward]

double net_loss(const double *Z, const int *labels, int B, int K, double *dZ)
{
    const Mat logits = {B, K, (double *)Z};
    const double E = loss_cross_entropy(&logits, labels);
    if (dZ) {
        Mat Y = {B, K, dZ};
        loss_softmax(&Y, &logits);
        // dE/dz = (y - t) / B. Not loss_softmax_backward(), which multiplies by 1/B: for a batch
        // that is not a power of 2 (the last one of a slice, --gradients' chunks of 500) the
        // last bit of some gradients would differ from this chapter's tests and reference files.
        for (int s = 0; s < B; s++)
            for (int j = 0; j < K; j++)
                dZ[(size_t)s * K + j] = (dZ[(size_t)s * K + j] - (j == labels[s])) / B;
    }
    return E;
}

//! [backward]
void net_backward(const Arch *a, const Weights *w, Cache *c, int B, const double *dZ, Weights *g)
{
    double *dy = c->grad[0], *dx = c->grad[1];
    memcpy(dy, dZ, sizeof(double) * (size_t)B * arch_size(a, a->n - 1));
    for (int l = a->n - 1; l >= 0; l--) {
        const Layer *L = &a->layer[l];
        double *x = c->act[l], *y = c->act[l + 1];
        double *to = l > 0 ? dx : NULL;         // the input image needs no gradient
        if (L->kind == LAYER_CONV)              // each through its ReLU first
            conv_backward(L, &w->W[L->param], x, y, dy, to, &g->W[L->param], &g->b[L->param], c->cols, c->dcols, B);
        else if (L->kind == LAYER_POOL)
            pool_backward(L, c->argmax[l], dy, dx, B);
        else
            fc_backward(L, &w->W[L->param], x, y, dy, to, &g->W[L->param], &g->b[L->param], B);
        double *t = dy;
        dy = dx, dx = t;
    }
}
//! [backward]

void net_gradient_set(const Arch *a, const Weights *w, const ImageSet *s, int chunk, int direct, Weights *g)
{
    const int K = a->layer[a->n - 1].out_c;
    Weights part;
    weights_alloc_like(g, w);
    weights_alloc_like(&part, w);
    Cache c = cache_new(a, chunk);
    int *order = idx_order(s->n), *labels = nn_alloc((size_t)chunk, sizeof(int), "a chunk's labels");
    double *dZ = nn_alloc((size_t)chunk * K, sizeof(double), "the output gradients");
    for (int start = 0; start < s->n; start += chunk) {
        const int B = cache_gather(&c, s, order, start, chunk, labels);
        net_loss(net_forward(a, w, &c, B, direct), labels, B, K, dZ);
        net_backward(a, w, &c, B, dZ, &part);
        const double share = (double)B / s->n;  // this chunk's mean counts for B of the n samples
        for (int l = 0; l < w->n_layers; l++) {
            mat_add_scaled(&g->W[l], &g->W[l], share, &part.W[l]);
            mat_add_scaled(&g->b[l], &g->b[l], share, &part.b[l]);
        }
    }
    free(order), free(labels), free(dZ);
    cache_free(&c, a);
    weights_free(&part);
}
