/**
 * @file chapters/12-gpt/blocks.c
 * @brief The other layers of the transformer: embeddings, a linear layer, GELU, softmax with cross-entropy.
 */
#include <string.h>
#include <tgmath.h>

#include "../../common/gemm.h"
#include "gpt.h"

//! [embed]
void R(embed_forward)(real *x, const int *ids, const real *tok, const real *pos, int B, int T, int E)
{
    for (int b = 0; b < B; b++)
        for (int t = 0; t < T; t++) {
            const size_t i = (size_t)b * T + t;
            const real *e = tok + (size_t)ids[i] * E, *p = pos + (size_t)t * E;
            for (int j = 0; j < E; j++)
                x[i * E + j] = e[j] + p[j];
        }
}

void R(embed_backward)(real *dtok, real *dpos, const real *dx, const int *ids, int B, int T, int E)
{
    for (int b = 0; b < B; b++)
        for (int t = 0; t < T; t++) {
            const size_t i = (size_t)b * T + t;
            real *de = dtok + (size_t)ids[i] * E, *dp = dpos + (size_t)t * E;
            for (int j = 0; j < E; j++)
                de[j] += dx[i * E + j], dp[j] += dx[i * E + j];     // a sum's gradient reaches both terms
        }
}
//! [embed]

//! [linear]
void R(linear_forward)(real *y, const real *x, const real *W, const real *b, int N, int in, int out)
{
    for (int i = 0; i < N; i++)
        memcpy(y + (size_t)i * out, b, (size_t)out * sizeof(real));
    gemm_real(N, out, in, x, in, 1, W, out, 1, y, out, 1);         // y = 1 b + x W
}

void R(linear_backward)(real *dx, real *dW, real *db, const real *dy, const real *x, const real *W, int N, int in,
                        int out, int accumulate)
{
    gemm_real(in, out, N, x, 1, in, dy, out, 1, dW, out, 1);       // dW += x^T dy
    for (int i = 0; i < N; i++)
        for (int j = 0; j < out; j++)
            db[j] += dy[(size_t)i * out + j];                       // db += 1^T dy
    if (dx)
        gemm_real(N, in, out, dy, out, 1, W, 1, out, dx, in, accumulate);  // dx (+)= dy W^T
}
//! [linear]

/*
 * tanh for GELU. In double, the library's. In float, a rational function
 * (Eigen's): within 4e-7 of tanhf, and plain arithmetic that the compiler puts
 * in vector registers; tanhf, a call per number, took half of a training step.
 */
static real R(gelu_tanh)(real x)
{
#ifdef REAL_F32
    const float clamp = 7.90531110763549805f;      // beyond it tanh is 1 in float
    x = x > clamp ? clamp : x < -clamp ? -clamp : x;
    const float p = x * x;
    const float num = x * (4.89352455891786e-03f + p * (6.37261928875436e-04f + p * (1.48572235717979e-05f +
                      p * (5.12229709037114e-08f + p * (-8.60467152213735e-11f + p * (2.00018790482477e-13f +
                      p * -2.76076847742355e-16f))))));
    const float den = 4.89352518554385e-03f + p * (2.26843463243900e-03f + p * (1.18534705686654e-04f +
                      p * 1.19825839466702e-06f));
    return num / den;
#else
    return tanh(x);
#endif
}

//! [gelu]
void R(gelu_forward)(real *y, const real *x, size_t n)
{
    const real c = (real)0.7978845608028654;    // sqrt(2 / pi)
    const int threads = gemm_thread_count();
#pragma omp parallel for num_threads(threads) if (threads > 1 && n > 4096) schedule(static)
    for (size_t i = 0; i < n; i++)
        y[i] = (real)0.5 * x[i] * (1 + R(gelu_tanh)(c * (x[i] + (real)0.044715 * x[i] * x[i] * x[i])));
}

void R(gelu_backward)(real *dx, const real *dy, const real *x, size_t n)
{
    const real c = (real)0.7978845608028654;
    const int threads = gemm_thread_count();
#pragma omp parallel for num_threads(threads) if (threads > 1 && n > 4096) schedule(static)
    for (size_t i = 0; i < n; i++) {
        const real th = R(gelu_tanh)(c * (x[i] + (real)0.044715 * x[i] * x[i] * x[i]));
        const real slope = (real)0.5 * (1 + th) + (real)0.5 * x[i] * (1 - th * th) * c *
                           (1 + 3 * (real)0.044715 * x[i] * x[i]);
        dx[i] = dy[i] * slope;
    }
}
//! [gelu]

double R(softmax_cross_entropy)(real *logits, const int *targets, int N, int V, int grad)
{
    double loss = 0;
    for (int i = 0; i < N; i++) {
        real *z = logits + (size_t)i * V, max = z[0], sum = 0;
        for (int j = 1; j < V; j++)
            max = z[j] > max ? z[j] : max;
        const real zt = z[targets[i]] - max;
        for (int j = 0; j < V; j++)
            z[j] = exp(z[j] - max), sum += z[j];
        loss += log((double)sum) - zt;             // -log p(target) = log sum_j e^z_j - z_target
        for (int j = 0; j < V; j++)
            z[j] /= sum;
        if (grad) {
            z[targets[i]] -= 1;                     // dL/dz = (p - onehot) / N for the mean over N rows
            for (int j = 0; j < V; j++)
                z[j] /= N;
        }
    }
    return loss / N;
}
