/*
 * Chapter 12 exercises: one head of causal attention, its step with a KV cache,
 * a head set by hand, and layer norm's backward pass.
 *
 * The model's code is written once over a type `real` (see real.h); this file is
 * compiled in double only, so its functions are the `_f64` ones, on doubles.
 * Each body below marked TODO is a stub that compiles but gives a wrong answer,
 * so `make ex12` fails until you fill it in. Each TODO names the part of the
 * chapter page it comes from. The functions without a TODO are given.
 */
#include <math.h>

#include "../../common/gemm.h"
#include "gpt.h"

void attention_head_forward_f64(double *out, int ldo, double *att, const double *q, const double *k,
                                const double *v, int ld, int T, int d)
{
    // TODO: "Attention" (the page): one head. Row i of q, k and v starts at q + i * ld (and so on),
    //   row i of out at out + i * ldo.
    //   s_ij = q_i . k_j / sqrt(d) for j <= i; att row i = softmax over j <= i of s_ij, and 0 for j > i;
    //   out_i = sum over j of att_ij v_j. att is T x T, row-major, row length T.
    // Hint: subtract the row's largest score before exp(), as chapter 04's softmax does.
    (void)out, (void)ldo, (void)att, (void)q, (void)k, (void)v, (void)ld, (void)T, (void)d;
}

void attention_head_backward_f64(double *dq, double *dk, double *dv, int ld, double *datt, const double *dout,
                                 int ldo, const double *att, const double *q, const double *k, const double *v,
                                 int T, int d)
{
    // Given: the head's backward pass (the page, "The backward passes", attention, one head).
    const double scale = 1 / sqrt((double)d);
    gemm_f64(T, d, T, att, 1, T, dout, ldo, 1, dv, ld, 0);
    gemm_f64(T, T, d, dout, ldo, 1, v, 1, ld, datt, T, 0);
    for (int i = 0; i < T; i++) {
        const double *a = att + (size_t)i * T;
        double *ds = datt + (size_t)i * T, dot = 0;
        for (int j = 0; j <= i; j++)
            dot += a[j] * ds[j];
        for (int j = 0; j < T; j++)
            ds[j] = a[j] * (ds[j] - dot) * scale;
    }
    gemm_f64(T, d, T, datt, T, 1, k, ld, 1, dq, ld, 0);
    gemm_f64(T, d, T, datt, 1, T, q, ld, 1, dk, ld, 0);
}

void attention_head_step_f64(double *out, double *att, const double *q, const double *kcache, const double *vcache,
                             int ld, int t, int d)
{
    // TODO: "Text made up by the model, and the KV cache": the head at position t alone. The keys and
    //   values of positions 0..t are rows 0..t of kcache and vcache (row j at kcache + j * ld); q is
    //   position t's query (d numbers).
    //   att_j = softmax over j <= t of q . k_j / sqrt(d); out = sum over j <= t of att_j v_j (d numbers).
    // Hint: it must give row t of attention_head_forward()'s output, with t + 1 dot products, not T^2.
    (void)out, (void)att, (void)q, (void)kcache, (void)vcache, (void)ld, (void)t, (void)d;
}

void previous_token_head_f64(double *q, double *k, int ld, int T, int d)
{
    // TODO: the puzzle ("Exercises"): fill the queries and keys of T positions (row i at q + i * ld, d >= 2
    //   numbers each) so that attention_head_forward() puts at least 0.99 of row i's weight on
    //   position i - 1, for every i from 1 to T - 1.
    // Hint: q_i . k_j is a dot product. What vectors have the largest dot product with the one of
    //   position i - 1, and by how much must it beat the others after the division by sqrt(d)?
    (void)q, (void)k, (void)ld, (void)T, (void)d;
}

void attention_forward_f64(double *heads, double *att, const double *qkv, int B, int T, int E, int H)
{
    // Given: every head of every sequence, through attention_head_forward().
    const int d = E / H, ld = 3 * E;
    for (int b = 0; b < B; b++)
        for (int h = 0; h < H; h++) {
            const double *q = qkv + (size_t)b * T * ld + h * d;
            attention_head_forward_f64(heads + (size_t)b * T * E + h * d, E, att + (size_t)(b * H + h) * T * T, q,
                                       q + E, q + 2 * E, ld, T, d);
        }
}

void attention_backward_f64(double *dqkv, double *scratch, const double *dheads, const double *att, const double *qkv,
                            int B, int T, int E, int H)
{
    // Given.
    const int d = E / H, ld = 3 * E;
    for (int b = 0; b < B; b++)
        for (int h = 0; h < H; h++) {
            const size_t at = (size_t)b * T * ld + h * d;
            attention_head_backward_f64(dqkv + at, dqkv + at + E, dqkv + at + 2 * E, ld, scratch,
                                        dheads + (size_t)b * T * E + h * d, E, att + (size_t)(b * H + h) * T * T,
                                        qkv + at, qkv + at + E, qkv + at + 2 * E, T, d);
        }
}

void layernorm_forward_f64(double *y, double *stats, const double *x, const double *g, const double *b, int N, int E)
{
    // Given: each row normalised to mean 0 and variance 1, then scaled by g and shifted by b.
    for (int i = 0; i < N; i++) {
        const double *xi = x + (size_t)i * E;
        double mu = 0, var = 0;
        for (int j = 0; j < E; j++)
            mu += xi[j];
        mu /= E;
        for (int j = 0; j < E; j++)
            var += (xi[j] - mu) * (xi[j] - mu);
        const double r = 1 / sqrt(var / E + 1e-5);
        for (int j = 0; j < E; j++)
            y[(size_t)i * E + j] = g[j] * ((xi[j] - mu) * r) + b[j];
        stats[2 * i] = mu, stats[2 * i + 1] = r;
    }
}

void layernorm_backward_f64(double *dx, double *dg, double *db, const double *dy, const double *x,
                            const double *stats, const double *g, int N, int E)
{
    // TODO: "The backward passes", layer norm: for each row i, with mu = stats[2i], r = stats[2i + 1],
    //   x-hat = (x - mu) r and dx-hat = dy * g:
    //   dg += dy * x-hat and db += dy (summed over the rows),
    //   dx += r (dx-hat - mean(dx-hat) - x-hat mean(dx-hat * x-hat)), the means over the row's E features.
    // Hint: add (+=) into dx, dg and db: the residual stream's gradient is already in dx.
    (void)dx, (void)dg, (void)db, (void)dy, (void)x, (void)stats, (void)g, (void)N, (void)E;
}
