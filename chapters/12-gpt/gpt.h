/**
 * @file chapters/12-gpt/gpt.h
 * @brief Chapter 12's transformer: each layer's forward and backward pass side by side, and the whole model.
 *
 * Declared for the precision of real.h in force where this file is included
 * (`real`, and `R(f)` naming f_f64 or f_f32); a file may include it once for
 * each precision. Shapes: B sequences of T positions make N = B T rows; E
 * features a row; H heads of d = E / H features each. A matrix is row-major and
 * contiguous unless a row stride (ld) is given. The backward functions add into
 * the gradients of parameters (dW, db, dg: +=) so that a layer used at several
 * places adds up; what each does to dx says its comment.
 */
#include "model.h"
#include "real.h"

#if (defined(REAL_F32) && !defined(CH12_GPT_H_F32)) || (!defined(REAL_F32) && !defined(CH12_GPT_H_F64))
#ifdef REAL_F32
#define CH12_GPT_H_F32
#else
#define CH12_GPT_H_F64
#endif

// ----------------------------------------------------------------------------
// layernorm.c

/**
 * Layer norm of each of the N rows of x (E features): mean mu, variance
 * sigma^2, rstd r = 1 / sqrt(sigma^2 + 1e-5), x-hat = (x - mu) r,
 * y = g * x-hat + b. stats keeps mu and r of each row (2N numbers) for the backward pass.
 */
void R(layernorm_forward)(real *y, real *stats, const real *x, const real *g, const real *b, int N, int E);

/**
 * Layer norm's backward pass: from dy (N x E), dg += the column sums of dy * x-hat,
 * db += those of dy, and dx += r (dx-hat - mean(dx-hat) - x-hat mean(dx-hat * x-hat)),
 * dx-hat = dy * g, the means over each row's E features.
 */
void R(layernorm_backward)(real *dx, real *dg, real *db, const real *dy, const real *x, const real *stats,
                           const real *g, int N, int E);

// ----------------------------------------------------------------------------
// attention.c

/**
 * Causal attention of one head over one sequence of T positions: q, k, v are
 * T x d with row stride ld. Scores s_ij = q_i . k_j / sqrt(d) for j <= i (a
 * position sees itself and the ones before it), att row i = softmax of them
 * (T x T, 0 for j > i), out_i = sum_j att_ij v_j (T x d, row stride ldo).
 */
void R(attention_head_forward)(real *out, int ldo, real *att, const real *q, const real *k, const real *v, int ld,
                               int T, int d);

/**
 * Its backward pass, from dout (row stride ldo): dv = att^T dout; datt = dout v^T
 * (scratch, T x T); ds_ij = att_ij (datt_ij - sum_k att_ik datt_ik) / sqrt(d);
 * dq = ds k, dk = ds^T q. dq, dk, dv (row stride ld) are overwritten.
 */
void R(attention_head_backward)(real *dq, real *dk, real *dv, int ld, real *datt, const real *dout, int ldo,
                                const real *att, const real *q, const real *k, const real *v, int T, int d);

/**
 * The same head at position t alone, with the keys and values of positions
 * 0..t already in a cache (rows of stride ld): the step of generation with a
 * KV cache. out (d numbers) = sum_j att_j v_j over j <= t; att gets the t + 1 weights.
 */
void R(attention_head_step)(real *out, real *att, const real *q, const real *kcache, const real *vcache, int ld,
                            int t, int d);

/**
 * Queries and keys (T x d, row stride ld) that make attention_head_forward()'s
 * head look at the previous position: row i of att puts at least 0.99 on
 * i - 1, for every i >= 1 (position 0 can only see itself).
 */
void R(previous_token_head)(real *q, real *k, int ld, int T, int d);

/**
 * Multi-head attention over B sequences: from qkv (N x 3E: the queries in
 * columns [0, E), keys [E, 2E), values [2E, 3E); head h reads columns
 * [h d, (h + 1) d) of each), heads (N x E) gets each head's output in its
 * columns, concatenated; att the B H weight matrices, T x T each.
 */
void R(attention_forward)(real *heads, real *att, const real *qkv, int B, int T, int E, int H);

/** Its backward pass: dqkv (N x 3E) overwritten from dheads; scratch holds T x T for each of gemm_thread_count() threads. */
void R(attention_backward)(real *dqkv, real *scratch, const real *dheads, const real *att, const real *qkv, int B,
                           int T, int E, int H);

// ----------------------------------------------------------------------------
// blocks.c

/** x = tok[ids] + pos[0..T-1] for each of the B sequences (x: N x E). */
void R(embed_forward)(real *x, const int *ids, const real *tok, const real *pos, int B, int T, int E);

/** dtok[ids[i]] += dx_i (a row used twice gets both), dpos[t] += dx of every sequence's position t. */
void R(embed_backward)(real *dtok, real *dpos, const real *dx, const int *ids, int B, int T, int E);

/** y = x W + b: (N x in)(in x out) plus the row b on every row. */
void R(linear_forward)(real *y, const real *x, const real *W, const real *b, int N, int in, int out);

/** dW += x^T dy, db += the column sums of dy; dx = dy W^T (dx += with accumulate; dx NULL: not wanted). */
void R(linear_backward)(real *dx, real *dW, real *db, const real *dy, const real *x, const real *W, int N, int in,
                        int out, int accumulate);

/** GELU, tanh form: y = x/2 (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), for n numbers. */
void R(gelu_forward)(real *y, const real *x, size_t n);

/** dx = dy gelu'(x) = dy (1/2 (1 + tanh u) + x/2 (1 - tanh^2 u) sqrt(2/pi) (1 + 3 0.044715 x^2)). */
void R(gelu_backward)(real *dx, const real *dy, const real *x, size_t n);

/**
 * Softmax of each of the N rows of logits (V classes), in place, and the mean
 * of -log p(target) over the rows (summed in double); then, with grad set,
 * each row becomes dL/dlogits = (p - onehot(target)) / N. Chapter 04's loss
 * (common/loss.h) in either precision; agree_loss.c checks the two agree.
 */
double R(softmax_cross_entropy)(real *logits, const int *targets, int N, int V, int grad);

// ----------------------------------------------------------------------------
// gpt.c

/** What a forward pass over B sequences of up to T positions keeps for its backward pass. */
typedef struct {
    int cap;        /**< sequences it has room for */
    int B;          /**< sequences of the last forward pass */
    int T;          /**< positions of the last forward pass */
    real *x;        /**< (L+1) N x E: the residual stream into each block, and out of the last */
    real *mid;      /**< L N x E: the stream after each block's attention */
    real *ln1;      /**< L N x E: each block's ln1(x), attention's input */
    real *ln2;      /**< L N x E: ln2 of mid, the MLP's input */
    real *stats;    /**< (2L+1) 2N: mean and rstd of each layer norm's rows (ln1, ln2 of each block, lnf) */
    real *qkv;      /**< L N x 3E */
    real *att;      /**< L B H T x T: the attention weights */
    real *heads;    /**< L N x E: the heads' outputs, concatenated */
    real *hid;      /**< L N x 4E: the MLP's hidden layer before GELU */
    real *act;      /**< L N x 4E: after GELU */
    real *lnf;      /**< N x E: lnf of the last stream */
    real *logits;   /**< N x V: the logits; after a forward pass with targets, dL/dlogits */
    real *dx;       /**< N x E: dL/d(the residual stream), carried back through the blocks */
    real *dln;      /**< N x E */
    real *dqkv;     /**< N x 3E */
    real *dheads;   /**< N x E */
    real *dhid;     /**< N x 4E */
    real *scratch;  /**< T x T for each thread of the products (gemm_thread_count()) */
} R(Acts);

/** Room in a for the forward and backward passes of B sequences of up to s->T positions. */
void R(acts_init)(R(Acts) *a, const Shape *s, int B);

/** Release it. */
void R(acts_free)(R(Acts) *a);

/**
 * The model on B sequences of T <= s->T ids (B T, sequence after sequence):
 * the logits of the next byte at every position into a->logits. With targets
 * (B T ids), returns the mean cross-entropy over the N positions and leaves
 * dL/dlogits in a->logits, ready for gpt_backward(); else returns 0.
 */
double R(gpt_forward)(R(Acts) *a, const Shape *s, const real *w, const int *ids, const int *targets, int B, int T);

/** The gradient of the last gpt_forward()'s loss into g (s->n numbers, overwritten). */
void R(gpt_backward)(real *g, R(Acts) *a, const Shape *s, const real *w, const int *ids);

#endif
