/**
 * @file network.c
 * @brief Chapter 05's network: each layer's forward and backward pass side by side, and the optimisers.
 */
#include "network.h"

#include <math.h>
#include <string.h>

#include "../../common/loss.h"
#include "training.h"

// ----------------------------------------------------------------------------
// allocation, initialisation, names

Cache cache_new(int capacity, const Weights *net)
{
    Cache c = {.L = net->n_layers, .capacity = capacity};
    for (int l = 0; l < c.L; l++) {
        const int units = net->W[l].cols;
        c.Z[l] = mat_new(capacity, units);
        c.A[l] = mat_new(capacity, units);
        c.M[l] = mat_new(capacity, units);
        c.D[l] = mat_new(capacity, units);
        c.dZ[l] = mat_new(capacity, units);
    }
    return c;
}

void cache_free(Cache *c)
{
    for (int l = 0; l < c->L; l++) {
        mat_free(&c->Z[l]);
        mat_free(&c->A[l]);
        mat_free(&c->M[l]);
        mat_free(&c->D[l]);
        mat_free(&c->dZ[l]);
    }
    c->L = 0;
}

//! [net_init]
void net_init(Weights *net, Init init, Rng *rng)
{
    for (int l = 0; l < net->n_layers; l++) {
        Mat *W = &net->W[l];
        if (init == INIT_HE) {
            init_he(W, rng);                                    // for ReLU: the exercises' puzzle
        } else if (init == INIT_GLOROT) {
            const double a = sqrt(6.0 / (W->rows + W->cols));  // variance 2 / (n_in + n_out)
            for (size_t i = 0; i < mat_size(W); i++)
                W->data[i] = rng_range(rng, -a, a);
        } else {
            for (size_t i = 0; i < mat_size(W); i++)            // N(0, 1), whatever the layer's size
                W->data[i] = rng_normal(rng);
        }
        mat_fill(&net->b[l], 0.0);
    }
}
//! [net_init]

const char *act_name(Act act)
{
    return act == ACT_RELU ? "relu" : act == ACT_TANH ? "tanh" : "sigmoid";
}

const char *init_name(Init init)
{
    return init == INIT_HE ? "he" : init == INIT_GLOROT ? "glorot" : "normal";
}

// ----------------------------------------------------------------------------
// the pieces of a layer, each forward pass beside its backward pass

/* Z = A_prev W + b.   A_prev: B x in, W: in x out, b: 1 x out */
static void dense_forward(Mat *Z, const Mat *A_prev, const Mat *W, const Mat *b)
{
    mat_mul(Z, A_prev, W);
    mat_add_row(Z, Z, b);
}

/* dW = A_prev^T dZ + lambda W, db = sum over the batch of dZ, dA_prev = dZ W^T (unless NULL). */
static void dense_backward(Mat *dA_prev, Mat *dW, Mat *db, const Mat *dZ, const Mat *A_prev, const Mat *W,
                           double lambda)
{
    mat_mul_tn(dW, A_prev, dZ);
    if (lambda > 0.0)
        mat_add_scaled(dW, dW, lambda, W);      // d/dW of lambda/2 |W|^2
    mat_sum_rows(db, dZ);
    if (dA_prev)
        mat_mul_nt(dA_prev, dZ, W);
}

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

//! [activation]
/* A = f(Z) */
static void act_forward(Act act, Mat *A, const Mat *Z)
{
    mat_apply(A, Z, act == ACT_RELU ? relu : act == ACT_TANH ? tanh : sigmoid);
}

/* dA becomes dZ = dA * f'(Z), in place; f' from Z (ReLU) or from A = f(Z) (sigmoid, tanh) */
static void act_backward(Act act, Mat *dA, const Mat *Z, const Mat *A)
{
    for (size_t i = 0; i < mat_size(A); i++) {
        const double a = A->data[i];
        dA->data[i] *= act == ACT_RELU ? relu_slope(Z->data[i]) : act == ACT_TANH ? tanh_slope(a) : a * (1.0 - a);
    }
}
//! [activation]

//! [dropout]
/* D = A * M with a new mask M: inverted dropout, only while training */
static void dropout_forward(Mat *D, Mat *M, const Mat *A, double p, Rng *rng)
{
    dropout_mask(M, p, rng);
    mat_hadamard(D, A, M);
}

/* dD becomes dA = dD * M, in place: a dropped unit passes no gradient back */
static void dropout_backward(Mat *dD, const Mat *M)
{
    mat_hadamard(dD, dD, M);
}
//! [dropout]

// ----------------------------------------------------------------------------
// the network

/* The cache's matrices for a batch of B samples: their first B rows. */
static void batch_rows(Mat *dst, const Mat *src, int L, int B)
{
    for (int l = 0; l < L; l++)
        dst[l] = mat_rows(&src[l], 0, B);
}

//! [net_forward]
const Mat *net_forward(const Weights *net, const NetConfig *cfg, const Mat *X, Cache *c, Rng *rng)
{
    const int L = net->n_layers, B = X->rows;
    Mat Z[WEIGHTS_MAX_LAYERS] = {{0}}, A[WEIGHTS_MAX_LAYERS] = {{0}}, M[WEIGHTS_MAX_LAYERS] = {{0}},
        D[WEIGHTS_MAX_LAYERS] = {{0}};
    batch_rows(Z, c->Z, L, B), batch_rows(A, c->A, L, B), batch_rows(M, c->M, L, B), batch_rows(D, c->D, L, B);
    c->dropped = rng != NULL && cfg->dropout > 0.0;
    const Mat *in = X;                                  // what layer l sees: A_{l-1}, masked if dropping
    for (int l = 0; l < L; l++) {
        dense_forward(&Z[l], in, &net->W[l], &net->b[l]);
        if (l == L - 1) {
            loss_softmax(&A[l], &Z[l]);                 // the output: Y = softmax(Z_L) (chapter 04)
        } else {
            act_forward(cfg->act, &A[l], &Z[l]);        // hidden: A = f(Z)
            if (c->dropped)
                dropout_forward(&D[l], &M[l], &A[l], cfg->dropout, rng);
            in = c->dropped ? &D[l] : &A[l];
        }
    }
    c->Y = A[L - 1];
    c->logits = Z[L - 1];
    return &c->Y;
}
//! [net_forward]

double net_loss(const Weights *net, const NetConfig *cfg, const Cache *c, const int *labels)
{
    double E = loss_cross_entropy(&c->logits, labels);     // chapter 04's, from the logits
    if (cfg->weight_decay > 0.0) {
        double sq = 0.0;
        for (int l = 0; l < net->n_layers; l++)
            for (size_t i = 0; i < mat_size(&net->W[l]); i++)
                sq += net->W[l].data[i] * net->W[l].data[i];
        E += 0.5 * cfg->weight_decay * sq;
    }
    return E;
}

//! [net_backward]
void net_backward(const Weights *net, const NetConfig *cfg, const Mat *X, const int *labels, Cache *c,
                  Weights *grad)
{
    const int L = net->n_layers, B = X->rows;
    Mat Z[WEIGHTS_MAX_LAYERS] = {{0}}, A[WEIGHTS_MAX_LAYERS] = {{0}}, M[WEIGHTS_MAX_LAYERS] = {{0}},
        D[WEIGHTS_MAX_LAYERS] = {{0}},
        dZ[WEIGHTS_MAX_LAYERS] = {{0}};
    batch_rows(Z, c->Z, L, B), batch_rows(A, c->A, L, B), batch_rows(M, c->M, L, B), batch_rows(D, c->D, L, B);
    batch_rows(dZ, c->dZ, L, B);
    loss_softmax_backward(&dZ[L - 1], &A[L - 1], labels);          // dE/dZ_L = (Y - T) / B (chapter 04)
    for (int l = L - 1; l >= 0; l--) {
        const Mat *in = l == 0 ? X : c->dropped ? &D[l - 1] : &A[l - 1];
        Mat *d_in = l == 0 ? NULL : &dZ[l - 1];                     // dE/d(what layer l saw)
        dense_backward(d_in, &grad->W[l], &grad->b[l], &dZ[l], in, &net->W[l], cfg->weight_decay);
        if (d_in) {
            if (c->dropped)
                dropout_backward(d_in, &M[l - 1]);                  // through the mask ...
            act_backward(cfg->act, d_in, &Z[l - 1], &A[l - 1]);     // ... and the activation
        }
    }
}
//! [net_backward]

// ----------------------------------------------------------------------------
// the optimisers

Optimizer opt_new(OptKind kind, const Weights *net, double mu, double beta1, double beta2, double eps)
{
    Optimizer o = {.kind = kind, .mu = mu, .beta1 = beta1, .beta2 = beta2, .eps = eps};
    weights_alloc_like(&o.m, net);
    weights_alloc_like(&o.v, net);
    return o;
}

void opt_free(Optimizer *o)
{
    weights_free(&o->m);
    weights_free(&o->v);
}

const char *opt_name(OptKind kind)
{
    return kind == OPT_ADAM ? "adam" : kind == OPT_MOMENTUM ? "momentum" : "sgd";
}

//! [opt_step]
/* One parameter matrix: w -= the optimiser's step from its gradient g. */
static void opt_update(Optimizer *o, Mat *w, const Mat *g, Mat *m, Mat *v, double lr)
{
    const size_t n = mat_size(w);
    if (o->kind == OPT_ADAM)
        adam_step(w->data, g->data, m->data, v->data, n, lr, o->beta1, o->beta2, o->eps, o->t);
    else if (o->kind == OPT_MOMENTUM)
        momentum_step(w->data, g->data, v->data, n, lr, o->mu);
    else
        mat_add_scaled(w, w, -lr, g);                           // w -= lr g
}

void opt_step(Optimizer *o, Weights *net, const Weights *grad, double lr)
{
    o->t++;
    for (int l = 0; l < net->n_layers; l++) {
        opt_update(o, &net->W[l], &grad->W[l], &o->m.W[l], &o->v.W[l], lr);
        opt_update(o, &net->b[l], &grad->b[l], &o->m.b[l], &o->v.b[l], lr);
    }
}
//! [opt_step]

const char *schedule_name(Schedule s)
{
    return s == SCHED_COSINE ? "cosine" : s == SCHED_STEP ? "step" : "constant";
}

//! [schedule_lr]
double schedule_lr(Schedule s, double lr, long e, long epochs)
{
    if (s == SCHED_STEP)
        return lr * (4 * e < 2 * epochs ? 1.0 : 4 * e < 3 * epochs ? 0.1 : 0.01);
    if (s == SCHED_COSINE)
        return lr * 0.5 * (1.0 + cos(3.14159265358979323846 * (double)e / (double)epochs));
    return lr;
}
//! [schedule_lr]
