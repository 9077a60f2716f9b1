/**
 * @file chapters/11-rnn/main.c
 * @brief Chapter 11's program: a recurrent network learns the fortunes character by character.
 *
 * In the order of the page: the text and its two sets; the bigram counts as the
 * yardstick; the model (a tanh RNN or an LSTM) trained by truncated
 * backpropagation through time on B streams, the validation loss on a slice as
 * it goes and on the whole validation text at the end; text made up by the
 * model; what one hidden unit follows; the files. `--gradients FILE` writes a
 * gradient and stops; `--study` runs the gradient-norm experiment instead.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/gemm.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/sample.h"
#include "../../common/text.h"
#include "../../common/timing.h"
#include "../../common/weights.h"
#include "model.h"
#include "options.h"
#include "report.h"
#include "study.h"
#include "train.h"

/* The options (options.c's table); under this name the option fuzzer (common/fuzz/fuzz_options.c) calls it. */
static Options parse_options(int argc, char **argv)
{
    return options_parse(argc, argv);
}

static void load_text(Text *t, const Options *o)
{
    run_load_text(t, o->text);
    if (t->n_train < o->seq + 1)
        cli_fail(EXIT_USAGE, "%s: %ld bytes of training text, too few for a chunk of --seq %ld (and its last target)",
                 o->text, t->n_train, o->seq);
}

/* The weights of --load-weights; the other cell's weights (their first matrix Wx or Wxh) get told which --cell. */
static void load_weights(const Param p[5], const Options *o)
{
    char err[ERR_LEN];
    if (params_read(p, 5, o->load, err, sizeof err) == 0)
        return;
    if (strstr(err, o->cell ? "found 'Wxh'" : "found 'Wx'"))
        cli_fail(EXIT_USAGE, "%s (an %s's weights: give --cell %s)", err, o->cell ? "rnn" : "lstm",
                 o->cell ? "rnn" : "lstm");
    cli_fail(EXIT_USAGE, "%s", err);
}

/* The gradient of the mean loss over K sequences of T at training offsets 0, T, 2T, ..., each from a zero state. */
static void write_gradients(const Model *m, const Text *text, const Options *o)
{
    const int K = (int)o->grad_seqs, T = (int)o->seq;
    if ((long)K * T + 1 > text->n_train)
        cli_fail(EXIT_USAGE, "--grad-seqs %d: %d sequences of %d need %ld bytes of training text, it has %ld", K, K, T,
                 (long)K * T + 1, text->n_train);
    int *x = nn_alloc((size_t)K * T, sizeof(int), "the sequences' inputs");
    int *y = nn_alloc((size_t)K * T, sizeof(int), "their targets");
    for (int t = 0; t < T; t++)
        for (int k = 0; k < K; k++)
            x[t * K + k] = text->train[(long)k * T + t], y[t * K + k] = text->train[(long)k * T + t + 1];
    Chunk c = chunk_new(m, K, T);
    State s = state_new(K, m->H);
    Model g = model_new(m->cell, m->V, m->H);
    model_forward(m, x, y, T, &s, &c);
    model_backward(m, x, y, &c, &g, NULL);
    Param p[5];
    model_params(&g, p);
    char comment[200];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over %d sequences of %d at training offsets "
             "0, %d, ..., %s, H %d", K, T, T, cell_name(m->cell), m->H);
    run_save_params(p, 5, NULL, o->gradients, comment);
    model_free(&g), state_free(&s), chunk_free(&c);
    free(x), free(y);
}

//! [train]
/* Train for o->steps (or --epochs) steps; loss.csv gets the training loss and the validation slice's. */
static void train(Model *m, const Text *text, const Options *o)
{
    const int B = text->n_train / o->batch >= o->seq + 1 ? (int)o->batch : (int)(text->n_train / (o->seq + 1));
    Streams s = streams_new(text->train, text->n_train, B, (int)o->seq);
    const long per_epoch = (s.L - 1) / s.T, steps = o->epochs ? o->epochs * per_epoch : o->steps;
    Trainer t = trainer_new(m, B, (int)o->seq, steps, o->lr, o->schedule, o->clip, o->reset);
    const long slice = o->val_slice < text->n_val ? o->val_slice : text->n_val;
    if (B < o->batch)
        printf("(the training text holds %d streams of %ld characters, not %ld)\n", B, o->seq + 1, o->batch);
    printf("Training: %s, %d hidden units, %zu weights; %d streams x %d characters a step (an epoch is %ld steps)\n"
           "  Adam, lr %g (%s), clip %g, %ld steps; validation on %ld bytes spread over it every %ld steps\n",
           cell_name(m->cell), m->H, m->n, B, s.T, per_epoch, o->lr, o->schedule ? "cosine" : "constant", o->clip,
           steps, slice, o->eval_every);
    printf("  %6s  %10s  %10s  %9s%s\n", "step", "train loss", "val slice", "grad norm", o->quiet ? "" : "  seconds");
    FILE *f = cli_open(o->out, "loss.csv", "step,train_loss,val_loss,grad_norm");
    Progress bar;
    progress_start(&bar, "training", steps, o->quiet);
    double sum = 0, norm = 0;
    int n = 0;
    const double t0 = timing_now();
    while (t.step < steps) {
        sum += train_step(m, &t, &s), norm += t.norm, n++;
        progress_update(&bar, t.step);
        if (t.step % o->eval_every == 0 || t.step == steps) {
            const double val = evaluate(m, text->val, text->n_val, s.T, slice);
            fprintf(f, "%ld,%.6f,%.6f,%.6f\n", t.step, sum / n, val, norm / n);
            progress_end(&bar);
            printf("  %6ld  %10.4f  %10.4f  %9.3f", t.step, sum / n, val, norm / n);
            if (!o->quiet)
                printf("  %7.1f", timing_now() - t0);
            printf("\n");
            fflush(stdout);
            sum = norm = 0, n = 0;
            if (t.step < steps)
                progress_start(&bar, "training", steps, o->quiet), progress_update(&bar, t.step);
        }
    }
    progress_end(&bar);
    if (!o->quiet && steps > 0)
        printf("  %.1f ms a step, the validation slices included\n", 1000 * (timing_now() - t0) / steps);
    cli_done(f);
    trainer_free(&t);
    streams_free(&s);
}
//! [train]

int main(int argc, char **argv)
{
    cli_init("ch11");
    const Options o = parse_options(argc, argv);
    gemm_use_threads((int)o.threads);
    if (!o.gradients)
        cli_make_dir(o.out);
    Text text;
    load_text(&text, &o);
    Rng rng;
    rng_seed(&rng, o.seed);
    if (o.study) {
        study(&text, &o);
        text_free(&text);
        cli_print_files(o.out);
        return 0;
    }
    Model m = model_new(o.cell ? CELL_LSTM : CELL_RNN, text.vocab, (int)o.hidden);
    Param p[5];
    model_params(&m, p);
    if (o.load)
        load_weights(p, &o);
    else
        model_init(&m, &rng, o.whh);
    long n_prompt;
    char err[ERR_LEN];
    int *prompt = text_prompt(&text, o.prompt, &n_prompt, err, sizeof err);    // a bad prompt fails before training
    if (!prompt)
        cli_fail(EXIT_USAGE, "%s", err);
    if (o.gradients) {
        write_gradients(&m, &text, &o);
    } else {
        report_text(&text, &o);
        const double bigram = report_bigram(&text);
        train(&m, &text, &o);
        const double t0 = timing_now(), val = evaluate(&m, text.val, text.n_val, (int)o.seq, 0);
        printf("\nValidation, the whole text (%ld bytes): %.4f nats a byte, %.4f bits", text.n_val, val,
               val / log(2.0));
        if (!o.quiet)
            printf(" (%.1f s)", timing_now() - t0);
        printf("\n  the bigram counts: %.4f nats, %.4f bits\n", bigram, bigram / log(2.0));
        report_summary(&m, &o, val, bigram);
        report_samples(&m, &text, &o, prompt, n_prompt, &rng);
        report_state(&m, &text, &o);
        run_save_params(p, 5, o.out, "weights.txt", m.cell == CELL_LSTM ? "ch11 weights after training: lstm, gates "
                        "[i | f | g | o] in Wx, Wh, b" : "ch11 weights after training: rnn");
        cli_print_files(o.out);
    }
    free(prompt);
    model_free(&m);
    text_free(&text);
    return 0;
}
