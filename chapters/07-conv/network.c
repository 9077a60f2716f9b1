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
    c.img[0] = take(most, sizeof(double));
    c.img[1] = take(most, sizeof(double));
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
    free(c->grad[0]), free(c->grad[1]), free(c->img[0]), free(c->img[1]), free(c->cols), free(c->dcols);
}

int cache_gather(Cache *c, const ImageSet *s, const int *order, int start, int B, int *labels)
{
    Mat X = {c->capacity, s->rows * s->cols, c->act[0]};
    return idx_gather(s, order, start, B, &X, labels).rows;
}

// ----------------------------------------------------------------------------
// each layer's forward pass beside its backward pass: a convolution or a pooling layer on one
// image, a fully connected layer on a batch of B; x is the layer's input, y its output,
// dy = dE/dy, dx = dE/dx

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

// One image: its columns (cols) and their product, then its ReLU.
static void conv_forward(const Layer *L, const Mat *K, const Mat *b, const double *x, double *cols, double *y,
                         int direct)
{
    if (direct)                                 // the definition
        conv_forward_direct(&L->conv, x, K->data, b->data, y);
    else
        conv_forward_im2col(&L->conv, x, K->data, b->data, cols, y);
    relu(L, y, (size_t)L->out_c * L->out_h * L->out_w);
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

// One image: relu', then dK (+)= dy cols^T, db (+)= the sum of dy over positions, dx = col2im(K^T dy);
// the first image of a batch sets dK and db, the others add to them. The columns are unfolded again
// rather than kept from the forward pass: a batch's would fill megabytes (11 MB for the default
// network's 64 images), more than the caches hold, and unfolding an image again is quicker than
// fetching its columns back from memory.
static void conv_backward(const Layer *L, const Mat *K, const double *x, const double *y, double *dy, double *dx,
                          Mat *dK, Mat *db, double *cols, double *dcols, int first)
{
    const int O = L->out_c, CKK = K->cols, HW = L->out_h * L->out_w;
    relu_backward(L, y, dy, (size_t)O * HW);
    im2col(&L->conv, x, cols);
    // O x Ckk (+)= (O x HW)(HW x Ckk): cols^T read through its strides
    gemm_f64(O, CKK, HW, dy, HW, 1, cols, 1, HW, dK->data, CKK, !first);
    for (int o = 0; o < O; o++)
        db->data[o] = (first ? 0 : db->data[o]) + sum(dy + (size_t)o * HW, HW);
    if (dx)
        conv_backward_input(&L->conv, K->data, dy, dcols, dx);
}
//! [conv_layer]

//! [pool_layer]
// One image.
static void pool_forward(const Layer *L, const double *x, int *argmax, double *y)
{
    maxpool_forward(L->in_c, L->in_h, L->in_w, x, y, argmax);
}

static void pool_backward(const Layer *L, const int *argmax, const double *dy, double *dx)
{
    if (dx)
        maxpool_backward(L->in_c, L->in_h, L->in_w, dy, argmax, dx);
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
// Layers [l, end) of image s, none of them fully connected.
static void image_forward(const Arch *a, const Weights *w, Cache *c, int l, int end, int s, int direct)
{
    for (; l < end; l++) {
        const Layer *L = &a->layer[l];
        const double *x = c->act[l] + (size_t)s * arch_size(a, l - 1);
        double *y = c->act[l + 1] + (size_t)s * arch_size(a, l);
        if (L->kind == LAYER_CONV)              // with its ReLU
            conv_forward(L, &w->W[L->param], &w->b[L->param], x, c->cols, y, direct);
        else
            pool_forward(L, x, c->argmax[l] + (size_t)s * arch_size(a, l), y);
    }
}

// A fully connected layer works on the batch, one product; a run of convolutions and pooling
// works image by image, every layer of the run on one image before the next image: an image's
// numbers (a few hundred kilobytes at most) then stay in the cache from one layer to the next.
const double *net_forward(const Arch *a, const Weights *w, Cache *c, int B, int direct)
{
    for (int l = 0; l < a->n;) {
        const Layer *L = &a->layer[l];
        if (L->kind == LAYER_FC) {
            fc_forward(L, &w->W[L->param], &w->b[L->param], c->act[l], c->act[l + 1], B);
            l++;
            continue;
        }
        int end = l;                            // the run: up to the next fully connected layer
        while (a->layer[end].kind != LAYER_FC)  // (the last layer is one)
            end++;
        for (int s = 0; s < B; s++)
            image_forward(a, w, c, l, end, s, direct);
        l = end;
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
// Layers end, end - 1, ..., start of image s, none of them fully connected: from dy, dE/d(layer
// end's output), to dx, dE/d(layer start's input) (not wanted when dx is NULL), through the two
// one-image arrays c->img.
static void image_backward(const Arch *a, const Weights *w, Cache *c, int start, int end, int s, double *dy,
                           double *dx, Weights *g)
{
    for (int l = end; l >= start; l--) {
        const Layer *L = &a->layer[l];
        const double *x = c->act[l] + (size_t)s * arch_size(a, l - 1), *y = c->act[l + 1] + (size_t)s * arch_size(a, l);
        double *to = l > start ? (dy == c->img[0] ? c->img[1] : c->img[0]) : dx;
        if (L->kind == LAYER_CONV)              // through its ReLU first
            conv_backward(L, &w->W[L->param], x, y, dy, to, &g->W[L->param], &g->b[L->param], c->cols, c->dcols,
                          s == 0);
        else
            pool_backward(L, c->argmax[l] + (size_t)s * arch_size(a, l), dy, to);
        dy = to;
    }
}

// The layers back from the output, in the runs of net_forward(); dy and dx are the batch's gradients
// at a layer's output and input.
void net_backward(const Arch *a, const Weights *w, Cache *c, int B, const double *dZ, Weights *g)
{
    double *dy = c->grad[0], *dx = c->grad[1];
    memcpy(dy, dZ, sizeof(double) * (size_t)B * arch_size(a, a->n - 1));
    for (int l = a->n - 1; l >= 0;) {
        const Layer *L = &a->layer[l];
        int start = l;
        if (L->kind == LAYER_FC) {              // the input image needs no gradient
            fc_backward(L, &w->W[L->param], c->act[l], c->act[l + 1], dy, l > 0 ? dx : NULL, &g->W[L->param],
                        &g->b[L->param], B);
        } else {
            while (start > 0 && a->layer[start - 1].kind != LAYER_FC)
                start--;
            for (int s = 0; s < B; s++)
                image_backward(a, w, c, start, l, s, dy + (size_t)s * arch_size(a, l),
                               start > 0 ? dx + (size_t)s * arch_size(a, start - 1) : NULL, g);
        }
        double *t = dy;
        dy = dx, dx = t;
        l = start - 1;
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
