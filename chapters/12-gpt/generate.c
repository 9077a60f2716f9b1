/**
 * @file chapters/12-gpt/generate.c
 * @brief Reading and making up text one byte at a time, with a KV cache and without.
 */
#include "generate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/sample.h"

Reader reader_new(const Shape *s, const float *w, int cached)
{
    const size_t E = s->E, LTE = (size_t)s->L * s->T * E;
    Reader r = {.s = *s, .w = w, .cached = cached};
    r.window = nn_alloc((size_t)s->T, sizeof(int), "the window");
    r.k = nn_alloc(LTE, sizeof(float), "the cached keys");
    r.v = nn_alloc(LTE, sizeof(float), "the cached values");
    r.x = nn_alloc(E, sizeof(float), "the stream");
    r.ln = nn_alloc(E, sizeof(float), "a layer norm");
    r.qkv = nn_alloc(3 * E, sizeof(float), "a query, key and value");
    r.heads = nn_alloc(E, sizeof(float), "the heads");
    r.mid = nn_alloc(E, sizeof(float), "the stream after attention");
    r.hid = nn_alloc(4 * E, sizeof(float), "the MLP");
    r.act = nn_alloc(4 * E, sizeof(float), "its GELU");
    r.att = nn_alloc((size_t)s->T, sizeof(float), "a row of weights");
    r.logits = nn_alloc((size_t)s->V, sizeof(float), "the logits");
    acts_init_f32(&r.full, s, 1);
    return r;
}

void reader_free(Reader *r)
{
    float *all[] = {r->k, r->v, r->x, r->ln, r->qkv, r->heads, r->mid, r->hid, r->act, r->att, r->logits};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
    free(r->window);
    acts_free_f32(&r->full);
}

/* The whole window through the model: its last position's logits; with the cache, its keys and values kept. */
static void read_window(Reader *r)
{
    const Shape *s = &r->s;
    const int E = s->E, n = r->n;
    gpt_forward_f32(&r->full, s, r->w, r->window, NULL, 1, n);
    memcpy(r->logits, r->full.logits + (size_t)(n - 1) * s->V, (size_t)s->V * sizeof(float));
    if (!r->cached)
        return;
    for (int l = 0; l < s->L; l++)
        for (int t = 0; t < n; t++) {
            const float *qkv = r->full.qkv + ((size_t)l * n + t) * 3 * E;
            memcpy(r->k + ((size_t)l * s->T + t) * E, qkv + E, (size_t)E * sizeof(float));
            memcpy(r->v + ((size_t)l * s->T + t) * E, qkv + 2 * E, (size_t)E * sizeof(float));
        }
}

/*
 * y = x W + b for one row x: the product of a row with a matrix, row by row of W
 * (contiguous, so the compiler uses vector registers). The general product
 * (common/gemm.h) would pack all of W into its blocks first: for one row, that
 * copy costs more than the arithmetic.
 */
static void linear_row(float *y, const float *x, const float *W, const float *b, int in, int out)
{
    memcpy(y, b, (size_t)out * sizeof(float));
    for (int p = 0; p < in; p++) {
        const float xp = x[p], *w = W + (size_t)p * out;
        for (int j = 0; j < out; j++)
            y[j] += xp * w[j];
    }
}

//! [step]
/* Position t = r->n - 1 alone through every block, its key and value joining the cache. */
static void step(Reader *r)
{
    const Shape *s = &r->s;
    const BlockAt *at = &s->at;
    const int E = s->E, H = s->H, d = E / H, t = r->n - 1;
    embed_forward_f32(r->x, &r->window[t], r->w + s->tok, r->w + s->pos + (size_t)t * E, 1, 1, E);
    for (int l = 0; l < s->L; l++) {
        const float *p = r->w + s->block[l];
        float *K = r->k + (size_t)l * s->T * E, *V = r->v + (size_t)l * s->T * E;
        float stats[2];
        layernorm_forward_f32(r->ln, stats, r->x, p + at->ln1_g, p + at->ln1_b, 1, E);
        linear_row(r->qkv, r->ln, p + at->Wqkv, p + at->bqkv, E, 3 * E);
        memcpy(K + (size_t)t * E, r->qkv + E, (size_t)E * sizeof(float));        // the cache grows by a row
        memcpy(V + (size_t)t * E, r->qkv + 2 * E, (size_t)E * sizeof(float));
        for (int h = 0; h < H; h++)
            attention_head_step_f32(r->heads + h * d, r->att, r->qkv + h * d, K + h * d, V + h * d, E, t, d);
        linear_row(r->mid, r->heads, p + at->Wo, p + at->bo, E, E);
        for (int j = 0; j < E; j++)
            r->mid[j] += r->x[j];
        layernorm_forward_f32(r->ln, stats, r->mid, p + at->ln2_g, p + at->ln2_b, 1, E);
        linear_row(r->hid, r->ln, p + at->W1, p + at->b1, E, 4 * E);
        gelu_forward_f32(r->act, r->hid, 4 * (size_t)E);
        linear_row(r->x, r->act, p + at->W2, p + at->b2, 4 * E, E);
        for (int j = 0; j < E; j++)
            r->x[j] += r->mid[j];
    }
    float stats[2];
    layernorm_forward_f32(r->ln, stats, r->x, r->w + s->lnf_g, r->w + s->lnf_b, 1, E);
    linear_row(r->logits, r->ln, r->w + s->Wout, r->w + s->bout, E, s->V);
}
//! [step]

void reader_push(Reader *r, int id)
{
    const int T = r->s.T;
    int refill = !r->cached;
    if (r->n == T) {                            // full: keep the last T/2 bytes, at positions 0 ..
        const int keep = T / 2;
        memmove(r->window, r->window + (T - keep), (size_t)keep * sizeof(int));
        r->n = keep;
        refill = 1;
    }
    r->window[r->n++] = id;
    if (refill || r->n == 1)
        read_window(r);
    else
        step(r);
}

int reader_draw(const Reader *r, double temperature, int top_k, Rng *rng)
{
    const int V = r->s.V;
    double z[256], kth = -HUGE_VAL;
    for (int j = 0; j < V; j++)
        z[j] = r->logits[j];
    if (top_k > 0 && top_k < V) {               // the k-th largest logit: those below it are left out
        double sorted[256];
        memcpy(sorted, z, (size_t)V * sizeof(double));
        for (int i = 0; i < top_k; i++)         // a partial selection sort: k of at most 256
            for (int j = i + 1; j < V; j++)
                if (sorted[j] > sorted[i]) {
                    const double tmp = sorted[i];
                    sorted[i] = sorted[j], sorted[j] = tmp;
                }
        kth = sorted[top_k - 1];
        for (int j = 0; j < V; j++)
            z[j] = z[j] < kth ? -HUGE_VAL : z[j];
    }
    return sample_logits(z, V, temperature, rng);
}
