/**
 * @file net.c
 * @brief Chapter 09: chapter 04's forward and backward pass, on one rank's share of a batch.
 */
#include "net.h"

#include <math.h>
#include <stdlib.h>

#include "../../common/alloc.h"

/* Weights whose matrices look into flat, W1 b1 W2 b2, shaped by sizes. */
static Weights views(double *flat, int L, const int *sizes)
{
    Weights w = {.n_layers = L};
    for (int l = 0; l < L; l++) {
        w.W[l] = (Mat){sizes[l], sizes[l + 1], flat};
        flat += mat_size(&w.W[l]);
        w.b[l] = (Mat){1, sizes[l + 1], flat};
        flat += mat_size(&w.b[l]);
    }
    return w;
}

Weights net_views(const Net *net, double *flat)
{
    int sizes[3];
    for (int l = 0; l <= net->L; l++)
        sizes[l] = weights_units(&net->w, l);
    return views(flat, net->L, sizes);
}

Net net_new(int L, const int *sizes, int capacity)
{
    assert(L == 1 || L == 2);
    Net net = {.L = L, .capacity = capacity};
    for (int l = 0; l < L; l++)
        net.n += (size_t)(sizes[l] + 1) * (size_t)sizes[l + 1];
    net.params = nn_alloc(net.n, sizeof(double), "the network's parameters");
    net.grad = nn_alloc(net.n + NET_EXTRA, sizeof(double), "the network's gradient");
    net.w = views(net.params, L, sizes);
    net.g = views(net.grad, L, sizes);
    const int H = sizes[1], K = sizes[L];
    if (L == 2) {
        net.Z1 = mat_new(capacity, H), net.A1 = mat_new(capacity, H), net.dZ1 = mat_new(capacity, H);
    }
    net.Z2 = mat_new(capacity, K), net.Y = mat_new(capacity, K), net.dZ2 = mat_new(capacity, K);
    return net;
}

void net_free(Net *net)
{
    free(net->params), free(net->grad);
    mat_free(&net->Z1), mat_free(&net->A1), mat_free(&net->dZ1);
    mat_free(&net->Z2), mat_free(&net->Y), mat_free(&net->dZ2);
}

void net_set(Net *net, const Weights *from)
{
    for (int l = 0; l < net->L; l++) {
        mat_copy(&net->w.W[l], &from->W[l]);
        mat_copy(&net->w.b[l], &from->b[l]);
    }
}

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

//! [forward]
double net_forward(Net *net, const Mat *X, const int *labels, int *correct)
{
    const int n = X->rows, L = net->L;
    assert(n <= net->capacity);
    Mat Z1 = mat_rows(&net->Z1, 0, L == 2 ? n : 0), A1 = mat_rows(&net->A1, 0, L == 2 ? n : 0);
    Mat Z2 = mat_rows(&net->Z2, 0, n), Y = mat_rows(&net->Y, 0, n);
    const Mat *A = X;
    if (L == 2) {
        mat_mul(&Z1, X, &net->w.W[0]);              // Z1 = X W1 + b1, A1 = s(Z1)
        mat_add_row(&Z1, &Z1, &net->w.b[0]);
        mat_apply(&A1, &Z1, sigmoid);
        A = &A1;
    }
    mat_mul(&Z2, A, &net->w.W[L - 1]);              // the logits Z2 = A W + b
    mat_add_row(&Z2, &Z2, &net->w.b[L - 1]);
    double loss = 0.0;
    for (int k = 0; k < n; k++) {                   // softmax, cross-entropy, right answers
        const double *z = Z2.data + (size_t)k * Z2.cols;
        double *y = Y.data + (size_t)k * Y.cols, m = z[0], sum = 0.0;
        int best = 0;
        for (int j = 1; j < Z2.cols; j++)
            m = fmax(m, z[j]), best = z[j] > z[best] ? j : best;
        for (int j = 0; j < Z2.cols; j++)
            sum += y[j] = exp(z[j] - m);
        for (int j = 0; j < Z2.cols; j++)
            y[j] /= sum;
        loss += m + log(sum) - z[labels[k]];        // -log y_c
        *correct += best == labels[k];
    }
    return loss;
}
//! [forward]

//! [backward]
void net_backward(Net *net, const Mat *X, const int *labels)
{
    const int n = X->rows, L = net->L;
    Mat dZ2 = mat_rows(&net->dZ2, 0, n), Y = mat_rows(&net->Y, 0, n);
    for (int k = 0; k < n; k++)                     // dZ2 = Y - T: each row's own gradient, summed below
        for (int j = 0; j < Y.cols; j++)
            dZ2.data[(size_t)k * Y.cols + j] = Y.data[(size_t)k * Y.cols + j] - (j == labels[k]);
    const Mat *A = X;
    Mat A1 = mat_rows(&net->A1, 0, L == 2 ? n : 0), dZ1 = mat_rows(&net->dZ1, 0, L == 2 ? n : 0);
    if (L == 2)
        A = &A1;
    mat_mul_tn(&net->g.W[L - 1], A, &dZ2);          // dW = A^T dZ2, db = sum of dZ2's rows
    mat_sum_rows(&net->g.b[L - 1], &dZ2);
    if (L == 2) {
        mat_mul_nt(&dZ1, &dZ2, &net->w.W[1]);       // dA1 = dZ2 W2^T, then dZ1 = dA1 * s'(Z1)
        for (size_t i = 0; i < mat_size(&dZ1); i++)
            dZ1.data[i] *= A1.data[i] * (1.0 - A1.data[i]);
        mat_mul_tn(&net->g.W[0], X, &dZ1);          // dW1 = X^T dZ1, db1 = sum of dZ1's rows
        mat_sum_rows(&net->g.b[0], &dZ1);
    }
}
//! [backward]
