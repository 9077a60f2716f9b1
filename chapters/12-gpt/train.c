/**
 * @file chapters/12-gpt/train.c
 * @brief Batches of random windows, a training step in float on double master weights, and the loss over a text.
 */
#include "train.h"

#include <math.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/optim.h"
#include "../../common/run.h"

Trainer trainer_new(const Shape *s, double *w, int B, long steps, double lr, long warmup, double weight_decay,
                    double clip)
{
    Trainer t = {.s = *s, .w = w, .steps = steps, .lr = lr, .warmup = warmup, .clip = clip};
    t.wf = nn_alloc(s->n, sizeof(float), "the float weights");
    t.gf = nn_alloc(s->n, sizeof(float), "the float gradient");
    t.g = nn_alloc(s->n, sizeof(double), "the gradient");
    t.opt = adamw_new(s, weight_decay);
    acts_init_f32(&t.acts, s, B);
    t.x = nn_alloc((size_t)B * s->T, sizeof(int), "a batch");
    t.y = nn_alloc((size_t)B * s->T, sizeof(int), "its targets");
    return t;
}

void trainer_free(Trainer *t)
{
    free(t->wf), free(t->gf), free(t->g), free(t->x), free(t->y);
    adamw_free(&t->opt);
    acts_free_f32(&t->acts);
}

void weights_to_float(float *wf, const double *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wf[i] = (float)w[i];
}

//! [train_step]
double train_step(Trainer *t, const int *ids, long n, Rng *rng)
{
    const int B = t->acts.cap, T = t->s.T;
    for (int b = 0; b < B; b++) {                       // B windows of T + 1 bytes from anywhere in the text
        const long at = (long)rng_below(rng, (uint64_t)(n - T));
        for (int i = 0; i < T; i++)
            t->x[b * T + i] = ids[at + i], t->y[b * T + i] = ids[at + i + 1];
    }
    weights_to_float(t->wf, t->w, t->s.n);
    const double loss = gpt_forward_f32(&t->acts, &t->s, t->wf, t->x, t->y, B, T);
    gpt_backward_f32(t->gf, &t->acts, &t->s, t->wf, t->x);
    for (size_t i = 0; i < t->s.n; i++)
        t->g[i] = t->gf[i];
    t->norm = optim_clip_global_norm(t->g, t->s.n, t->clip);
    const double lr = optim_schedule(SCHEDULE_COSINE, t->lr, t->step++, t->steps, t->warmup);
    adamw_step(&t->opt, t->w, t->g, lr);
    run_check_diverged(NULL, loss, t->step);
    return loss;
}
//! [train_step]

/* -log p(target) from a row of logits, in double. */
static double nll(const float *z, int V, int target)
{
    double max = z[0], sum = 0;
    for (int j = 1; j < V; j++)
        max = z[j] > max ? z[j] : max;
    for (int j = 0; j < V; j++)
        sum += exp(z[j] - max);
    return log(sum) - (z[target] - max);
}

//! [evaluate]
double evaluate(const Shape *s, const float *wf, Acts_f32 *a, const int *ids, long n, long limit)
{
    // Windows of T bytes that overlap by T/2: a window scores its last T - T/2 predictions (the first window
    // all of them), so that every byte is predicted from at least T/2 bytes before it.
    const int T = s->T, step = T - T / 2;
    const long all = (n - 1 - T) / step + 1;   // windows at 0, step, 2 step, ... while a window and its target fit
    long windows = all, stride = step;
    if (limit > 0 && limit / step < all) {      // fewer, spread evenly from the start to the last place one fits
        windows = limit / step > 1 ? limit / step : 1;
        stride = windows > 1 ? (n - 1 - T) / (windows - 1) : step;
    }
    int *x = nn_alloc((size_t)a->cap * T, sizeof(int), "a window");
    double sum = 0;
    long scored = 0;
    for (long k0 = 0; k0 < windows; k0 += a->cap) {
        const int B = windows - k0 < a->cap ? (int)(windows - k0) : a->cap;
        for (int b = 0; b < B; b++)
            for (int i = 0; i < T; i++)
                x[b * T + i] = ids[(k0 + b) * stride + i];
        gpt_forward_f32(a, s, wf, x, NULL, B, T);
        for (int b = 0; b < B; b++) {
            const long at = (k0 + b) * stride;
            for (int i = at == 0 ? 0 : T - step; i < T; i++, scored++)
                sum += nll(a->logits + ((size_t)b * T + i) * s->V, s->V, ids[at + i + 1]);
        }
    }
    free(x);
    return sum / scored;
}
//! [evaluate]
