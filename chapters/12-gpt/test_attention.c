/*
 * Tests of chapter 12's attention exercises (attention.c). `make check` runs them
 * against the reference attention.c (all must pass) and against the shipped stubs
 * of exercises.c (all must fail); `make ex12` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "../../common/rng.h"
#include "gpt.h"

TestSuite(ex12, .timeout = 20.0);

enum { T = 7, D = 4, LD = 11, LDO = 6 };    // rows wider than a head: the strides must be used

/* Attention written out plainly, to compare with: att (T x T) and out (T x D, row length LDO). */
static void plain_attention(double *att, double *out, const double *q, const double *k, const double *v, int scaled)
{
    for (int i = 0; i < T; i++) {
        double s[T], max = -HUGE_VAL, sum = 0;
        for (int j = 0; j <= i; j++) {
            s[j] = 0;
            for (int c = 0; c < D; c++)
                s[j] += q[i * LD + c] * k[j * LD + c];
            s[j] /= scaled ? sqrt((double)D) : 1;
            max = fmax(max, s[j]);
        }
        for (int j = 0; j < T; j++)
            att[i * T + j] = j <= i ? exp(s[j] - max) : 0, sum += att[i * T + j];
        for (int j = 0; j < T; j++)
            att[i * T + j] /= sum;
        for (int c = 0; c < D; c++) {
            out[i * LDO + c] = 0;
            for (int j = 0; j <= i; j++)
                out[i * LDO + c] += att[i * T + j] * v[j * LD + c];
        }
    }
}

static void random_qkv(double *q, double *k, double *v, unsigned long seed)
{
    Rng r;
    rng_seed(&r, seed);
    for (int i = 0; i < T * LD; i++)
        q[i] = 1.5 * rng_normal(&r), k[i] = 1.5 * rng_normal(&r), v[i] = rng_normal(&r);
}

Test(ex12, attention_head_forward)
{
    double q[T * LD], k[T * LD], v[T * LD], att[T * T], out[T * LDO], want_att[T * T], want[T * LDO], raw[T * T];
    random_qkv(q, k, v, 5);
    for (int i = 0; i < T * T; i++)
        att[i] = 7;                                 // the function must write every weight, 0s included
    for (int i = 0; i < T * LDO; i++)
        out[i] = 7;
    attention_head_forward_f64(out, LDO, att, q, k, v, LD, T, D);
    plain_attention(want_att, want, q, k, v, 1);
    for (int i = 0; i < T; i++)
        for (int j = i + 1; j < T; j++)
            cr_assert(att[i * T + j] == 0, "att[%d][%d] is %g: position %d must not see the later position %d "
                      "(the causal mask: weight 0 for j > i)", i, j, att[i * T + j], i, j);
    for (int i = 0; i < T; i++) {
        double sum = 0;
        for (int j = 0; j < T; j++)
            sum += att[i * T + j];
        cr_assert(fabs(sum - 1) < 1e-12, "row %d of att sums to %g, not 1 (a softmax over j <= %d)", i, sum, i);
    }
    plain_attention(raw, want, q, k, v, 0);
    int unscaled = 1;
    for (int i = 0; i < T * T; i++)
        unscaled &= fabs(att[i] - raw[i]) < 1e-12;
    cr_assert(!unscaled, "att is the softmax of q k^T without the division by sqrt(d) = %g", sqrt((double)D));
    plain_attention(want_att, want, q, k, v, 1);
    for (int i = 0; i < T; i++)
        for (int j = 0; j <= i; j++)
            cr_assert(fabs(att[i * T + j] - want_att[i * T + j]) < 1e-12, "att[%d][%d] is %.6f, want %.6f", i, j,
                      att[i * T + j], want_att[i * T + j]);
    for (int i = 0; i < T; i++)
        for (int c = 0; c < D; c++)
            cr_assert(fabs(out[i * LDO + c] - want[i * LDO + c]) < 1e-12, "out[%d][%d] is %.6f, want %.6f (row i "
                      "of out is sum_j att_ij v_j; row j of v starts at v + j * ld)", i, c, out[i * LDO + c],
                      want[i * LDO + c]);
}

Test(ex12, attention_head_step)
{
    double q[T * LD], k[T * LD], v[T * LD], want_att[T * T], want[T * LDO];
    random_qkv(q, k, v, 6);
    plain_attention(want_att, want, q, k, v, 1);
    for (int t = 0; t < T; t++) {
        double out[D], att[T];
        for (int c = 0; c < D; c++)
            out[c] = 7;
        attention_head_step_f64(out, att, q + t * LD, k, v, LD, t, D);
        for (int j = 0; j <= t; j++)
            cr_assert(fabs(att[j] - want_att[t * T + j]) < 1e-12, "position %d: att[%d] is %.6f, want %.6f (the "
                      "softmax of q . k_j / sqrt(d) over j <= t)", t, j, att[j], want_att[t * T + j]);
        for (int c = 0; c < D; c++)
            cr_assert(fabs(out[c] - want[t * LDO + c]) < 1e-12, "position %d: out[%d] is %.6f, want %.6f (row %d of "
                      "the whole head's output)", t, c, out[c], want[t * LDO + c], t);
    }
}

Test(ex12, previous_token_head)
{
    enum { N = 48, DD = 8, W = 9 };
    double q[N * W], k[N * W];
    for (int i = 0; i < N * W; i++)
        q[i] = k[i] = 0;
    previous_token_head_f64(q, k, W, N, DD);
    for (int i = 1; i < N; i++) {
        double s[N], max = -HUGE_VAL, sum = 0;
        for (int j = 0; j <= i; j++) {
            s[j] = 0;
            for (int c = 0; c < DD; c++)
                s[j] += q[i * W + c] * k[j * W + c];
            s[j] /= sqrt((double)DD);
            max = fmax(max, s[j]);
        }
        for (int j = 0; j <= i; j++)
            sum += exp(s[j] - max);
        const double w = exp(s[i - 1] - max) / sum;
        cr_assert(w >= 0.99, "position %d puts %.4f of its weight on position %d (at least 0.99 wanted), with %d "
                  "positions to choose from", i, w, i - 1, i + 1);
    }
}
