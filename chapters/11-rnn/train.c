/**
 * @file chapters/11-rnn/train.c
 * @brief Streams of chunks, a training step of truncated BPTT, and the loss over a whole text.
 */
#include "train.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/run.h"
#include "rnn.h"

Streams streams_new(const int *ids, long n, int B, int T)
{
    Streams s = {.ids = ids, .n = n, .B = B, .T = T, .L = n / B};
    assert(s.L >= T + 1);
    s.x = nn_alloc((size_t)T * B, sizeof(int), "a chunk's inputs");
    s.y = nn_alloc((size_t)T * B, sizeof(int), "a chunk's targets");
    return s;
}

void streams_free(Streams *s)
{
    free(s->x), free(s->y);
}

int streams_next(Streams *s)
{
    int wrapped = 0;
    if (s->pos + s->T + 1 > s->L)
        s->pos = 0, wrapped = 1;
    for (int t = 0; t < s->T; t++)
        for (int k = 0; k < s->B; k++) {
            const int *at = s->ids + (size_t)k * s->L + s->pos + t;
            s->x[t * s->B + k] = at[0];
            s->y[t * s->B + k] = at[1];
        }
    s->pos += s->T;
    s->chunks++;
    return wrapped;
}

double evaluate(const Model *m, const int *ids, long n, int T, long limit)
{
    const int B = n / 2 < 64 ? (int)(n / 2) : 64;
    const long stride = n / B;                      // stream k starts at k stride
    long L = stride;                                // and predicts L - 1 characters
    if (limit > 0 && limit / B < L)
        L = limit / B < 2 ? 2 : limit / B;
    Chunk c = chunk_new(m, B, T);
    State s = state_new(B, m->H);
    int *x = nn_alloc((size_t)T * B, sizeof(int), "a chunk"), *y = nn_alloc((size_t)T * B, sizeof(int), "a chunk");
    double sum = 0;
    for (long pos = 0; pos < L - 1; pos += T) {
        const int steps = L - 1 - pos < T ? (int)(L - 1 - pos) : T;
        for (int t = 0; t < steps; t++)
            for (int k = 0; k < B; k++)
                x[t * B + k] = ids[k * stride + pos + t], y[t * B + k] = ids[k * stride + pos + t + 1];
        sum += model_forward(m, x, y, steps, &s, &c) * steps * B;
    }
    free(x), free(y);
    state_free(&s), chunk_free(&c);
    return sum / ((double)(L - 1) * B);
}

Trainer trainer_new(const Model *m, int B, int T, long steps, double lr, int cosine, double clip, long reset)
{
    return (Trainer){.grad = model_new(m->cell, m->V, m->H), .m1 = model_new(m->cell, m->V, m->H),
                     .m2 = model_new(m->cell, m->V, m->H), .opt = optim_new(OPTIM_ADAM), .state = state_new(B, m->H),
                     .chunk = chunk_new(m, B, T), .steps = steps, .lr = lr, .cosine = cosine, .clip = clip,
                     .reset = reset};
}

void trainer_free(Trainer *t)
{
    model_free(&t->grad), model_free(&t->m1), model_free(&t->m2);
    state_free(&t->state), chunk_free(&t->chunk);
}

//! [train_step]
double train_step(Model *m, Trainer *t, Streams *s)
{
    const int wrapped = streams_next(s);
    if (wrapped || (t->reset > 0 && s->chunks % t->reset == 1 % t->reset))
        for (int k = 0; k < s->B; k++)
            state_reset(&t->state, k);              // a stream back at its start forgets what it read
    const double loss = model_forward(m, s->x, s->y, s->T, &t->state, &t->chunk);
    model_backward(m, s->x, s->y, &t->chunk, &t->grad, NULL);
    t->norm = clip_global_norm(t->grad.p, t->grad.n, t->clip);
    const double lr = optim_schedule(t->cosine ? SCHEDULE_COSINE : SCHEDULE_CONSTANT, t->lr, t->step++, t->steps,
                                     t->steps / 50);
    optim_begin(&t->opt);
    optim_update(&t->opt, m->p, t->grad.p, t->m1.p, t->m2.p, m->n, lr, 0);
    run_check_diverged(NULL, loss, t->step);
    return loss;
}
//! [train_step]
