/**
 * @file chapters/12-gpt/check.c
 * @brief --check: every layer's backward pass against central differences, the whole model against chapter 08's tape.
 *
 * Everything here is double. A layer y = layer(v) of inputs and parameters v is
 * checked through the scalar loss f(v) = sum u * y for a random u: df/dv from the
 * layer's backward pass with dy = u, against (f(v + h e_i) - f(v - h e_i)) / 2h
 * for every i. The error is max |analytic - numeric| over the largest of them.
 */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "../../common/rng.h"
#include "gpt.h"
#include "tape_attention.h"

// A tiny model's sizes: B sequences of T, E features in H heads, V bytes.
enum { B = 2, T = 5, E = 8, H = 2, V = 7, N = B * T };

static const int ids[N] = {1, 4, 4, 0, 6, 2, 2, 5, 1, 4};       // repeats: a row of tok used twice
static const int targets[N] = {4, 4, 0, 6, 3, 2, 5, 1, 4, 0};

/* The layer under test: sizes of its parts, and u. */
typedef struct {
    int which;          /**< which layer (below) */
    double u[N * 4 * E];/**< dE/dy: random */
    Shape s;            /**< the whole model's shape (which == WHOLE) */
} Layer;

enum { LAYERNORM, LINEAR, GELU, ATTENTION, EMBED, SOFTMAX_CE, WHOLE, LAYERS };
static const char *NAMES[LAYERS] = {"layer norm (x, g, b)", "linear (x, W, b)", "GELU", "causal attention, 2 heads",
                                    "embeddings (tok, pos)", "softmax with cross-entropy", "the whole model"};

/* How many numbers v holds for each layer. */
static size_t size_of(const Layer *c)
{
    switch (c->which) {
    case LAYERNORM: return N * E + 2 * E;
    case LINEAR: return N * E + E * 3 * E + 3 * E;
    case GELU: return N * 4 * E;
    case ATTENTION: return N * 3 * E;
    case EMBED: return V * E + T * E;
    case SOFTMAX_CE: return N * V;
    default: return c->s.n;
    }
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* f(v), and with g, df/dv from the backward pass into g. */
static double layer(const Layer *c, const double *v, double *g)
{
    double y[N * 4 * E], stats[2 * N], att[B * H * T * T], E_ = 0;
    switch (c->which) {
    case LAYERNORM:
        layernorm_forward_f64(y, stats, v, v + N * E, v + N * E + E, N, E);
        if (g)
            layernorm_backward_f64(g, g + N * E, g + N * E + E, c->u, v, stats, v + N * E, N, E);
        return dot(c->u, y, N * E);
    case LINEAR:
        linear_forward_f64(y, v, v + N * E, v + N * E + 3 * E * E, N, E, 3 * E);
        if (g)
            linear_backward_f64(g, g + N * E, g + N * E + 3 * E * E, c->u, v, v + N * E, N, E, 3 * E, 0);
        return dot(c->u, y, N * 3 * E);
    case GELU:
        gelu_forward_f64(y, v, N * 4 * E);
        if (g)
            gelu_backward_f64(g, c->u, v, N * 4 * E);
        return dot(c->u, y, N * 4 * E);
    case ATTENTION:
        attention_forward_f64(y, att, v, B, T, E, H);
        if (g) {
            double *scratch = nn_alloc((size_t)gemm_thread_count() * T * T, sizeof(double), "scratch");
            attention_backward_f64(g, scratch, c->u, att, v, B, T, E, H);
            free(scratch);
        }
        return dot(c->u, y, N * E);
    case EMBED:
        embed_forward_f64(y, ids, v, v + V * E, B, T, E);
        if (g)
            embed_backward_f64(g, g + V * E, c->u, ids, B, T, E);
        return dot(c->u, y, N * E);
    case SOFTMAX_CE:
        memcpy(y, v, N * V * sizeof(double));
        E_ = softmax_cross_entropy_f64(y, targets, N, V, g != NULL);
        if (g)
            memcpy(g, y, N * V * sizeof(double));
        return E_;
    default: {
        Acts_f64 a;
        acts_init_f64(&a, &c->s, B);
        E_ = gpt_forward_f64(&a, &c->s, v, ids, targets, B, T);
        if (g)
            gpt_backward_f64(g, &a, &c->s, v, ids);
        acts_free_f64(&a);
        return E_;
    }
    }
}

/* max |a - b| / max |a|, |b|. */
static double relative(const double *a, const double *b, size_t n)
{
    double diff = 0, big = 1e-300;
    for (size_t i = 0; i < n; i++)
        diff = fmax(diff, fabs(a[i] - b[i])), big = fmax(big, fmax(fabs(a[i]), fabs(b[i])));
    return diff / big;
}

//! [finite_differences]
/* The layer's gradient against central differences at a random point: the relative error. */
static double against_differences(Layer *c, Rng *rng)
{
    const size_t n = size_of(c);
    double *v = nn_alloc(n, sizeof(double), "a point"), *g = nn_alloc(n, sizeof(double), "its gradient");
    double *num = nn_alloc(n, sizeof(double), "the differences");
    for (size_t i = 0; i < n; i++)
        v[i] = rng_normal(rng);
    if (c->which == WHOLE)
        for (size_t i = 0; i < n; i++)
            v[i] *= 0.3;
    for (int i = 0; i < N * 4 * E; i++)
        c->u[i] = rng_normal(rng);
    layer(c, v, g);
    const double h = 1e-5;
    for (size_t i = 0; i < n; i++) {
        const double keep = v[i];
        v[i] = keep + h;
        const double up = layer(c, v, NULL);
        v[i] = keep - h;
        num[i] = (up - layer(c, v, NULL)) / (2 * h);
        v[i] = keep;
    }
    const double err = relative(g, num, n);
    free(v), free(g), free(num);
    return err;
}
//! [finite_differences]

// ----------------------------------------------------------------------------
// the whole model on chapter 08's tape

/* A constant rows x cols matrix on the tape, filled with x. */
static Node *constant(Tape *t, int rows, int cols, double x)
{
    Mat m = tape_mat(t, rows, cols);
    mat_fill(&m, x);
    return t_input(t, &m);
}

/* Layer norm from the tape's operations: mean and variance by products with a column of 1/E. */
static Node *tape_layernorm(Tape *t, Node *x, Node *g, Node *b)
{
    const int rows = x->val.rows, cols = x->val.cols;
    Node *avg = constant(t, cols, 1, 1.0 / cols), *across = constant(t, 1, cols, 1.0);
    Node *xc = t_sub(x, t_matmul(t_matmul(x, avg), across));
    Node *r = t_rsqrt(t_matmul(t_mul(xc, xc), avg), 1e-5);
    Node *xhat = t_mul(xc, t_matmul(r, across));
    return t_add_row(t_mul(xhat, t_matmul(constant(t, rows, 1, 1.0), g)), b);
}

static Node *tape_gelu(Node *x)
{
    Node *cube = t_mul(x, t_mul(x, x));
    Node *th = t_tanh(t_scale(t_add(x, t_scale(cube, 0.044715)), sqrt(2 / acos(-1.0))));
    return t_scale(t_add(x, t_mul(x, th)), 0.5);    // x/2 (1 + tanh u)
}

/* A 0/1 matrix with ones at (i, off_c + i) for i < n, from offset off_r: picks or places rows or columns. */
static Node *picker(Tape *t, int rows, int cols, int off_r, int off_c, int n)
{
    Mat m = tape_mat(t, rows, cols);
    mat_fill(&m, 0);
    for (int i = 0; i < n; i++)
        m.data[(size_t)(off_r + i) * cols + off_c + i] = 1;
    return t_input(t, &m);
}

static Node *tape_attention(Tape *t, Node *qkv, const Shape *s)
{
    const int d = s->E / s->H;
    Mat m = tape_mat(t, T, T);
    for (int i = 0; i < T; i++)
        for (int j = 0; j < T; j++)
            m.data[i * T + j] = j <= i ? 0 : -1e300;    // the causal mask, added to the scores
    Node *mask = t_input(t, &m), *heads = NULL;
    for (int b = 0; b < B; b++) {
        Node *rows = picker(t, T, N, 0, b * T, T);      // sequence b's rows of qkv
        Node *seq = t_matmul(rows, qkv);
        for (int h = 0; h < s->H; h++) {
            Node *q = t_matmul(seq, picker(t, 3 * s->E, d, h * d, 0, d));
            Node *k = t_matmul(seq, picker(t, 3 * s->E, d, s->E + h * d, 0, d));
            Node *v = t_matmul(seq, picker(t, 3 * s->E, d, 2 * s->E + h * d, 0, d));
            Node *att = t_softmax_rows(t_add(t_scale(t_matmul(q, t_transpose(k)), 1 / sqrt((double)d)), mask));
            Node *out = t_matmul(picker(t, N, T, b * T, 0, T), t_matmul(t_matmul(att, v), picker(t, d, s->E, 0, h * d,
                                                                                                  d)));
            heads = heads ? t_add(heads, out) : out;
        }
    }
    return heads;
}

/* The model's loss on the tape; params[i] the nodes of the matrices in the file's order. */
static Node *tape_model(Tape *t, const Shape *s, Params *p, Node **params)
{
    for (int i = 0; i < p->n; i++) {
        Mat m = {.rows = p->p[i].rows, .cols = p->p[i].cols, .data = p->p[i].data};
        params[i] = t_param(t, &m);
    }
    Mat onehot = tape_mat(t, N, s->V), at = tape_mat(t, N, s->T);     // each row's id, and its position
    mat_fill(&onehot, 0), mat_fill(&at, 0);
    for (int i = 0; i < N; i++)
        onehot.data[(size_t)i * s->V + ids[i]] = 1, at.data[(size_t)i * s->T + i % T] = 1;
    Node *x = t_add(t_matmul(t_input(t, &onehot), params[0]), t_matmul(t_input(t, &at), params[1]));
    for (int l = 0; l < s->L; l++) {
        Node **q = params + 2 + 12 * l;                 // ln1_g ln1_b Wqkv bqkv Wo bo ln2_g ln2_b W1 b1 W2 b2
        Node *qkv = t_add_row(t_matmul(tape_layernorm(t, x, q[0], q[1]), q[2]), q[3]);
        Node *mid = t_add(x, t_add_row(t_matmul(tape_attention(t, qkv, s), q[4]), q[5]));
        Node *hid = t_add_row(t_matmul(tape_layernorm(t, mid, q[6], q[7]), q[8]), q[9]);
        x = t_add(mid, t_add_row(t_matmul(tape_gelu(hid), q[10]), q[11]));
    }
    Node **f = params + 2 + 12 * s->L;
    Node *logits = t_add_row(t_matmul(tape_layernorm(t, x, f[0], f[1]), f[2]), f[3]);
    return t_softmax_ce(logits, targets);
}

/* The whole tiny model's gradient from gpt_backward() against the tape's: the relative error. */
static double against_tape(const Shape *s, Rng *rng)
{
    double *w = nn_alloc(s->n, sizeof(double), "the weights"), *g = nn_alloc(s->n, sizeof(double), "a gradient");
    for (size_t i = 0; i < s->n; i++)
        w[i] = 0.3 * rng_normal(rng);
    Acts_f64 a;
    acts_init_f64(&a, s, B);
    gpt_forward_f64(&a, s, w, ids, targets, B, T);
    gpt_backward_f64(g, &a, s, w, ids);
    acts_free_f64(&a);
    Params p;
    params_of(&p, s, w);
    Node *params[4 + 12 * MAX_LAYERS + 4];
    Tape t;
    tape_init(&t);
    tape_backward(tape_model(&t, s, &p, params));
    double err = 0;
    for (int i = 0; i < p.n; i++) {
        const size_t at = (size_t)(p.p[i].data - w), n = (size_t)p.p[i].rows * p.p[i].cols;
        err = fmax(err, relative(g + at, params[i]->grad.data, n));
    }
    tape_free(&t);
    free(w), free(g);
    return err;
}

int check_all(int quiet)
{
    Rng rng;
    rng_seed(&rng, 12);
    const Shape s = shape_new(2, H, E, T, V);
    int ok = 1;
    if (!quiet)
        printf("Every backward pass against central differences (h 1e-5; B %d, T %d, E %d, H %d, V %d; double):\n", B,
               T, E, H, V);
    for (int k = 0; k < LAYERS; k++) {
        Layer c = {.which = k, .s = s};
        const double err = against_differences(&c, &rng);
        ok &= err <= 1e-6;
        if (!quiet || err > 1e-6)
            printf("  %-28s %9.2e  %s\n", NAMES[k], err, err <= 1e-6 ? "(<= 1e-6)" : "MORE THAN 1e-6");
    }
    const double tape = against_tape(&s, &rng);
    ok &= tape <= 1e-10;
    if (!quiet || tape > 1e-10)
        printf("The whole model (2 blocks) against chapter 08's tape: %.2e  %s\n", tape,
               tape <= 1e-10 ? "(<= 1e-10)" : "MORE THAN 1e-10");
    return ok;
}
