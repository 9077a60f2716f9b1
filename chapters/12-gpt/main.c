/**
 * @file chapters/12-gpt/main.c
 * @brief Chapter 12's program: a small GPT learns the fortunes byte by byte.
 *
 * In the order of the page: the text and its two sets; the yardsticks (the
 * bigram counts, chapter 11's best); the model, a decoder-only transformer,
 * trained in float by AdamW on random windows of the training text, the
 * validation loss on a slice as it goes and on the whole validation text at
 * the end; text made up by the model, with the KV cache and without; what its
 * heads attend to; the files. `--gradients FILE` writes a gradient and stops;
 * `--check` checks every backward pass and stops.
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
#include "../../common/text.h"
#include "../../common/timing.h"
#include "check.h"
#include "gpt.h"
#include "options.h"
#include "report.h"
#include "train.h"

/* The options (options.c's table); under this name the option fuzzer (common/fuzz/fuzz_options.c) calls it. */
static Options parse_options(int argc, char **argv)
{
    return options_parse(argc, argv);
}

/* The shape: the options', or the weight file's (options that contradict it stop the run). */
static Shape model_shape(const Text *t, const Options *o)
{
    if (!o->load)
        return shape_new((int)o->layers, (int)o->heads, (int)o->embed, (int)o->context, t->vocab);
    char err[ERR_LEN];
    Shape s;
    unsigned char byte_of[256];
    const int listed = shape_read(&s, byte_of, o->load, err, sizeof err);
    if (listed < 0)
        cli_fail(EXIT_USAGE, "%s", err);
    const char *names[4] = {"layers", "heads", "embed", "context"};
    const long want[4] = {o->layers, o->heads, o->embed, o->context}, have[4] = {s.L, s.H, s.E, s.T};
    for (int i = 0; i < 4; i++)
        if (o->given[i] && want[i] != have[i])
            cli_fail(EXIT_USAGE, "--%s %ld: the weights in %s have %s %ld (leave the option out)", names[i], want[i],
                     o->load, names[i], have[i]);
    if (s.V != t->vocab)
        cli_fail(EXIT_USAGE, "%s: its vocabulary is %d bytes, this text's %d (weights trained on another text)",
                 o->load, s.V, t->vocab);
    for (int i = 0; listed && i < s.V; i++)
        if (byte_of[i] != t->byte_of[i])
            cli_fail(EXIT_USAGE, "%s: its id %d stands for byte 0x%02x, in this text for 0x%02x (weights trained on "
                     "another text)", o->load, i, byte_of[i], t->byte_of[i]);
    return s;
}

static void need_text(const Text *t, const Shape *s, const Options *o)
{
    if (t->n_train < s->T + 1 || t->n_val < s->T + 1)
        cli_fail(EXIT_USAGE, "%s: %ld training and %ld validation bytes, too few for windows of --context %d (and "
                 "their last target)", o->text, t->n_train, t->n_val, s->T);
}

/* The gradient in double of the mean loss over K windows of T at training offsets 0, T, 2T, ... */
static void write_gradients(const Shape *s, double *w, const Text *text, const Options *o)
{
    const int K = (int)o->grad_seqs, T = s->T;
    if ((long)K * T + 1 > text->n_train)
        cli_fail(EXIT_USAGE, "--grad-seqs %d: %d sequences of %d need %ld bytes of training text, it has %ld", K, K, T,
                 (long)K * T + 1, text->n_train);
    Acts_f64 a;
    acts_init_f64(&a, s, K);
    double *g = nn_alloc(s->n, sizeof(double), "the gradient");
    gpt_forward_f64(&a, s, w, text->train, text->train + 1, K, T);    // window k: bytes kT .. kT + T
    gpt_backward_f64(g, &a, s, w, text->train);
    Params p;
    params_of(&p, s, g);
    char comment[SHAPE_LEN + 100], shape[SHAPE_LEN];
    shape_comment(s, text->byte_of, shape);
    snprintf(comment, sizeof comment, "%s; gradient of the mean cross-entropy over %d sequences at training offsets "
             "0, %d, ...", shape, K, T);
    run_save_params(p.p, p.n, NULL, o->gradients, comment);
    acts_free_f64(&a);
    free(g);
}

//! [train]
/* Train for --steps (or --epochs); loss.csv gets the training loss, the validation slice's and the seconds. */
static double train(const Shape *s, double *w, const Text *text, const Options *o, Rng *rng, long *steps_done)
{
    const long tokens = o->batch * s->T, per_epoch = text->n_train / tokens > 0 ? text->n_train / tokens : 1;
    const long steps = o->epochs ? o->epochs * per_epoch : o->steps;
    Trainer t = trainer_new(s, w, (int)o->batch, steps, o->lr, o->warmup, o->weight_decay, o->clip);
    const long slice = o->val_slice < text->n_val ? o->val_slice : text->n_val;
    printf("Training: %ld windows of %d bytes a step (an epoch is %ld steps), %ld steps; AdamW, lr %g (warm-up %ld,\n"
           "  then cosine), weight decay %g, clip %g; validation on %ld bytes spread over it every %ld steps\n",
           o->batch, s->T, per_epoch, steps, o->lr, o->warmup, o->weight_decay, o->clip, slice, o->eval_every);
    printf("  %6s  %10s  %10s  %9s%s\n", "step", "train loss", "val slice", "grad norm",
           o->quiet ? "" : "  seconds  tokens/s");
    FILE *f = cli_open(o->out, "loss.csv", "step,train_loss,val_loss,grad_norm,seconds");
    Progress bar;
    progress_start(&bar, "training", steps, o->quiet);
    double sum = 0, norm = 0, training = 0;     // seconds of training steps alone
    int n = 0;
    while (t.step < steps) {
        const double t0 = timing_now();
        sum += train_step(&t, text->train, text->n_train, rng), norm += t.norm, n++;
        training += timing_now() - t0;
        progress_update(&bar, t.step);
        if (t.step % o->eval_every == 0 || t.step == steps) {
            weights_to_float(t.wf, w, s->n);
            const double val = evaluate(s, t.wf, &t.acts, text->val, text->n_val, slice);
            fprintf(f, "%ld,%.6f,%.6f,%.6f,%.2f\n", t.step, sum / n, val, norm / n, training);
            progress_end(&bar);
            printf("  %6ld  %10.4f  %10.4f  %9.3f", t.step, sum / n, val, norm / n);
            if (!o->quiet)
                printf("  %7.1f  %8.0f", training, t.step * tokens / training);
            printf("\n");
            fflush(stdout);
            sum = norm = 0, n = 0;
            if (t.step < steps)
                progress_start(&bar, "training", steps, o->quiet), progress_update(&bar, t.step);
        }
    }
    progress_end(&bar);
    cli_done(f);
    trainer_free(&t);
    *steps_done = steps;
    return training > 0 ? steps * tokens / training : 0;
}
//! [train]

int main(int argc, char **argv)
{
    cli_init("ch12");
    const Options o = parse_options(argc, argv);
    gemm_use_threads((int)o.threads);
    if (o.check)
        return check_all(o.quiet) ? 0 : 1;
    if (!o.gradients)
        cli_make_dir(o.out);
    Text text;
    run_load_text(&text, o.text);
    const Shape s = model_shape(&text, &o);
    need_text(&text, &s, &o);
    Rng rng;
    rng_seed(&rng, o.seed);
    double *w = nn_alloc(s.n, sizeof(double), "the weights");
    Params p;
    params_of(&p, &s, w);
    if (o.load)
        run_load_params(p.p, p.n, o.load);
    else
        model_init(&s, w, &rng);
    long n_prompt;
    char err[ERR_LEN];
    int *prompt = text_prompt(&text, o.prompt, &n_prompt, err, sizeof err);    // a bad prompt fails before training
    if (!prompt)
        cli_fail(EXIT_USAGE, "%s", err);
    if (o.gradients) {
        write_gradients(&s, w, &text, &o);
    } else {
        report_text(&text, &o);
        const double bigram = report_bigram(&text);
        report_model(&s, &o);
        long steps;
        const double speed = train(&s, w, &text, &o, &rng, &steps);
        float *wf = nn_alloc(s.n, sizeof(float), "the float weights");
        weights_to_float(wf, w, s.n);
        Acts_f32 a;
    acts_init_f32(&a, &s, 32);
        const double t0 = timing_now(), val = evaluate(&s, wf, &a, text.val, text.n_val, 0);
        acts_free_f32(&a);
        printf("\nValidation, the whole text (%ld bytes, windows of %d): %.4f nats a byte, %.4f bits", text.n_val,
               s.T, val, val / log(2.0));
        if (!o.quiet)
            printf(" (%.1f s)", timing_now() - t0);
        printf("\n  the bigram counts: %.4f nats; chapter 11's best: %.4f nats\n", bigram, CH11_BEST);
        report_summary(&s, &o, steps, val, bigram);
        report_samples(&s, wf, &text, &o, prompt, n_prompt, speed, &rng);
        report_attention(&s, wf, &text, &o);
        char shape[SHAPE_LEN];
        shape_comment(&s, text.byte_of, shape);
        run_save_params(p.p, p.n, o.out, "weights.txt", shape);
        free(wf);
        cli_print_files(o.out);
    }
    free(prompt);
    free(w);
    text_free(&text);
    return 0;
}
