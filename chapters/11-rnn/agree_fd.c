/*
 * Each cell's backward pass against central differences: small random shapes,
 * short chunks, a state carried in (h and, for the lstm, c), the gradient of
 * every parameter and of the state before the chunk. (Reference code only:
 * the rnn's own exercises are tested in test_rnn.c.)
 */
#include <criterion/criterion.h>
#include <math.h>

#include "lstm.h"
#include "model.h"

TestSuite(cells, .timeout = 20.0);

static double loss_from(const Model *m, const int *x, const int *y, int T, const State *s0, Chunk *c)
{
    State s = state_new(c->B, m->H);
    mat_copy(&s.h, &s0->h), mat_copy(&s.c, &s0->c);
    const double E = model_forward(m, x, y, T, &s, c);
    state_free(&s);
    return E;
}

static double central(double *p, const Model *m, const int *x, const int *y, int T, const State *s0, Chunk *c)
{
    const double keep = *p, e = 1e-5;
    *p = keep + e;
    const double up = loss_from(m, x, y, T, s0, c);
    *p = keep - e;
    const double down = loss_from(m, x, y, T, s0, c);
    *p = keep;
    return (up - down) / (2 * e);
}

static void check_cell(CellKind cell, int V, int H, int B, int T, unsigned long seed)
{
    Rng r;
    rng_seed(&r, seed);
    Model m = model_new(cell, V, H), g = model_new(cell, V, H);
    for (size_t i = 0; i < m.n; i++)
        m.p[i] = 0.6 * rng_normal(&r);
    int x[64], y[64];
    for (int i = 0; i < T * B; i++)
        x[i] = (int)rng_below(&r, (uint64_t)V), y[i] = (int)rng_below(&r, (uint64_t)V);
    State s0 = state_new(B, H), s = state_new(B, H), ds0 = state_new(B, H);
    for (int i = 0; i < B * H; i++)
        s0.h.data[i] = 0.8 * rng_normal(&r), s0.c.data[i] = rng_normal(&r);
    mat_copy(&s.h, &s0.h), mat_copy(&s.c, &s0.c);
    Chunk c = chunk_new(&m, B, T);
    model_forward(&m, x, y, T, &s, &c);
    model_backward(&m, x, y, &c, &g, &ds0);
    for (size_t i = 0; i < m.n; i++) {
        const double num = central(&m.p[i], &m, x, y, T, &s0, &c);
        cr_assert(fabs(num - g.p[i]) <= 1e-6 * fmax(fabs(num) + fabs(g.p[i]), 1e-3), "%s, parameter %zu: backward "
                  "%.10g, finite differences %.10g", cell_name(cell), i, g.p[i], num);
    }
    const int states = cell == CELL_LSTM ? 2 : 1;
    for (int k = 0; k < states; k++)
        for (int i = 0; i < B * H; i++) {
            Mat *in = k ? &s0.c : &s0.h, *d = k ? &ds0.c : &ds0.h;
            const double num = central(&in->data[i], &m, x, y, T, &s0, &c);
            cr_assert(fabs(num - d->data[i]) <= 1e-6 * fmax(fabs(num) + fabs(d->data[i]), 1e-3), "%s, the carried "
                      "%s[%d]: backward %.10g, finite differences %.10g", cell_name(cell), k ? "c" : "h", i,
                      d->data[i], num);
        }
    model_free(&m), model_free(&g), state_free(&s0), state_free(&s), state_free(&ds0), chunk_free(&c);
}

Test(cells, rnn_against_finite_differences)
{
    check_cell(CELL_RNN, 6, 5, 3, 7, 11);
    check_cell(CELL_RNN, 3, 2, 1, 1, 12);
}

Test(cells, lstm_against_finite_differences)
{
    check_cell(CELL_LSTM, 6, 5, 3, 7, 13);
    check_cell(CELL_LSTM, 4, 3, 2, 1, 14);
    check_cell(CELL_LSTM, 3, 2, 1, 9, 15);
}

/* The chunks of a stream read one after the other give the same logits as the whole stream at once. */
Test(cells, carried_state_is_the_whole_stream)
{
    for (int cell = 0; cell < 2; cell++) {
        Rng r;
        rng_seed(&r, 20);
        Model m = model_new((CellKind)cell, 4, 3);
        for (size_t i = 0; i < m.n; i++)
            m.p[i] = 0.5 * rng_normal(&r);
        int x[12];
        for (int i = 0; i < 12; i++)
            x[i] = (int)rng_below(&r, 4);
        Chunk whole = chunk_new(&m, 1, 12), part = chunk_new(&m, 1, 5);
        State a = state_new(1, 3), b = state_new(1, 3);
        model_forward(&m, x, NULL, 12, &a, &whole);
        for (int start = 0; start < 12; start += 5) {
            const int T = 12 - start < 5 ? 12 - start : 5;
            model_forward(&m, x + start, NULL, T, &b, &part);
            for (int i = 0; i < T * 4; i++)
                cr_assert(fabs(part.Z.data[i] - whole.Z.data[start * 4 + i]) < 1e-12, "%s: chunk at %d, logit %d",
                          cell_name((CellKind)cell), start, i);
        }
        state_free(&a), state_free(&b), chunk_free(&whole), chunk_free(&part), model_free(&m);
    }
}
