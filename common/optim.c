/**
 * @file optim.c
 * @brief SGD, momentum, Adam(W), and the learning-rate schedules.
 */
#include "optim.h"

#include <math.h>

Optim optim_new(OptimKind kind)
{
    return (Optim){.kind = kind, .mu = 0.9, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8};
}

const char *optim_name(OptimKind kind)
{
    return kind == OPTIM_ADAM ? "adam" : kind == OPTIM_MOMENTUM ? "momentum" : "sgd";
}

void optim_begin(Optim *o)
{
    o->t++;
}

void optim_update(const Optim *o, double *w, const double *g, double *m, double *v, size_t n, double lr, int decay)
{
    if (decay && o->weight_decay > 0)
        for (size_t i = 0; i < n; i++)
            w[i] -= lr * o->weight_decay * w[i];        // decoupled: not through Adam's scaling
    if (o->kind == OPTIM_SGD) {
        for (size_t i = 0; i < n; i++)
            w[i] -= lr * g[i];
    } else if (o->kind == OPTIM_MOMENTUM) {
        for (size_t i = 0; i < n; i++) {
            m[i] = o->mu * m[i] + g[i];                 // a running sum of gradients, old ones fading by mu
            w[i] -= lr * m[i];
        }
    } else {
        const double c1 = 1.0 - pow(o->beta1, (double)o->t), c2 = 1.0 - pow(o->beta2, (double)o->t);
        for (size_t i = 0; i < n; i++) {
            m[i] = o->beta1 * m[i] + (1.0 - o->beta1) * g[i];           // mean of the gradient
            v[i] = o->beta2 * v[i] + (1.0 - o->beta2) * g[i] * g[i];    // mean of its square
            w[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + o->eps);
        }
    }
}

void optim_update_weights(const Optim *o, Weights *w, const Weights *g, Weights *m, Weights *v, double lr)
{
    for (int l = 0; l < w->n_layers; l++) {
        optim_update(o, w->W[l].data, g->W[l].data, m->W[l].data, v->W[l].data, mat_size(&w->W[l]), lr, 0);
        optim_update(o, w->b[l].data, g->b[l].data, m->b[l].data, v->b[l].data, mat_size(&w->b[l]), lr, 0);
    }
}

double optim_clip_global_norm(double *g, size_t n, double c)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += g[i] * g[i];
    const double norm = sqrt(sum);
    if (c > 0 && norm > c)
        for (size_t i = 0; i < n; i++)
            g[i] *= c / norm;
    return norm;
}

const char *optim_schedule_name(OptimSchedule s)
{
    return s == SCHEDULE_COSINE ? "cosine" : s == SCHEDULE_STEP ? "step" : "constant";
}

double optim_schedule(OptimSchedule s, double lr, long e, long n, long warmup)
{
    if (e < warmup)
        return lr * (double)(e + 1) / (double)warmup;
    e -= warmup, n -= warmup;
    if (s == SCHEDULE_STEP)
        return lr * (4 * e < 2 * n ? 1.0 : 4 * e < 3 * n ? 0.1 : 0.01);
    if (s == SCHEDULE_COSINE)
        return lr * 0.5 * (1.0 + cos(3.14159265358979323846 * (double)e / (double)n));
    return lr;
}
