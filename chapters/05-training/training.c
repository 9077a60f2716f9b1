/**
 * @file training.c
 * @brief Chapter 05's reference implementation of its exercises.
 */
#include "training.h"

#include <math.h>

//! [relu]
double relu(double z)
{
    return z > 0.0 ? z : 0.0;
}

double relu_slope(double z)
{
    return z > 0.0 ? 1.0 : 0.0;
}
//! [relu]

//! [tanh_slope]
double tanh_slope(double a)
{
    return 1.0 - a * a;         // d tanh z / dz = 1 - tanh^2 z
}
//! [tanh_slope]

//! [he]
double he_std(int fan_in)
{
    return sqrt(2.0 / fan_in);  // Var(z) = fan_in Var(w) E[a^2], and E[a^2] = Var(z_prev) / 2 for ReLU
}

void init_he(Mat *W, Rng *rng)
{
    const double sd = he_std(W->rows);
    for (size_t i = 0; i < mat_size(W); i++)
        W->data[i] = sd * rng_normal(rng);
}
//! [he]

//! [momentum_step]
void momentum_step(double *w, const double *g, double *v, size_t n, double lr, double mu)
{
    for (size_t i = 0; i < n; i++) {
        v[i] = mu * v[i] + g[i];        // a running sum of gradients, old ones fading by mu
        w[i] -= lr * v[i];
    }
}
//! [momentum_step]

//! [adam_step]
void adam_step(double *w, const double *g, double *m, double *v, size_t n, double lr, double beta1, double beta2,
               double eps, long t)
{
    const double c1 = 1.0 - pow(beta1, (double)t), c2 = 1.0 - pow(beta2, (double)t);  // bias corrections
    for (size_t i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];             // mean of the gradient
        v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];      // mean of its square
        w[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + eps);
    }
}
//! [adam_step]

//! [dropout_mask]
void dropout_mask(Mat *M, double p, Rng *rng)
{
    const double keep = 1.0 / (1.0 - p);        // scale the kept units up: E[a m] = a
    for (size_t i = 0; i < mat_size(M); i++)
        M->data[i] = rng_uniform(rng) < p ? 0.0 : keep;
}
//! [dropout_mask]
