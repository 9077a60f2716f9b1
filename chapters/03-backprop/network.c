/**
 * @file network.c
 * @brief The network of chapter 03: allocation, initialisation, the passes through all layers.
 */
#include "network.h"

#include <math.h>

#include "backprop.h"

double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

Cache cache_new(int N, const Weights *net)
{
    Cache c = {.L = net->n_layers};
    for (int l = 0; l < c.L; l++) {
        const int units = net->W[l].cols;
        c.Z[l] = mat_new(N, units);
        c.A[l] = mat_new(N, units);
        c.dA[l] = mat_new(N, units);
    }
    return c;
}

void cache_free(Cache *c)
{
    for (int l = 0; l < c->L; l++) {
        mat_free(&c->Z[l]);
        mat_free(&c->A[l]);
        mat_free(&c->dA[l]);
    }
    c->L = 0;
}

//! [net_forward]
const Mat *net_forward(const Weights *net, const Mat *X, Cache *c)
{
    assert(c->L == net->n_layers);
    for (int l = 0; l < net->n_layers; l++) {
        const Mat *A_prev = l == 0 ? X : &c->A[l - 1];   // A_0 = X
        layer_forward(&c->Z[l], &c->A[l], A_prev, &net->W[l], &net->b[l]);
    }
    return &c->A[net->n_layers - 1];                     // Y = A_L
}
//! [net_forward]

//! [net_loss]
double net_loss(const Mat *Y, const Mat *T)
{
    // A compensated (Kahan-Babuska-Neumaier) sum: `lost` collects the low-order
    // bits each addition rounds away. Training would not notice them, but the
    // gradient check subtracts two losses that agree in their first ten digits,
    // and a plain sum of N terms carries about sqrt(N) roundings of E into it.
    double E = 0.0, lost = 0.0;
    for (size_t i = 0; i < mat_size(Y); i++) {
        const double e = Y->data[i] - T->data[i], term = 0.5 * e * e, sum = E + term;
        lost += fabs(E) >= fabs(term) ? (E - sum) + term : (term - sum) + E;
        E = sum;
    }
    return E + lost;
}
//! [net_loss]

//! [net_backward]
void net_backward(const Weights *net, const Mat *X, const Mat *T, Cache *c, Weights *grad)
{
    const int L = net->n_layers;
    mat_sub(&c->dA[L - 1], &c->A[L - 1], T);             // dE/dY = Y - T
    for (int l = L - 1; l >= 0; l--) {                   // from the output back to the input
        const Mat *A_prev = l == 0 ? X : &c->A[l - 1];
        Mat *dA_prev = l == 0 ? NULL : &c->dA[l - 1];    // nothing to send back past X
        layer_backward(dA_prev, &grad->W[l], &grad->b[l], &c->dA[l], A_prev, &net->W[l], &c->A[l]);
    }
}
//! [net_backward]

double net_train_step(Weights *net, const Mat *X, const Mat *T, double lr, Cache *c, Weights *grad)
{
    const double E = net_loss(net_forward(net, X, c), T);
    net_backward(net, X, T, c, grad);
    for (int l = 0; l < net->n_layers; l++) {
        mat_add_scaled(&net->W[l], &net->W[l], -lr, &grad->W[l]);
        mat_add_scaled(&net->b[l], &net->b[l], -lr, &grad->b[l]);
    }
    return E;
}
