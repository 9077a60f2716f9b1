/**
 * @file network.c
 * @brief Chapter 04's network: each layer's forward and backward pass side by side.
 */
#include "network.h"

#include <math.h>

#include "softmax.h"

// ----------------------------------------------------------------------------
// allocation

Cache cache_new(int capacity, const Weights *net)
{
    Cache c = {.L = net->n_layers, .capacity = capacity};
    for (int l = 0; l < c.L; l++) {
        const int units = net->W[l].cols;
        c.Z[l] = mat_new(capacity, units);
        c.A[l] = mat_new(capacity, units);
        c.dZ[l] = mat_new(capacity, units);
    }
    return c;
}

void cache_free(Cache *c)
{
    for (int l = 0; l < c->L; l++) {
        mat_free(&c->Z[l]);
        mat_free(&c->A[l]);
        mat_free(&c->dZ[l]);
    }
    c->L = 0;
}

/* The cache's matrices for a batch of B samples: their first B rows. */
static void cache_batch(Cache *c, int B, Mat *Z, Mat *A, Mat *dZ)
{
    assert(B <= c->capacity);
    for (int l = 0; l < c->L; l++) {
        Z[l] = mat_rows(&c->Z[l], 0, B);
        A[l] = mat_rows(&c->A[l], 0, B);
        dZ[l] = mat_rows(&c->dZ[l], 0, B);
    }
}


// ----------------------------------------------------------------------------
// the layers, forward and backward side by side

//! [dense]
/* Z = A_prev W + b.   A_prev: B x in, W: in x out, b: 1 x out, Z: B x out */
static void dense_forward(Mat *Z, const Mat *A_prev, const Mat *W, const Mat *b)
{
    mat_mul(Z, A_prev, W);
    mat_add_row(Z, Z, b);
}

/* dW = A_prev^T dZ, db = sum over the batch of dZ, dA_prev = dZ W^T (unless NULL). */
static void dense_backward(Mat *dA_prev, Mat *dW, Mat *db, const Mat *dZ, const Mat *A_prev, const Mat *W)
{
    mat_mul_tn(dW, A_prev, dZ);
    mat_sum_rows(db, dZ);
    if (dA_prev)
        mat_mul_nt(dA_prev, dZ, W);
}
//! [dense]

//! [sigmoid]
double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

/* A = s(Z) */
static void sigmoid_forward(Mat *A, const Mat *Z)
{
    mat_apply(A, Z, sigmoid);
}

/* dZ = dA * s'(Z) = dA * A (1 - A), in place: dA comes in, dZ goes out */
static void sigmoid_backward(Mat *dA, const Mat *A)
{
    for (size_t i = 0; i < mat_size(A); i++)
        dA->data[i] *= A->data[i] * (1.0 - A->data[i]);
}
//! [sigmoid]

// ----------------------------------------------------------------------------
// the network

//! [net_forward]
const Mat *net_forward(const Weights *net, const Mat *X, Cache *c)
{
    const int L = net->n_layers;
    Mat Z[WEIGHTS_MAX_LAYERS], A[WEIGHTS_MAX_LAYERS], dZ[WEIGHTS_MAX_LAYERS];
    cache_batch(c, X->rows, Z, A, dZ);
    for (int l = 0; l < L; l++) {
        dense_forward(&Z[l], l == 0 ? X : &A[l - 1], &net->W[l], &net->b[l]);
        if (l < L - 1)
            sigmoid_forward(&A[l], &Z[l]);      // hidden layers: A = s(Z)
        else
            softmax_rows(&A[l], &Z[l]);         // the output: Y = softmax(Z)
    }
    c->Y = A[L - 1];
    c->logits = Z[L - 1];
    return &c->Y;
}
//! [net_forward]

//! [net_backward]
void net_backward(const Weights *net, const Mat *X, const int *labels, Cache *c, Weights *grad)
{
    const int L = net->n_layers;
    Mat Z[WEIGHTS_MAX_LAYERS], A[WEIGHTS_MAX_LAYERS], dZ[WEIGHTS_MAX_LAYERS];
    cache_batch(c, X->rows, Z, A, dZ);
    softmax_ce_backward(&dZ[L - 1], &A[L - 1], labels);     // dE/dZ_L = (Y - T) / B
    for (int l = L - 1; l >= 0; l--) {
        Mat *dA_prev = l == 0 ? NULL : &dZ[l - 1];          // nothing to send back past X
        dense_backward(dA_prev, &grad->W[l], &grad->b[l], &dZ[l], l == 0 ? X : &A[l - 1], &net->W[l]);
        if (dA_prev)
            sigmoid_backward(dA_prev, &A[l - 1]);           // dE/dA_{l-1} becomes dE/dZ_{l-1}
    }
}
//! [net_backward]

//! [net_sgd_step]
double net_sgd_step(Weights *net, const Mat *X, const int *labels, double lr, Cache *c, Weights *grad)
{
    net_forward(net, X, c);
    const double loss = cross_entropy(&c->logits, labels);
    net_backward(net, X, labels, c, grad);
    for (int l = 0; l < net->n_layers; l++) {
        mat_add_scaled(&net->W[l], &net->W[l], -lr, &grad->W[l]);
        mat_add_scaled(&net->b[l], &net->b[l], -lr, &grad->b[l]);
    }
    return loss;
}
//! [net_sgd_step]
