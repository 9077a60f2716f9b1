/**
 * @file chapters/10-words/main.c
 * @brief Chapter 10's program: a language model of words, from counting to embeddings.
 *
 * In the order of the page: the word list and its three sets; part 1, the
 * bigram counts and their loss; part 2, the one-layer network that learns the
 * same model; part 3, the embeddings-and-context network trained on
 * mini-batches; part 4, words the model makes up; the test set once, at the
 * end; the files the plots read. `--gradients FILE` writes the gradient of the
 * mean cross-entropy over the first `--train-limit` training examples and stops.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/gemm.h"
#include "../../common/optim.h"
#include "../../common/progress.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "counting.h"
#include "language.h"
#include "mlp.h"
#include "report.h"
#include "words.h"

#define ONELAYER_STEPS 2000     // part 2's steps of gradient descent (rate 50: see the page)
#define ONELAYER_LR 50.0
#define EVAL_BATCH 2048         // contexts per forward pass when only evaluating
static const double TEMPERATURES[3] = {0.5, 1.0, 1.5};     // the samples plot's three

// ----------------------------------------------------------------------------
// options

typedef struct {
    const char *words, *out, *load, *gradients;
    long context, embed, hidden, epochs, steps, batch, train_limit, sample, threads;
    double lr, temperature;
    unsigned long seed;
    int opt, schedule, preset, quiet, lr_given, given_context, given_embed, given_hidden, given_epochs;
} Options;

/* --preset best: a longer context, larger embeddings and hidden layer (the page says how far they go). */
static void apply_preset(Options *o)
{
    if (!o->preset)
        return;
    o->context = o->given_context ? o->context : 8;
    o->embed = o->given_embed ? o->embed : 24;
    o->hidden = o->given_hidden ? o->hidden : 512;
    o->epochs = o->given_epochs ? o->epochs : 8;
    o->lr = o->lr_given ? o->lr : 0.002;
}

static Options parse_options(int argc, char **argv)
{
    Options o = {.words = "/usr/share/dict/words", .out = "build/ch10", .context = 3, .embed = 10, .hidden = 200,
                 .epochs = 5, .batch = 128, .lr = 0.003, .temperature = 1.0, .sample = 20, .seed = 1, .opt = 1,
                 .schedule = 1, .threads = 1};
    const CliOption options[] = {
        CLI_OPT("words", CLI_TEXT, &o.words, .arg = "FILE", .help = "the word list, one word a line"),
        CLI_HEADING("The model:"),
        CLI_OPT("context", CLI_LONG, &o.context, .arg = "N", .help = "characters of context", .min = 1, .max = 16,
                .given = &o.given_context),
        CLI_OPT("embed", CLI_LONG, &o.embed, .arg = "D", .help = "numbers per character in the table C", .min = 1,
                .max = 256, .given = &o.given_embed),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "tanh units", .min = 1, .max = 4096,
                .given = &o.given_hidden),
        CLI_OPT("preset", CLI_CHOICE, &o.preset, .arg = "best",
                .help = "the page's best recipe: context 8, embed 24, hidden 512, 8 epochs, lr 0.002\n"
                        "(options given as well win)", .choices = "none|best"),
        CLI_HEADING("Training:"),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the training examples", .min = 0,
                .max = 1000, .given = &o.given_epochs),
        CLI_OPT("steps", CLI_LONG, &o.steps, .arg = "N", .help = "train for N steps instead of --epochs (default 0: "
                "epochs)", .min = 0, .max = 100000000),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "examples per step", .min = 1, .max = 65536),
        CLI_OPT("opt", CLI_CHOICE, &o.opt, .arg = "O", .help = "the optimiser: sgd or adam", .choices = "sgd|adam"),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate (default 0.003; 0.1 with --opt sgd)",
                .given = &o.lr_given),
        CLI_OPT("lr-schedule", CLI_CHOICE, &o.schedule, .arg = "S", .help = "constant, or cosine over the steps",
                .choices = "constant|cosine"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "starting weights, shuffles and samples", .min = 0,
                .max = 2147483647L),
        CLI_OPT("train-limit", CLI_LONG, &o.train_limit, .arg = "N", .help = "use the first N training examples "
                "(default all)", .min = 1, .max = 100000000),
        CLI_OPT("threads", CLI_LONG, &o.threads, .arg = "T", .help = "threads of the matrix products (0: every core)",
                .min = 0, .max = 256),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights (C, W1, b1, W2, b2)"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the mean cross-entropy over the training\n"
                        "examples (--train-limit) at the starting weights to FILE, and stop"),
        CLI_HEADING("Words made up by the model:"),
        CLI_OPT("sample", CLI_LONG, &o.sample, .arg = "N", .help = "words to make up", .min = 0, .max = 10000),
        CLI_OPT("temperature", CLI_DOUBLE, &o.temperature, .arg = "T", .help = "0: always the likeliest character"),
        CLI_HEADING("Output:"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "no progress bar, no timings (two runs print the same)"),
        {0}};
    cli_parse(argc, argv, "A language model of words: bigram counts, then embeddings and a tanh layer (Bengio 2003).",
              options);
    if (!o.lr_given && o.opt == 0)
        o.lr = 0.1;
    apply_preset(&o);
    if (o.temperature < 0)
        cli_fail(EXIT_USAGE, "--temperature: must be 0 or more, got %g", o.temperature);
    return o;
}

// ----------------------------------------------------------------------------
// data: the words, their sets, the examples

typedef struct {
    WordList list;
    Examples train, val, test;          // contexts of --context characters
    Examples pairs[2];                  // contexts of one: the bigrams of training and validation
} Data;

static void load_data(Data *d, const Options *o)
{
    char err[ERR_LEN];
    if (words_load(&d->list, o->words, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    const int N = (int)o->context;
    d->train = examples_of(&d->list, SET_TRAIN, N, o->train_limit);
    d->val = examples_of(&d->list, SET_VAL, N, 0);
    d->test = examples_of(&d->list, SET_TEST, N, 0);
    d->pairs[0] = examples_of(&d->list, SET_TRAIN, 1, 0);
    d->pairs[1] = examples_of(&d->list, SET_VAL, 1, 0);
}

static void print_data(const Data *d, const Options *o)
{
    printf("Chapter 10: a language model of the %d words of %s", d->list.n, o->words);
    if (d->list.dropped)
        printf("\n(%ld of its %ld lines left out: not lowercase letters a-z only, or longer than %d, e.g. '%s')",
               d->list.dropped,
               d->list.lines, WORD_MAX, d->list.example);
    printf("\n%d training, %d validation, %d test examples (a character and the %ld before it)\n\n", d->train.n,
           d->val.n, d->test.n, o->context);
}

// ----------------------------------------------------------------------------
// parts 1 and 2: counting, and the one-layer network that learns the counts

static void counting(const Data *d, const Options *o)
{
    Bigram train, val;
    bigram_from(&train, &d->pairs[0], 1.0);
    bigram_from(&val, &d->pairs[1], 1.0);
    printf("Part 1, counting: the bigram model, add-one smoothing\n"
           "  mean -log P(next | previous), training pairs %.4f, validation pairs %.4f nats (%.4f bits)\n\n",
           bigram_loss(&train, &d->pairs[0]), bigram_loss(&train, &d->pairs[1]),
           bigram_loss(&train, &d->pairs[1]) / log(2.0));
    write_bigram(o->out, &train);
    Mat W = mat_new(VOCAB, VOCAB);
    FILE *f = cli_open(o->out, "onelayer.csv", "step,train_loss,val_loss");
    onelayer_train(&W, &train, &val, ONELAYER_STEPS, ONELAYER_LR, f);
    cli_done(f);
    const double counted[2] = {bigram_loss(&train, &d->pairs[0]), bigram_loss(&train, &d->pairs[1])};
    train.smoothing = 0;                            // the counts' own probabilities, as the network learns them
    printf("Part 2, the same as a network: one layer from a one-hot input, %d steps of gradient descent\n"
           "  training pairs %.4f (the counts, unsmoothed: %.4f), validation pairs %.4f nats\n\n", ONELAYER_STEPS,
           onelayer_loss(&W, &train), bigram_loss(&train, &d->pairs[0]), onelayer_loss(&W, &val));
    f = cli_open(o->out, "counting.csv", "model,train_loss,val_loss");     // the loss plot's yardstick
    fprintf(f, "counting,%.6f,%.6f\none-layer network,%.6f,%.6f\n", counted[0], counted[1], onelayer_loss(&W, &train),
            onelayer_loss(&W, &val));
    cli_done(f);
    mat_free(&W);
}

// ----------------------------------------------------------------------------
// part 3: the network of embeddings, trained on shuffled mini-batches

/* The mean loss over all of e, in batches (the model's cache holds EVAL_BATCH). */
static double evaluate(const Mlp *m, MlpCache *c, const Examples *e)
{
    double sum = 0;
    for (int start = 0; start < e->n; start += EVAL_BATCH) {
        const int B = e->n - start < EVAL_BATCH ? e->n - start : EVAL_BATCH;
        sum += mlp_forward(m, e->x + (size_t)start * e->context, e->y + start, B, c) * B;
    }
    return sum / e->n;
}

typedef struct {
    Mlp grad, m1, m2;           // the gradient, and the optimiser's two moments (same layout as the model)
    Optim opt;
    int *order, *x, *y;         // the shuffled order, and one batch
    long step, steps;           // steps taken, and in all (the schedule runs over them)
} Trainer;

//! [train_epoch]
/* One pass over the shuffled examples, or what is left of --steps; returns the mean training loss, *seen the examples. */
static double train_epoch(Mlp *m, MlpCache *c, Trainer *t, const Examples *e, const Options *o, Rng *rng, long epoch,
                          int *seen)
{
    const int n = e->context;
    double sum = 0;
    *seen = 0;
    rng_shuffle(rng, t->order, e->n);
    char label[64];
    snprintf(label, sizeof label, "epoch %ld", epoch);
    Progress bar;
    progress_start(&bar, label, e->n, o->quiet);
    for (int start = 0; start < e->n && t->step < t->steps; start += (int)o->batch) {
        const int B = e->n - start < o->batch ? e->n - start : (int)o->batch;
        for (int k = 0; k < B; k++) {                   // gather the batch
            memcpy(t->x + (size_t)k * n, e->x + (size_t)t->order[start + k] * n, sizeof(int) * (size_t)n);
            t->y[k] = e->y[t->order[start + k]];
        }
        const double loss = mlp_forward(m, t->x, t->y, B, c);
        mlp_backward(m, t->x, t->y, B, c, &t->grad);
        const double lr = optim_schedule(o->schedule ? SCHEDULE_COSINE : SCHEDULE_CONSTANT, o->lr, t->step++,
                                         t->steps, 0);
        optim_begin(&t->opt);
        optim_update(&t->opt, m->p, t->grad.p, t->m1.p, t->m2.p, m->n, lr, 0);
        run_check_diverged(NULL, loss, epoch);
        sum += loss * B, *seen += B;
        progress_update(&bar, start + B);
    }
    progress_end(&bar);
    return sum / (*seen ? *seen : 1);
}
//! [train_epoch]

static void train(Mlp *m, MlpCache *c, const Data *d, const Options *o, Rng *rng)
{
    const long per_epoch = (d->train.n + o->batch - 1) / o->batch;
    Trainer t = {.grad = mlp_new(m->s), .m1 = mlp_new(m->s), .m2 = mlp_new(m->s),
                 .opt = optim_new(o->opt ? OPTIM_ADAM : OPTIM_SGD),
                 .order = nn_alloc((size_t)d->train.n, sizeof(int), "the training order"),
                 .x = nn_alloc((size_t)o->batch * m->s.context, sizeof(int), "a batch of contexts"),
                 .y = nn_alloc((size_t)o->batch, sizeof(int), "a batch of targets"),
                 .steps = o->steps ? o->steps : o->epochs * per_epoch};
    for (int k = 0; k < d->train.n; k++)
        t.order[k] = k;
    FILE *f = cli_open(o->out, "epochs.csv", "epoch,step,train_loss,val_loss");
    printf("Part 3, embeddings and context: %ld character%s x %ld number%s -> %ld tanh units -> softmax over 27\n"
           "  %zu parameters, %s, lr %g (%s), batches of %ld, %ld steps\n", o->context, o->context == 1 ? "" : "s",
           o->embed, o->embed == 1 ? "" : "s", o->hidden, m->n, optim_name(t.opt.kind), o->lr,
           o->schedule ? "cosine" : "constant", o->batch, t.steps);
    if (t.steps > 0)                                // (--quiet: no timings, so that two runs print the same)
        printf("  %5s  %10s  %10s%s\n", "epoch", "train loss", "val loss", o->quiet ? "" : "   seconds  examples/s");
    for (long epoch = 1; t.step < t.steps; epoch++) {
        int seen;
        const double t0 = timing_now(), loss = train_epoch(m, c, &t, &d->train, o, rng, epoch, &seen);
        const double t1 = timing_now(), val = evaluate(m, c, &d->val);
        fprintf(f, "%ld,%ld,%.6f,%.6f\n", epoch, t.step, loss, val);
        printf("  %5ld  %10.4f  %10.4f", epoch, loss, val);
        if (!o->quiet)
            printf("  %8.1f  %10.0f", timing_now() - t0, seen / (t1 - t0));
        printf("\n");
        fflush(stdout);
    }
    cli_done(f);
    mlp_free(&t.grad), mlp_free(&t.m1), mlp_free(&t.m2);
    free(t.order), free(t.x), free(t.y);
}

// ----------------------------------------------------------------------------
// part 4: made-up words, and the files

static void samples(const Mlp *m, MlpCache *c, const Data *d, const Options *o, Rng *rng)
{
    char word[SAMPLE_MAX + 1];
    if (o->sample > 0)
        printf("\nPart 4, %ld words made up at temperature %g (* a word of the list):\n ", o->sample, o->temperature);
    for (long k = 0, column = 1; k < o->sample; k++) {
        sample_word(m, c, o->temperature, rng, word);
        print_word(word, words_contains(&d->list, word), &column);
    }
    if (o->sample > 0)
        printf("\n");
    FILE *f = cli_open(o->out, "samples.csv", "temperature,row,word,real");      // the plot's three columns
    for (int t = 0; t < 3; t++)
        for (int k = 0; k < 12; k++) {
            sample_word(m, c, TEMPERATURES[t], rng, word);
            fprintf(f, "%g,%d,%s,%d\n", TEMPERATURES[t], k, word[0] ? word : "(empty)", words_contains(&d->list, word));
        }
    cli_done(f);
}

/* The gradient of the mean loss over the training examples: batch by batch, each weighted by its share. */
static void write_gradients(const Mlp *m, MlpCache *c, const Examples *e, const char *path)
{
    Mlp g = mlp_new(m->s), total = mlp_new(m->s);
    for (int start = 0; start < e->n; start += EVAL_BATCH) {
        const int B = e->n - start < EVAL_BATCH ? e->n - start : EVAL_BATCH;
        const int *x = e->x + (size_t)start * e->context, *y = e->y + start;
        mlp_forward(m, x, y, B, c);
        mlp_backward(m, x, y, B, c, &g);
        for (size_t i = 0; i < m->n; i++)
            total.p[i] += (double)B / e->n * g.p[i];
    }
    Param p[5];
    mlp_params(&total, p);
    char comment[160];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy over the first %d training examples", e->n);
    run_save_params(p, 5, NULL, path, comment);
    mlp_free(&g), mlp_free(&total);
}

int main(int argc, char **argv)
{
    cli_init("ch10");
    const Options o = parse_options(argc, argv);
    gemm_use_threads((int)o.threads);
    if (!o.gradients)
        cli_make_dir(o.out);                    // a bad --out fails now, not after the training
    Data d;
    load_data(&d, &o);
    Rng rng;
    rng_seed(&rng, o.seed);
    Mlp m = mlp_new((MlpShape){(int)o.context, (int)o.embed, (int)o.hidden});
    Param p[5];
    mlp_params(&m, p);
    if (o.load)
        run_load_params(p, 5, o.load);
    else
        mlp_init(&m, &rng);
    MlpCache c = mlp_cache(&m.s, EVAL_BATCH > o.batch ? EVAL_BATCH : (int)o.batch);
    if (o.gradients) {
        write_gradients(&m, &c, &d.train, o.gradients);
    } else {
        if (!o.quiet)
            print_data(&d, &o);
        counting(&d, &o);
        train(&m, &c, &d, &o, &rng);
        samples(&m, &c, &d, &o, &rng);
        const double test = evaluate(&m, &c, &d.test);
        printf("\nTest set, used once: %.4f nats per character, %.4f bits\n\n", test, test / log(2.0));
        run_save_params(p, 5, o.out, "weights.txt", "ch10 weights after training: C, W1, b1, W2, b2");
        write_embedding(o.out, &m.C);
        cli_print_files(o.out);
    }
    mlp_cache_free(&c);
    mlp_free(&m);
    examples_free(&d.train), examples_free(&d.val), examples_free(&d.test);
    examples_free(&d.pairs[0]), examples_free(&d.pairs[1]);
    words_free(&d.list);
    return 0;
}
