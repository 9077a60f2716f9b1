/**
 * @file chapters/12-gpt/gpt.c
 * @brief The whole model, forward and backward: embeddings, L blocks, the final layer norm, the logits.
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "gpt.h"

void R(acts_init)(R(Acts) *out, const Shape *s, int B)
{
    const size_t N = (size_t)B * s->T, E = s->E, L = s->L;
    R(Acts) a = {.cap = B, .B = B, .T = s->T};
    a.x = nn_alloc((L + 1) * N * E, sizeof(real), "the residual streams");
    a.mid = nn_alloc(L * N * E, sizeof(real), "the streams after attention");
    a.ln1 = nn_alloc(L * N * E, sizeof(real), "attention's inputs");
    a.ln2 = nn_alloc(L * N * E, sizeof(real), "the MLPs' inputs");
    a.stats = nn_alloc((2 * L + 1) * 2 * N, sizeof(real), "the layer norms' means and rstds");
    a.qkv = nn_alloc(L * N * 3 * E, sizeof(real), "the queries, keys and values");
    a.att = nn_alloc(L * B * s->H * (size_t)s->T * s->T, sizeof(real), "the attention weights");
    a.heads = nn_alloc(L * N * E, sizeof(real), "the heads' outputs");
    a.hid = nn_alloc(L * N * 4 * E, sizeof(real), "the MLPs' hidden layers");
    a.act = nn_alloc(L * N * 4 * E, sizeof(real), "the MLPs' GELUs");
    a.lnf = nn_alloc(N * E, sizeof(real), "the final layer norm");
    a.logits = nn_alloc(N * s->V, sizeof(real), "the logits");
    a.dx = nn_alloc(N * E, sizeof(real), "the stream's gradient");
    a.dln = nn_alloc(N * E, sizeof(real), "a layer norm's output gradient");
    a.dqkv = nn_alloc(N * 3 * E, sizeof(real), "the queries', keys' and values' gradient");
    a.dheads = nn_alloc(N * E, sizeof(real), "the heads' gradient");
    a.dhid = nn_alloc(N * 4 * E, sizeof(real), "the MLP's hidden gradient");
    a.scratch = nn_alloc((size_t)gemm_thread_count() * s->T * s->T, sizeof(real), "the heads' score gradients");
    *out = a;
}

void R(acts_free)(R(Acts) *a)
{
    real *all[] = {a->x, a->mid, a->ln1, a->ln2, a->stats, a->qkv, a->att, a->heads, a->hid, a->act, a->lnf,
                   a->logits, a->dx, a->dln, a->dqkv, a->dheads, a->dhid, a->scratch};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
}

/* x += y, n numbers: a residual connection. */
static void R(add_into)(real *x, const real *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] += y[i];
}

//! [gpt_forward]
double R(gpt_forward)(R(Acts) *a, const Shape *s, const real *w, const int *ids, const int *targets, int B, int T)
{
    const int E = s->E, H = s->H, L = s->L, N = B * T;
    const size_t NE = (size_t)N * E;
    a->B = B, a->T = T;
    R(embed_forward)(a->x, ids, w + s->tok, w + s->pos, B, T, E);      // x = tok[ids] + pos
    for (int l = 0; l < L; l++) {
        const real *p = w + s->block[l];
        const BlockAt *at = &s->at;
        real *x = a->x + l * NE, *mid = a->mid + l * NE, *next = a->x + (l + 1) * NE;
        real *qkv = a->qkv + l * 3 * NE, *heads = a->heads + l * NE, *hid = a->hid + l * 4 * NE;
        real *act = a->act + l * 4 * NE, *ln1 = a->ln1 + l * NE, *ln2 = a->ln2 + l * NE;
        // mid = x + attn(ln1(x))
        R(layernorm_forward)(ln1, a->stats + 4 * l * (size_t)N, x, p + at->ln1_g, p + at->ln1_b, N, E);
        R(linear_forward)(qkv, ln1, p + at->Wqkv, p + at->bqkv, N, E, 3 * E);
        R(attention_forward)(heads, a->att + (size_t)l * B * H * T * T, qkv, B, T, E, H);
        R(linear_forward)(mid, heads, p + at->Wo, p + at->bo, N, E, E);
        R(add_into)(mid, x, NE);
        // next = mid + mlp(ln2(mid)), mlp(u) = gelu(u W1 + b1) W2 + b2
        R(layernorm_forward)(ln2, a->stats + (4 * l + 2) * (size_t)N, mid, p + at->ln2_g, p + at->ln2_b, N, E);
        R(linear_forward)(hid, ln2, p + at->W1, p + at->b1, N, E, 4 * E);
        R(gelu_forward)(act, hid, 4 * NE);
        R(linear_forward)(next, act, p + at->W2, p + at->b2, N, 4 * E, E);
        R(add_into)(next, mid, NE);
    }
    R(layernorm_forward)(a->lnf, a->stats + 4 * L * (size_t)N, a->x + L * NE, w + s->lnf_g, w + s->lnf_b, N, E);
    R(linear_forward)(a->logits, a->lnf, w + s->Wout, w + s->bout, N, E, s->V);
    return targets ? R(softmax_cross_entropy)(a->logits, targets, N, s->V, 1) : 0;
}
//! [gpt_forward]

//! [gpt_backward]
void R(gpt_backward)(real *g, R(Acts) *a, const Shape *s, const real *w, const int *ids)
{
    const int E = s->E, H = s->H, L = s->L, B = a->B, T = a->T, N = B * T;
    const size_t NE = (size_t)N * E;
    memset(g, 0, s->n * sizeof(real));
    // logits = lnf(x_L) Wout + bout: dL/dlogits is in a->logits
    R(linear_backward)(a->dln, g + s->Wout, g + s->bout, a->logits, a->lnf, w + s->Wout, N, E, s->V, 0);
    memset(a->dx, 0, NE * sizeof(real));
    R(layernorm_backward)(a->dx, g + s->lnf_g, g + s->lnf_b, a->dln, a->x + L * NE, a->stats + 4 * L * (size_t)N,
                          w + s->lnf_g, N, E);
    for (int l = L - 1; l >= 0; l--) {          // a->dx: dL/d(the stream out of block l)
        const real *p = w + s->block[l];
        real *q = g + s->block[l];
        const BlockAt *at = &s->at;
        // next = mid + mlp(ln2(mid)): the gradient reaches mid both ways, so the MLP's share is added to dx
        R(linear_backward)(a->dhid, q + at->W2, q + at->b2, a->dx, a->act + l * 4 * NE, p + at->W2, N, 4 * E, E, 0);
        R(gelu_backward)(a->dhid, a->dhid, a->hid + l * 4 * NE, 4 * NE);
        R(linear_backward)(a->dln, q + at->W1, q + at->b1, a->dhid, a->ln2 + l * NE, p + at->W1, N, E, 4 * E, 0);
        R(layernorm_backward)(a->dx, q + at->ln2_g, q + at->ln2_b, a->dln, a->mid + l * NE,
                              a->stats + (4 * l + 2) * (size_t)N, p + at->ln2_g, N, E);
        // mid = x + attn(ln1(x)): the same again
        R(linear_backward)(a->dheads, q + at->Wo, q + at->bo, a->dx, a->heads + l * NE, p + at->Wo, N, E, E, 0);
        R(attention_backward)(a->dqkv, a->scratch, a->dheads, a->att + (size_t)l * B * H * T * T,
                              a->qkv + l * 3 * NE, B, T, E, H);
        R(linear_backward)(a->dln, q + at->Wqkv, q + at->bqkv, a->dqkv, a->ln1 + l * NE, p + at->Wqkv, N, E, 3 * E, 0);
        R(layernorm_backward)(a->dx, q + at->ln1_g, q + at->ln1_b, a->dln, a->x + l * NE, a->stats + 4 * l * (size_t)N,
                              p + at->ln1_g, N, E);
    }
    R(embed_backward)(g + s->tok, g + s->pos, a->dx, ids, B, T, E);
}
//! [gpt_backward]
