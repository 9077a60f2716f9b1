/**
 * @file chapters/12-gpt/report.c
 * @brief Chapter 12's report: the text and its yardsticks, the model, samples and their speed, attention.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/sample.h"
#include "../../common/timing.h"
#include "generate.h"

void report_text(const Text *t, const Options *o)
{
    printf("Chapter 12: a small GPT reads %s", o->text);
    if (t->files > 1)
        printf(" (%d files)", t->files);
    if (t->pieces)
        printf(",\n%ld pieces split by their %% lines, every tenth for validation:\n", t->pieces);
    else
        printf(", its last tenth for validation:\n");
    printf("%ld training bytes, %ld validation bytes, %d distinct bytes: the vocabulary V\n\n", t->n_train, t->n_val,
           t->vocab);
}

double report_bigram(const Text *t)
{
    const double E = bigram_baseline(t->vocab, t->train, t->train + 1, t->n_train - 1, 1.0, t->val, t->val + 1,
                                     t->n_val - 1);
    printf("Yardsticks on the validation text: bigram counts (add-one) %.4f nats a byte, %.4f bits;\n"
           "  chapter 11's best LSTM %.4f nats, %.4f bits\n\n", E, E / log(2.0), CH11_BEST, CH11_BEST / log(2.0));
    return E;
}

void report_model(const Shape *s, const Options *o)
{
    printf("The model: %d blocks of %d heads, E %d (%d a head), context T %d, V %d: %zu weights\n", s->L, s->H, s->E,
           s->E / s->H, s->T, s->V, s->n);
    if (o->load)
        printf("  (from %s)\n", o->load);
}

void report_summary(const Shape *s, const Options *o, long steps, double val, double bigram)
{
    FILE *f = cli_open(o->out, "summary.csv", "layers,heads,embed,context,weights,steps,val_loss,val_bits,"
                       "bigram_loss,ch11_best_loss");
    fprintf(f, "%d,%d,%d,%d,%zu,%ld,%.6f,%.6f,%.6f,%.4f\n", s->L, s->H, s->E, s->T, s->n, steps, val,
            val / log(2.0), bigram, CH11_BEST);
    cli_done(f);
}

/* n bytes after the prompt into out; returns the seconds it took. */
static double make_up(Reader *r, const Text *t, const int *prompt, long n_prompt, long n, double T, int top_k,
                      Rng *rng, char *out)
{
    const double t0 = timing_now();
    for (long i = 0; i < n_prompt; i++)
        reader_push(r, prompt[i]);
    for (long i = 0; i < n; i++) {
        const int id = reader_draw(r, T, top_k, rng);
        out[i] = (char)t->byte_of[id];
        reader_push(r, id);
    }
    return timing_now() - t0;
}

static void print_prompt(const Text *t, const Options *o, int T, const int *prompt, long n_prompt)
{
    char shown[5];
    printf("the prompt '");
    for (long i = 0; i < n_prompt; i++)
        fputs(t->byte_of[prompt[i]] == '\n' ? "\\n" : text_show(t->byte_of[prompt[i]], shown), stdout);
    printf("'%s", o->prompt ? "" : " (the end of a fortune)");
    if (n_prompt > T)
        printf(", of which the model reads the last %d bytes", T);
    printf(":\n");
}

void report_samples(const Shape *s, const float *wf, const Text *t, const Options *o, const int *prompt, long n_prompt,
                    double train_tokens_per_s, Rng *rng)
{
    const long n = o->sample;
    char *buf = nn_alloc((size_t)(n > 300 ? n : 300) + 1, 1, "a sample");
    FILE *speed = cli_open(o->out, "speed.csv", "what,tokens_per_s");
    fprintf(speed, "training,%.1f\n", train_tokens_per_s);
    if (n > 0) {
        Rng again = *rng;
        Reader r = reader_new(s, wf, 1), slow = reader_new(s, wf, 0);
        const double cached = make_up(&r, t, prompt, n_prompt, n, o->temperature, (int)o->top_k, rng, buf);
        printf("\n%ld bytes made up at temperature %g", n, o->temperature);
        if (o->top_k)
            printf(" from the %ld likeliest bytes", o->top_k);
        printf(", after ");
        print_prompt(t, o, s->T, prompt, n_prompt);
        text_print_indented(stdout, buf, n);
        char *other = nn_alloc((size_t)n + 1, 1, "a sample");
        const double whole = make_up(&slow, t, prompt, n_prompt, n, o->temperature, (int)o->top_k, &again, other);
        if (!o->quiet)
            printf("  (%.0f bytes/s with the KV cache, %.0f without it: the whole window for each byte)\n",
                   (n + n_prompt) / cached, (n + n_prompt) / whole);
        fprintf(speed, "generation with the KV cache,%.1f\ngeneration without it,%.1f\n", (n + n_prompt) / cached,
                (n + n_prompt) / whole);
        free(other);
        reader_free(&r), reader_free(&slow);
    }
    cli_done(speed);
    FILE *f = cli_open(o->out, "samples.txt", NULL);
    static const double temps[3] = {0.5, 1.0, 1.5};
    for (int k = 0; k < 3; k++) {
        Reader r = reader_new(s, wf, 1);
        make_up(&r, t, prompt, n_prompt, 300, temps[k], 0, rng, buf);
        reader_free(&r);
        fprintf(f, "%sTemperature %g:\n", k ? "\n" : "", temps[k]);
        text_print_indented(f, buf, 300);
    }
    cli_done(f);
    free(buf);
}

void report_attention(const Shape *s, const float *wf, const Text *t, const Options *o)
{
    int n = s->T < 40 ? s->T : 40;                  // the first 40 bytes of the validation text
    n = t->n_val < n ? (int)t->n_val : n;
    Acts_f32 a;
    acts_init_f32(&a, s, 1);
    gpt_forward_f32(&a, s, wf, t->val, NULL, 1, n);
    FILE *f = cli_open(o->out, "attention.csv", "layer,head,row,col,weight,row_byte,col_byte");
    const int layers[2] = {1, s->L};
    for (int k = 0; k < (s->L > 1 ? 2 : 1); k++) {
        const int l = layers[k] - 1;
        for (int h = 0; h < s->H; h++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    const float w = a.att[(((size_t)l * s->H + h) * n + i) * n + j];
                    fprintf(f, "%d,%d,%d,%d,%.5f,%d,%d\n", l + 1, h + 1, i, j, w, t->byte_of[t->val[i]],
                            t->byte_of[t->val[j]]);
                }
    }
    cli_done(f);
    acts_free_f32(&a);
}
