/**
 * @file chapters/11-rnn/report.c
 * @brief The text, the bigram yardstick, made-up text, what a hidden unit follows.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/sample.h"

void report_text(const Text *t, const Options *o)
{
    if (o->quiet)
        return;
    printf("Chapter 11: a recurrent network reads %s", o->text);
    if (t->files > 1)
        printf(" (%d files)", t->files);
    if (t->pieces)
        printf(",\n%ld pieces split by their %% lines, every tenth for validation", t->pieces);
    else
        printf(",\nits last tenth for validation");
    printf(":\n%ld training bytes, %ld validation bytes, %d distinct bytes: the vocabulary V\n\n", t->n_train, t->n_val,
           t->vocab);
}

double report_bigram(const Text *t)
{
    const double E = bigram_baseline(t->vocab, t->train, t->train + 1, t->n_train - 1, 1.0, t->val, t->val + 1,
                                     t->n_val - 1);
    printf("The yardstick, bigram counts of the training text (add-one): validation %.4f nats a byte, %.4f bits\n\n",
           E, E / log(2.0));
    return E;
}

void report_summary(const Model *m, const Options *o, double val, double bigram)
{
    FILE *f = cli_open(o->out, "summary.csv", "cell,hidden,weights,val_loss,val_bits,bigram_loss,bigram_bits");
    fprintf(f, "%s,%d,%zu,%.6f,%.6f,%.6f,%.6f\n", cell_name(m->cell), m->H, m->n, val, val / log(2.0), bigram,
            bigram / log(2.0));
    cli_done(f);
}

/* Feed the ids to a one-stream model from state s; the logits after the last are in c->Z. */
static void feed(const Model *m, const int *ids, long n, State *s, Chunk *c)
{
    for (long i = 0; i < n; i++)
        model_forward(m, ids + i, NULL, 1, s, c);
}

/* n characters after the prompt at temperature T into out (n + 1 bytes). */
static void sample_text(const Model *m, const Text *t, const int *prompt, long n_prompt, long n, double T, Rng *rng,
                        char *out)
{
    Chunk c = chunk_new(m, 1, 1);
    State s = state_new(1, m->H);
    feed(m, prompt, n_prompt, &s, &c);
    for (long i = 0; i < n; i++) {
        const int id = sample_logits(c.Z.data, m->V, T, rng);
        out[i] = (char)t->byte_of[id];
        feed(m, &id, 1, &s, &c);
    }
    out[n] = '\0';
    state_free(&s), chunk_free(&c);
}

void report_samples(const Model *m, const Text *t, const Options *o, const int *prompt, long n_prompt, Rng *rng)
{
    char *buf = nn_alloc((size_t)(o->sample > 300 ? o->sample : 300) + 1, 1, "a sample");
    if (o->sample > 0) {
        sample_text(m, t, prompt, n_prompt, o->sample, o->temperature, rng, buf);
        printf("\n%ld characters made up at temperature %g, after ", o->sample, o->temperature);
        if (o->prompt || n_prompt > 1) {            // a prompt given, or the default: the end of a fortune
            char shown[5];
            printf("the prompt '");
            for (long i = 0; i < n_prompt; i++)
                fputs(t->byte_of[prompt[i]] == '\n' ? "\\n" : text_show(t->byte_of[prompt[i]], shown), stdout);
            printf("'%s:\n", o->prompt ? "" : " (the end of a fortune)");
        } else {
            printf("the training text's first byte (a text without %% lines):\n");
        }
        text_print_indented(stdout, buf, o->sample);
    }
    FILE *f = cli_open(o->out, "samples.txt", NULL);
    static const double temps[3] = {0.5, 1.0, 1.5};
    for (int k = 0; k < 3; k++) {
        sample_text(m, t, prompt, n_prompt, 300, temps[k], rng, buf);
        fprintf(f, "%sTemperature %g:\n", k ? "\n" : "", temps[k]);
        text_print_indented(f, buf, 300);
    }
    cli_done(f);
    free(buf);
}

/* The features a unit may follow, at each byte of s (after reading it). */
enum { F_QUOTE, F_LINE, F_WORD, FEATURES };
static const char *FEATURE_NAMES[FEATURES] = {"inside double quotes", "the position in the line",
                                              "the position in the word"};

static void features(const unsigned char *s, long n, double *feat)
{
    int quote = 0, line = 0, word = 0;
    for (long i = 0; i < n; i++) {
        const unsigned char b = s[i];
        if (b == '"')
            quote = !quote;
        if (b == '%' && (i == 0 || s[i - 1] == '\n'))
            quote = 0;                          // a new fortune
        line = b == '\n' ? 0 : line + 1;
        word = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '\'' ? word + 1 : 0;
        feat[i * FEATURES + F_QUOTE] = quote;
        feat[i * FEATURES + F_LINE] = line;
        feat[i * FEATURES + F_WORD] = word;
    }
}

/* Pearson's correlation of a[k * sa] and b[k * sb], k < n. */
static double correlation(const double *a, long sa, const double *b, long sb, long n)
{
    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
    for (long k = 0; k < n; k++)
        ma += a[k * sa] / n, mb += b[k * sb] / n;
    for (long k = 0; k < n; k++) {
        const double da = a[k * sa] - ma, db = b[k * sb] - mb;
        saa += da * da, sbb += db * db, sab += da * db;
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

void report_state(const Model *m, const Text *t, const Options *o)
{
    const long n = t->n_val < 20000 ? t->n_val : 20000, shown = n < 600 ? n : 600;
    const int H = m->H, T = 100;
    double *h = nn_alloc((size_t)n * H, sizeof(double), "the states"), *feat = nn_alloc((size_t)n * FEATURES,
                                                                                            sizeof(double), "features");
    unsigned char *bytes = nn_alloc((size_t)n, 1, "the bytes");
    for (long i = 0; i < n; i++)
        bytes[i] = t->byte_of[t->val[i]];
    features(bytes, n, feat);
    Chunk c = chunk_new(m, 1, T);
    State s = state_new(1, H);
    for (long pos = 0; pos < n; pos += T) {             // h_i after reading byte i
        const int steps = n - pos < T ? (int)(n - pos) : T;
        model_forward(m, t->val + pos, NULL, steps, &s, &c);
        memcpy(h + pos * H, c.hs.data + H, sizeof(double) * (size_t)steps * H);
    }
    int best[FEATURES], top = 0;
    double r[FEATURES];
    if (!o->quiet)
        printf("\nWhat single hidden units follow, over the first %ld bytes of the validation text\n"
               "(the largest correlation of one unit's h with a feature of the text):\n", n);
    for (int f = 0; f < FEATURES; f++) {
        best[f] = 0, r[f] = 0;
        for (int j = 0; j < H; j++) {
            const double cj = correlation(h + j, H, feat + f, FEATURES, n);
            if (fabs(cj) > fabs(r[f]))
                r[f] = cj, best[f] = j;
        }
        if (fabs(r[f]) > fabs(r[top]))
            top = f;
        if (!o->quiet)
            printf("  %-26s unit %4d, correlation %+.3f\n", FEATURE_NAMES[f], best[f], r[f]);
    }
    char header[200];                                   // the h column's name: the plot's key
    snprintf(header, sizeof header, "col,row,unit %d: correlation %+.2f with %s,char", best[top], r[top],
             FEATURE_NAMES[top]);
    FILE *f = cli_open(o->out, "state.csv", header);
    for (long i = 0, col = 0, row = 0; i < shown; i++) {
        const unsigned char b = bytes[i];
        char ch[8];
        if (b == '\n')
            strcpy(ch, "\xe2\x86\xb5");                 // the return arrow
        else if (b == '"')
            strcpy(ch, "\xe2\x80\x9d");                 // a closing quote mark: gnuplot reads " as quoting
        else if (b == '\t')
            strcpy(ch, "\xe2\x87\xa5");                 // a tab: the arrow to a bar
        else if (b < 32 || b >= 127)
            strcpy(ch, "?");
        else
            ch[0] = (char)b, ch[1] = '\0';
        fprintf(f, "%ld,%ld,%.4f,\"%s\"\n", col, row, h[i * H + best[top]], ch);
        if (b == '\n' || ++col == 60)
            col = 0, row++;                             // the next line of the picture
    }
    cli_done(f);
    state_free(&s), chunk_free(&c);
    free(h), free(feat), free(bytes);
}
