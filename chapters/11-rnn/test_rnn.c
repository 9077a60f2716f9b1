/*
 * Tests of chapter 11's exercises (rnn.h). `make check` runs them against the
 * reference rnn.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex11` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "model.h"
#include "rnn.h"

TestSuite(ex11, .timeout = 20.0);

/* A small rnn with every parameter random (biases and Why too), V 5, H 4. */
static Model small_rnn(unsigned long seed)
{
    Rng r;
    rng_seed(&r, seed);
    Model m = model_new(CELL_RNN, 5, 4);
    for (size_t i = 0; i < m.n; i++)
        m.p[i] = 0.5 * rng_normal(&r);
    return m;
}

static double relative(double a, double b)
{
    return fabs(a - b) / fmax(fabs(a) + fabs(b), 1e-3);
}

/* E = sum u * h for the step forward from h_prev (B 3): the step's loss for the tests. */
static double step_loss(const Model *m, const int *x, const Mat *h_prev, const Mat *u)
{
    Mat h = mat_new(h_prev->rows, m->H);
    rnn_step_forward(m, x, h_prev, &h);
    double E = 0;
    for (size_t i = 0; i < mat_size(&h); i++)
        E += u->data[i] * h.data[i];
    mat_free(&h);
    return E;
}

Test(ex11, rnn_step_backward)
{
    Model m = small_rnn(3), g = model_new(CELL_RNN, 5, 4);
    Rng r;
    rng_seed(&r, 4);
    const int x[3] = {2, 0, 2};                     // id 2 twice: its row of Wxh gets both streams' share
    Mat h_prev = mat_new(3, 4), u = mat_new(3, 4), h = mat_new(3, 4), dh = mat_new(3, 4), dh_prev = mat_new(3, 4);
    for (int i = 0; i < 12; i++)
        h_prev.data[i] = 0.8 * rng_normal(&r), u.data[i] = rng_normal(&r);
    for (size_t i = 0; i < g.n; i++)
        g.p[i] = 1.0;                               // the step adds to what is there
    rnn_step_forward(&m, x, &h_prev, &h);
    mat_copy(&dh, &u);                              // dE/dh_t = u
    rnn_step_backward(&m, x, &h_prev, &h, &dh, &g, &dh_prev);
    // bh first: its gradient is dE/da_t's column sums, so a wrong tanh slope shows there, with its own hint
    const char *names[3] = {"bh", "Whh", "Wxh"};
    const Mat *mats[3] = {&m.b, &m.Wh, &m.Wx}, *grads[3] = {&g.b, &g.Wh, &g.Wx};
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < mat_size(mats[k]); i++) {
            const double keep = mats[k]->data[i], e = 1e-6;
            mats[k]->data[i] = keep + e;
            const double up = step_loss(&m, x, &h_prev, &u);
            mats[k]->data[i] = keep - e;
            const double down = step_loss(&m, x, &h_prev, &u);
            mats[k]->data[i] = keep;
            const double num = (up - down) / (2 * e), got = grads[k]->data[i] - 1.0;
            cr_assert(relative(num, got) < 1e-6, "dE/d%s[%zu]: your rnn_step_backward added %.8g to g, finite "
                      "differences give %.8g.%s", names[k], i, got, num,
                      got == 0 ? " Hint: nothing was added there. dE/da_t = dE/dh_t (1 - h_t^2); then dE/dWhh += "
                      "h_{t-1}^T dE/da_t, dE/dbh += its column sums, row x_k of dE/dWxh += its row k." :
                      relative(num, got + 1.0) < 1e-6 ? " Hint: g held 1 before the call: add to g, do not overwrite "
                      "it (a chunk's steps add up)." : k == 2 ? " Hint: row x_k of dE/dWxh gets row k of dE/da_t; an "
                      "id read by two streams gets both rows." : " Hint: dE/da_t = dE/dh_t (1 - h_t^2), tanh's slope "
                      "written with its output h_t.");
        }
    for (int i = 0; i < 12; i++) {
        const double keep = h_prev.data[i], e = 1e-6;
        h_prev.data[i] = keep + e;
        const double up = step_loss(&m, x, &h_prev, &u);
        h_prev.data[i] = keep - e;
        const double down = step_loss(&m, x, &h_prev, &u);
        h_prev.data[i] = keep;
        const double num = (up - down) / (2 * e);
        cr_assert(relative(num, dh_prev.data[i]) < 1e-6, "dE/dh_{t-1}[%d]: yours %.8g, finite differences %.8g. "
                  "Hint: dE/dh_{t-1} = dE/da_t Whh^T.", i, dh_prev.data[i], num);
    }
    mat_free(&h_prev), mat_free(&u), mat_free(&h), mat_free(&dh), mat_free(&dh_prev);
    model_free(&m), model_free(&g);
}

/* The mean loss of a chunk from the state s0 (copied: the forward pass moves its state on). */
static double chunk_loss(const Model *m, const int *x, const int *y, int T, const State *s0, Chunk *c)
{
    State s = state_new(c->B, m->H);
    mat_copy(&s.h, &s0->h), mat_copy(&s.c, &s0->c);
    const double E = model_forward(m, x, y, T, &s, c);
    state_free(&s);
    return E;
}

/* Whether rnn_step_backward agrees with finite differences on one step (the loop's test needs it right). */
static int step_backward_right(void)
{
    Model m = small_rnn(7), g = model_new(CELL_RNN, 5, 4);
    Rng r;
    rng_seed(&r, 8);
    const int x[3] = {1, 4, 1};
    Mat h_prev = mat_new(3, 4), u = mat_new(3, 4), h = mat_new(3, 4), dh = mat_new(3, 4), dh_prev = mat_new(3, 4);
    for (int i = 0; i < 12; i++)
        h_prev.data[i] = 0.8 * rng_normal(&r), u.data[i] = rng_normal(&r);
    rnn_step_forward(&m, x, &h_prev, &h);
    mat_copy(&dh, &u);
    rnn_step_backward(&m, x, &h_prev, &h, &dh, &g, &dh_prev);
    int right = 1;
    for (size_t i = 0; i < m.n && right; i++) {
        if (m.p + i >= m.Why.data)
            break;                                  // the step's own weights only (Wxh, Whh, bh)
        const double keep = m.p[i], e = 1e-6;
        m.p[i] = keep + e;
        const double up = step_loss(&m, x, &h_prev, &u);
        m.p[i] = keep - e;
        const double down = step_loss(&m, x, &h_prev, &u);
        m.p[i] = keep;
        right = relative((up - down) / (2 * e), g.p[i]) < 1e-6;
    }
    mat_free(&h_prev), mat_free(&u), mat_free(&h), mat_free(&dh), mat_free(&dh_prev);
    model_free(&m), model_free(&g);
    return right;
}

Test(ex11, rnn_bptt)
{
    cr_assert(step_backward_right(), "rnn_bptt calls your rnn_step_backward, which does not agree with finite "
              "differences yet: make its test (ex11::rnn_step_backward) pass first.");
    enum { B = 2, T = 6 };
    Model m = small_rnn(5), g = model_new(CELL_RNN, 5, 4);
    const int x[T * B] = {1, 0, 3, 2, 4, 4, 0, 1, 2, 3, 1, 1}, y[T * B] = {3, 2, 4, 4, 0, 1, 2, 3, 1, 1, 0, 2};
    Chunk c = chunk_new(&m, B, T);
    State s0 = state_new(B, 4), s = state_new(B, 4), ds0 = state_new(B, 4);
    Rng r;
    rng_seed(&r, 6);
    for (int i = 0; i < B * 4; i++)
        s0.h.data[i] = 0.7 * rng_normal(&r);        // a state carried from the chunk before
    mat_copy(&s.h, &s0.h);
    model_forward(&m, x, y, T, &s, &c);
    model_backward(&m, x, y, &c, &g, &ds0);
    double worst = 0;
    size_t where = 0;
    for (size_t i = 0; i < m.n; i++) {
        const double keep = m.p[i], e = 1e-5;
        m.p[i] = keep + e;
        const double up = chunk_loss(&m, x, y, T, &s0, &c);
        m.p[i] = keep - e;
        const double down = chunk_loss(&m, x, y, T, &s0, &c);
        m.p[i] = keep;
        const double d = relative((up - down) / (2 * e), g.p[i]);
        if (d > worst)
            worst = d, where = i;
    }
    const char *in = where < mat_size(&m.Wx) ? "Wxh" : where < mat_size(&m.Wx) + mat_size(&m.Wh) ? "Whh" : "bh or Why";
    cr_assert(worst < 1e-6, "the chunk's gradient (6 steps, 2 streams, a carried state) differs from finite differences "
              "by %.2g (a relative error: 1 is entirely wrong) at parameter %zu (in %s). Hint: every step t = T-1 down to 0 gets dE/dh_t = its own "
              "output's share + what came back from step t+1; check the first and last steps of your loop.",
              worst, where, in);
    for (int i = 0; i < B * 4; i++) {
        const double keep = s0.h.data[i], e = 1e-5;
        s0.h.data[i] = keep + e;
        const double up = chunk_loss(&m, x, y, T, &s0, &c);
        s0.h.data[i] = keep - e;
        const double down = chunk_loss(&m, x, y, T, &s0, &c);
        s0.h.data[i] = keep;
        const double num = (up - down) / (2 * e);
        cr_assert(relative(num, ds0.h.data[i]) < 1e-6, "dE/dh_{-1}[%d], the carried state: yours %.8g, finite "
                  "differences %.8g. Hint: it is what comes back out of step 0.", i, ds0.h.data[i], num);
    }
    state_free(&s0), state_free(&s), state_free(&ds0), chunk_free(&c), model_free(&m), model_free(&g);
}

Test(ex11, clip_global_norm)
{
    double g[5] = {3.0, 0.0, -4.0, 0.0, 12.0}, want = 13.0;
    const double norm = clip_global_norm(g, 5, 6.5);
    cr_assert(fabs(norm - want) < 1e-12, "the norm of (3, 0, -4, 0, 12) is 13 (returned before clipping), got %g. "
              "Hint: the square root of the sum of squares of all the numbers.", norm);
    cr_assert(fabs(g[0] - 1.5) < 1e-12 && fabs(g[2] + 2.0) < 1e-12 && fabs(g[4] - 6.0) < 1e-12, "clipped to norm 6.5: "
              "expected (1.5, 0, -2, 0, 6), got (%g, %g, %g, %g, %g). Hint: every number times c / |g|: the direction "
              "is kept.", g[0], g[1], g[2], g[3], g[4]);
    double h[3] = {0.3, -0.4, 0.0};
    cr_assert(fabs(clip_global_norm(h, 3, 1.0) - 0.5) < 1e-12 && h[0] == 0.3 && h[1] == -0.4, "a gradient of norm 0.5 "
              "under the limit 1 is left alone (got %g %g)", h[0], h[1]);
    double k[2] = {30.0, 40.0};
    cr_assert(fabs(clip_global_norm(k, 2, 0.0) - 50.0) < 1e-12 && k[0] == 30.0, "c = 0 means no clipping: (30, 40) "
              "must stay, got (%g, %g)", k[0], k[1]);
}
