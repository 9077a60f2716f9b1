/**
 * @file chapters/12-gpt/attention.c
 * @brief Causal self-attention: one head forward and backward, its step with a KV cache, and all the heads.
 */
#include <tgmath.h>

#include "../../common/gemm.h"
#include "gpt.h"
#ifdef _OPENMP
#include <omp.h>
#define thread_number() omp_get_thread_num()
#else
#define thread_number() 0
#endif

//! [attention_head_forward]
void R(attention_head_forward)(real *out, int ldo, real *att, const real *q, const real *k, const real *v, int ld,
                               int T, int d)
{
    const real scale = 1 / sqrt((real)d);
    gemm_real(T, T, d, q, ld, 1, k, 1, ld, att, T, 0);     // att = q k^T: every pair, T x T
    for (int i = 0; i < T; i++) {
        real *a = att + (size_t)i * T, max = a[0] * scale, sum = 0;
        for (int j = 0; j <= i; j++)                        // the mask: position i sees j <= i
            a[j] *= scale, max = a[j] > max ? a[j] : max;
        for (int j = 0; j <= i; j++)
            a[j] = exp(a[j] - max), sum += a[j];
        for (int j = 0; j <= i; j++)
            a[j] /= sum;
        for (int j = i + 1; j < T; j++)
            a[j] = 0;                                       // the future gets no weight
    }
    gemm_real(T, d, T, att, T, 1, v, ld, 1, out, ldo, 0);  // out = att v
}
//! [attention_head_forward]

//! [attention_head_backward]
void R(attention_head_backward)(real *dq, real *dk, real *dv, int ld, real *datt, const real *dout, int ldo,
                                const real *att, const real *q, const real *k, const real *v, int T, int d)
{
    const real scale = 1 / sqrt((real)d);
    gemm_real(T, d, T, att, 1, T, dout, ldo, 1, dv, ld, 0);    // dv = att^T dout
    gemm_real(T, T, d, dout, ldo, 1, v, 1, ld, datt, T, 0);    // datt = dout v^T
    for (int i = 0; i < T; i++) {                               // softmax's backward, row by row
        const real *a = att + (size_t)i * T;
        real *ds = datt + (size_t)i * T, dot = 0;
        for (int j = 0; j <= i; j++)
            dot += a[j] * ds[j];
        for (int j = 0; j < T; j++)
            ds[j] = a[j] * (ds[j] - dot) * scale;               // 0 where masked: a[j] is 0 there
    }
    gemm_real(T, d, T, datt, T, 1, k, ld, 1, dq, ld, 0);       // dq = ds k
    gemm_real(T, d, T, datt, 1, T, q, ld, 1, dk, ld, 0);       // dk = ds^T q
}
//! [attention_head_backward]

//! [attention_head_step]
void R(attention_head_step)(real *out, real *att, const real *q, const real *kcache, const real *vcache, int ld,
                            int t, int d)
{
    const real scale = 1 / sqrt((real)d);
    real max = 0, sum = 0;
    for (int j = 0; j <= t; j++) {                  // one row of scores: position t against 0..t
        real s = 0;
        for (int c = 0; c < d; c++)
            s += q[c] * kcache[(size_t)j * ld + c];
        att[j] = s * scale;
        max = j == 0 || att[j] > max ? att[j] : max;
    }
    for (int j = 0; j <= t; j++)
        att[j] = exp(att[j] - max), sum += att[j];
    for (int c = 0; c < d; c++)
        out[c] = 0;
    for (int j = 0; j <= t; j++) {
        att[j] /= sum;
        for (int c = 0; c < d; c++)
            out[c] += att[j] * vcache[(size_t)j * ld + c];
    }
}
//! [attention_head_step]

//! [previous_token_head]
void R(previous_token_head)(real *q, real *k, int ld, int T, int d)
{
    // Position j's key points at angle theta j on a half circle, the query of i at theta (i - 1):
    // q_i . k_j = A^2 cos(theta (i - 1 - j)), largest at j = i - 1 and smaller the further j is.
    // A^2 makes the nearest rival (j = i or i - 2) lose by log(100 T) + 2 after the scale 1/sqrt(d).
    const double theta = acos(-1.0) / T, A2 = (log(100.0 * T) + 2) * sqrt((double)d) / (1 - cos(theta));
    const double A = sqrt(A2);
    for (int i = 0; i < T; i++) {
        for (int c = 0; c < d; c++)
            q[(size_t)i * ld + c] = 0, k[(size_t)i * ld + c] = 0;
        q[(size_t)i * ld] = (real)(A * cos(theta * (i - 1))), q[(size_t)i * ld + 1] = (real)(A * sin(theta * (i - 1)));
        k[(size_t)i * ld] = (real)(A * cos(theta * i)), k[(size_t)i * ld + 1] = (real)(A * sin(theta * i));
    }
}
//! [previous_token_head]

//! [attention_forward]
void R(attention_forward)(real *heads, real *att, const real *qkv, int B, int T, int E, int H)
{
    const int d = E / H, ld = 3 * E, threads = gemm_thread_count();
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
    for (int bh = 0; bh < B * H; bh++) {        // the B H heads are independent: one thread each
        const int b = bh / H, h = bh % H;
        const real *q = qkv + (size_t)b * T * ld + h * d;       // head h: its d columns of Q, of K, of V
        R(attention_head_forward)(heads + (size_t)b * T * E + h * d, E, att + (size_t)bh * T * T, q, q + E, q + 2 * E,
                                  ld, T, d);
    }
}
//! [attention_forward]

void R(attention_backward)(real *dqkv, real *scratch, const real *dheads, const real *att, const real *qkv, int B,
                           int T, int E, int H)
{
    const int d = E / H, ld = 3 * E, threads = gemm_thread_count();
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
    for (int bh = 0; bh < B * H; bh++) {
        const int b = bh / H, h = bh % H;
        const size_t at = (size_t)b * T * ld + h * d;
        real *mine = scratch + (size_t)thread_number() * T * T;     // each thread's own T x T
        R(attention_head_backward)(dqkv + at, dqkv + at + E, dqkv + at + 2 * E, ld, mine,
                                   dheads + (size_t)b * T * E + h * d, E, att + (size_t)bh * T * T, qkv + at,
                                   qkv + at + E, qkv + at + 2 * E, T, d);
    }
}
