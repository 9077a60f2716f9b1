/**
 * @file chapters/11-rnn/model.c
 * @brief The model around the cells: its parameters, the output layer, a chunk forward and back.
 */
#include "model.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "../../common/loss.h"
#include "lstm.h"
#include "rnn.h"

size_t model_size(CellKind cell, int V, int H)
{
    const size_t G = cell == CELL_LSTM ? 4 * (size_t)H : (size_t)H;
    return (size_t)V * G + (size_t)H * G + G + (size_t)H * V + (size_t)V;
}

const char *cell_name(CellKind cell)
{
    return cell == CELL_LSTM ? "lstm" : "rnn";
}

Model model_new(CellKind cell, int V, int H)
{
    Model m = {.cell = cell, .V = V, .H = H, .G = cell == CELL_LSTM ? 4 * H : H};
    m.n = model_size(cell, V, H);
    m.p = nn_alloc(m.n, sizeof(double), "the model's parameters");
    double *at = m.p;
    m.Wx = (Mat){V, m.G, at}, at += mat_size(&m.Wx);
    m.Wh = (Mat){H, m.G, at}, at += mat_size(&m.Wh);
    m.b = (Mat){1, m.G, at}, at += mat_size(&m.b);
    m.Why = (Mat){H, V, at}, at += mat_size(&m.Why);
    m.by = (Mat){1, V, at}, at += mat_size(&m.by);
    assert(at == m.p + m.n);
    return m;
}

void model_init(Model *m, Rng *rng, double whh)
{
    const double sh = whh / sqrt((double)m->H), so = 0.1 / sqrt((double)m->H);
    memset(m->p, 0, m->n * sizeof(double));
    for (size_t i = 0; i < mat_size(&m->Wx); i++)
        m->Wx.data[i] = 0.5 * rng_normal(rng);
    for (size_t i = 0; i < mat_size(&m->Wh); i++)
        m->Wh.data[i] = sh * rng_normal(rng);
    for (size_t i = 0; i < mat_size(&m->Why); i++)
        m->Why.data[i] = so * rng_normal(rng);
    if (m->cell == CELL_LSTM)
        for (int j = m->H; j < 2 * m->H; j++)
            m->b.data[j] = 1.0;                 // the forget gate starts open: s(1) = 0.73
}

void model_free(Model *m)
{
    free(m->p);
    m->p = NULL;
}

void model_params(const Model *m, Param p[5])
{
    const Mat *mats[5] = {&m->Wx, &m->Wh, &m->b, &m->Why, &m->by};
    static const char *rnn[5] = {"Wxh", "Whh", "bh", "Why", "by"}, *lstm[5] = {"Wx", "Wh", "b", "Why", "by"};
    for (int k = 0; k < 5; k++)
        p[k] = (Param){m->cell == CELL_LSTM ? lstm[k] : rnn[k], mats[k]->rows, mats[k]->cols, mats[k]->data};
}

State state_new(int B, int H)
{
    return (State){mat_new(B, H), mat_new(B, H)};
}

void state_free(State *s)
{
    mat_free(&s->h), mat_free(&s->c);
}

void state_reset(State *s, int k)
{
    memset(s->h.data + (size_t)k * s->h.cols, 0, sizeof(double) * (size_t)s->h.cols);
    memset(s->c.data + (size_t)k * s->c.cols, 0, sizeof(double) * (size_t)s->c.cols);
}

Chunk chunk_new(const Model *m, int B, int T)
{
    const int lstm = m->cell == CELL_LSTM;
    Chunk c = {.B = B, .T = T, .capacity = T};
    c.hs = mat_new((T + 1) * B, m->H);
    c.cs = mat_new(lstm ? (T + 1) * B : 1, m->H);
    c.acts = mat_new(lstm ? T * B : 1, m->G);
    c.Z = mat_new(T * B, m->V);
    c.dH = mat_new(T * B, m->H);
    c.dh = mat_new(B, m->H), c.dh_next = mat_new(B, m->H);
    c.dc = mat_new(B, m->H), c.dc_next = mat_new(B, m->H);
    c.dpre = mat_new(B, m->G);
    c.dh_norm = nn_alloc((size_t)T, sizeof(double), "the norms of dE/dh_t");
    return c;
}

void chunk_free(Chunk *c)
{
    mat_free(&c->hs), mat_free(&c->cs), mat_free(&c->acts), mat_free(&c->Z), mat_free(&c->dH);
    mat_free(&c->dh), mat_free(&c->dh_next), mat_free(&c->dc), mat_free(&c->dc_next), mat_free(&c->dpre);
    free(c->dh_norm);
}

//! [forward]
double model_forward(const Model *m, const int *x, const int *y, int T, State *s, Chunk *c)
{
    const int B = c->B;
    assert(T <= c->capacity && s->h.rows == B);
    c->T = T;
    Mat h0 = mat_rows(&c->hs, 0, B), c0 = mat_rows(&c->cs, 0, m->cell == CELL_LSTM ? B : 1);
    mat_copy(&h0, &s->h);
    if (m->cell == CELL_LSTM)
        mat_copy(&c0, &s->c);
    for (int t = 0; t < T; t++) {                   // the recurrence: one step at a time
        Mat h_prev = mat_rows(&c->hs, t * B, B), h = mat_rows(&c->hs, (t + 1) * B, B);
        if (m->cell == CELL_RNN) {
            rnn_step_forward(m, x + (size_t)t * B, &h_prev, &h);
        } else {
            Mat c_prev = mat_rows(&c->cs, t * B, B), cc = mat_rows(&c->cs, (t + 1) * B, B);
            Mat act = mat_rows(&c->acts, t * B, B);
            lstm_step_forward(m, x + (size_t)t * B, &h_prev, &c_prev, &act, &cc, &h);
        }
    }
    Mat hT = mat_rows(&c->hs, T * B, B), H = mat_rows(&c->hs, B, T * B), Z = mat_rows(&c->Z, 0, T * B);
    mat_copy(&s->h, &hT);                           // the state after the chunk, carried to the next
    if (m->cell == CELL_LSTM) {
        Mat cT = mat_rows(&c->cs, T * B, B);
        mat_copy(&s->c, &cT);
    }
    gemm_mat(&Z, &H, 0, &m->Why, 0, 0);             // the output layer, every step in one product
    mat_add_row(&Z, &Z, &m->by);
    return y ? loss_cross_entropy(&Z, y) : 0.0;
}
//! [forward]

void output_backward(const Model *m, const int *y, Chunk *c, Model *g)
{
    const int B = c->B, T = c->T;
    Mat H = mat_rows(&c->hs, B, T * B), Z = mat_rows(&c->Z, 0, T * B), dH = mat_rows(&c->dH, 0, T * B);
    loss_softmax(&Z, &Z);                           // dE/dZ = (softmax(Z) - onehot) / (T B)
    loss_softmax_backward(&Z, &Z, y);
    gemm_mat(&g->Why, &H, 1, &Z, 0, 0);
    mat_sum_rows(&g->by, &Z);
    gemm_mat(&dH, &Z, 0, &m->Why, 1, 0);            // dE/dh_t through the step's own output
}

//! [backward]
void model_backward(const Model *m, const int *x, const int *y, Chunk *c, Model *g, State *s0)
{
    memset(g->p, 0, g->n * sizeof(double));
    output_backward(m, y, c, g);
    if (m->cell == CELL_RNN)
        rnn_bptt(m, x, c, g, s0 ? &s0->h : NULL);
    else
        lstm_bptt(m, x, c, g, s0 ? &s0->h : NULL, s0 ? &s0->c : NULL);
}
//! [backward]
