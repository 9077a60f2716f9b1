/**
 * @file chapters/11-rnn/study.c
 * @brief How far back a gradient reaches: dE_T/dh_t measured step by step back, then clipping's effect on training.
 */
#include "study.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/progress.h"
#include "rnn.h"
#include "train.h"

//! [profile]
/* The norm of dE_T/dh_t, t = T-1 .. 0 (into norm[T-1-t]), E_T the mean loss of the chunk's last step alone. */
static void profile(const Model *m, const Streams *s, double *norm)
{
    const int B = s->B, T = s->T;
    Chunk c = chunk_new(m, B, T);
    State st = state_new(B, m->H);
    Model g = model_new(m->cell, m->V, m->H);
    model_forward(m, s->x, s->y, T, &st, &c);
    memset(g.p, 0, g.n * sizeof(double));
    output_backward(m, s->y, &c, &g);
    Mat early = mat_rows(&c.dH, 0, (T - 1) * B);
    mat_fill(&early, 0.0);                          // only the last step's output: E_T
    rnn_bptt(m, s->x, &c, &g, NULL);
    for (int t = 0; t < T; t++)
        norm[T - 1 - t] = c.dh_norm[t] * T;         // (x T: the last step's loss alone, not its share of the mean)
    model_free(&g), state_free(&st), chunk_free(&c);
}
//! [profile]

void study(const Text *text, const Options *o)
{
    const int T = (int)o->seq, H = (int)o->hidden;
    const int B = text->n_train / o->batch >= T + 1 ? (int)o->batch : (int)(text->n_train / (T + 1));
    Streams probe = streams_new(text->train, text->n_train, B, T);
    streams_next(&probe);                           // the first chunk of each stream, from a zero state
    double *norms = nn_alloc((size_t)T * 4, sizeof(double), "the norms");
    double *losses = nn_alloc((size_t)(o->steps + 1) * 4, sizeof(double), "the losses");
    const double scales[2] = {STUDY_SMALL, STUDY_LARGE};
    for (int k = 0; k < 2; k++) {
        Rng rng;
        rng_seed(&rng, o->seed);
        Model m = model_new(CELL_RNN, text->vocab, H);
        model_init(&m, &rng, scales[k]);
        profile(&m, &probe, norms + (size_t)k * T);
        model_free(&m);
    }
    printf("The gradient-norm experiment: a tanh RNN of %d units, chunks of %d, %d streams\n"
           "  |dE_T/dh_t| at the start, E_T the loss of the last character alone:\n"
           "  %10s %14s %14s\n", H, T, B, "steps back", "Whh scale 0.5", "Whh scale 3");
    for (int back = 0; back < T; back += back < 4 ? 1 : back < 16 ? 4 : 16)
        printf("  %10d %14.3g %14.3g\n", back, norms[back], norms[T + back]);
    for (int k = 0; k < 2; k++) {                   // the large start trained, without clipping and with
        Rng rng;
        rng_seed(&rng, o->seed);
        Model m = model_new(CELL_RNN, text->vocab, H);
        model_init(&m, &rng, STUDY_LARGE);
        Streams s = streams_new(text->train, text->n_train, B, T);
        Trainer t = trainer_new(&m, B, T, o->steps, o->lr, 0, k ? o->clip : 0.0, 0);
        Progress bar;
        progress_start(&bar, k ? "with clipping" : "without clipping", o->steps, o->quiet);
        while (t.step < o->steps) {
            const double loss = train_step(&m, &t, &s);
            losses[(size_t)(t.step - 1) * 4 + 2 * k] = loss;
            losses[(size_t)(t.step - 1) * 4 + 2 * k + 1] = t.norm;
            progress_update(&bar, t.step);
        }
        progress_end(&bar);
        profile(&m, &probe, norms + (size_t)(2 + k) * T);
        trainer_free(&t), streams_free(&s), model_free(&m);
    }
    FILE *f = cli_open(o->out, "gradnorm.csv", "back,start_small,start_large,trained_noclip,trained_clip");
    for (int back = 0; back < T; back++)
        fprintf(f, "%d,%.6g,%.6g,%.6g,%.6g\n", back, norms[back], norms[T + back], norms[2 * T + back],
                norms[3 * T + back]);
    cli_done(f);
    f = cli_open(o->out, "clip.csv", "step,loss_noclip,norm_noclip,loss_clip,norm_clip");
    double mean[4] = {0}, big[2] = {0};
    for (long s = 0; s < o->steps; s++) {
        const double *l = losses + s * 4;
        fprintf(f, "%ld,%.6f,%.6g,%.6f,%.6g\n", s + 1, l[0], l[1], l[2], l[3]);
        for (int j = 0; j < 4; j++)
            mean[j] += s >= o->steps - o->steps / 10 ? l[j] : 0;
        big[0] = fmax(big[0], l[1]), big[1] = fmax(big[1], l[3]);
    }
    cli_done(f);
    const double last = o->steps / 10 ? (double)(o->steps / 10) : 1;
    printf("\n  The scale-3 start trained %ld steps (Adam, lr %g, constant):\n"
           "  %16s %22s %16s\n  %16s %22.4f %16.3g\n  %13s %-2g %22.4f %16.3g\n", o->steps, o->lr, "",
           "loss, last tenth", "largest norm", "without clipping", mean[0] / last, big[0], "clipped to",
           o->clip, mean[2] / last, big[1]);
    printf("  |dE_T/dh_t| after the training, steps back 0, %d, %d:\n    without clipping %.3g %.3g %.3g, with %.3g %.3g %.3g\n",
           T / 4, T - 1, norms[2 * T], norms[2 * T + T / 4], norms[3 * T - 1], norms[3 * T], norms[3 * T + T / 4],
           norms[4 * T - 1]);
    free(norms), free(losses);
    streams_free(&probe);
}
