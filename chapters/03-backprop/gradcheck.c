/**
 * @file gradcheck.c
 * @brief Every parameter nudged both ways: the gradient check and the epsilon study.
 */
#include "gradcheck.h"

#include <float.h>
#include <math.h>

#include "backprop.h"

double gradcheck_tiny(double E, double eps)
{
    return 10.0 * DBL_EPSILON * fmax(fabs(E), 1.0) / eps / GRADCHECK_LIMIT;
}

double forward_difference(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c)
{
    const double keep = p->data[i];
    const double here = net_loss(net_forward(net, X, c), T);
    p->data[i] = keep + eps;
    const double up = net_loss(net_forward(net, X, c), T);
    p->data[i] = keep;
    return (up - here) / eps;
}

/* Visit every parameter: fn(layer, is_bias, matrix, its gradient matrix, index, ctx). */
static void each_parameter(Weights *net, const Weights *grad,
                           void (*fn)(int, int, Mat *, const Mat *, size_t, void *), void *ctx)
{
    for (int l = 0; l < net->n_layers; l++) {
        for (size_t i = 0; i < mat_size(&net->W[l]); i++)
            fn(l, 0, &net->W[l], &grad->W[l], i, ctx);
        for (size_t i = 0; i < mat_size(&net->b[l]); i++)
            fn(l, 1, &net->b[l], &grad->b[l], i, ctx);
    }
}

typedef struct {
    Weights *net;
    const Mat *X, *T;
    Cache c;
    double eps, tiny, worst, worst_forward;
    LayerCheck *layers;
} Check;

//! [check_one]
static void check_one(int l, int is_bias, Mat *p, const Mat *g, size_t i, void *ctx)
{
    Check *k = ctx;
    const double n = numerical_gradient(k->net, p, i, k->eps, k->X, k->T, &k->c);
    const double r = relative_error(g->data[i], n, k->tiny);
    if (k->layers) {
        LayerCheck *lc = &k->layers[l];
        double *worst = is_bias ? &lc->worst_b : &lc->worst_W;
        if (r > *worst) {
            *worst = r;
            *(is_bias ? &lc->at_b : &lc->at_W) = i;
        }
    }
    if (r > k->worst)
        k->worst = r;
}
//! [check_one]

static void check_one_forward(int l, int is_bias, Mat *p, const Mat *g, size_t i, void *ctx)
{
    (void)l, (void)is_bias;
    Check *k = ctx;
    const double n = forward_difference(k->net, p, i, k->eps, k->X, k->T, &k->c);
    const double r = relative_error(g->data[i], n, k->tiny);
    if (r > k->worst_forward)
        k->worst_forward = r;
}

double gradcheck(Weights *net, const Weights *grad, const Mat *X, const Mat *T, double eps,
                 double tiny, LayerCheck *layers)
{
    Check k = {.net = net, .X = X, .T = T, .c = cache_new(X->rows, net), .eps = eps, .tiny = tiny,
               .layers = layers};
    for (int l = 0; l < net->n_layers; l++)
        layers[l] = (LayerCheck){0};
    each_parameter(net, grad, check_one, &k);
    cache_free(&k.c);
    return k.worst;
}

void gradcheck_worst(Weights *net, const Weights *grad, const Mat *X, const Mat *T, double eps,
                     double *central, double *forward)
{
    Check k = {.net = net, .X = X, .T = T, .c = cache_new(X->rows, net), .eps = eps,
               .tiny = GRADCHECK_TINY};
    each_parameter(net, grad, check_one, &k);
    each_parameter(net, grad, check_one_forward, &k);
    cache_free(&k.c);
    *central = k.worst;
    *forward = k.worst_forward;
}
