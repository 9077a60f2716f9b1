/**
 * @file chapters/11-rnn/options.c
 * @brief Chapter 11's option table.
 */
#include "options.h"

#include "../../common/cli.h"
#include "../../common/text.h"

/* --preset best: a larger LSTM trained longer (the page gives its loss); options given as well win. */
static void apply_preset(Options *o, const int *given_hidden, const int *given_steps, const int *given_lr)
{
    if (!o->preset)
        return;
    o->hidden = *given_hidden ? o->hidden : 256;
    o->steps = *given_steps ? o->steps : 3500;
    o->lr = *given_lr ? o->lr : 0.007;
}

Options options_parse(int argc, char **argv)
{
    Options o = {.text = TEXT_FORTUNES, .out = "build/ch11", .cell = 1, .schedule = 1, .hidden = 0, .seq = 64,
                 .batch = 32, .reset = 16, .steps = 1500, .grad_seqs = 8, .sample = 400, .eval_every = 100, .val_slice = 16384,
                 .threads = 1, .lr = 0.01, .clip = 1.0, .temperature = 0.8, .whh = 1.0, .seed = 1};
    int given_hidden = 0, given_steps = 0, given_lr = 0, given_epochs = 0;
    const CliOption options[] = {
        CLI_OPT("text", CLI_TEXT, &o.text, .arg = "PATH", .help = "the fortunes' directory, or any text file"),
        CLI_HEADING("The model:"),
        CLI_OPT("cell", CLI_CHOICE, &o.cell, .arg = "C", .help = "the recurrent cell: rnn (tanh) or lstm",
                .choices = "rnn|lstm"),
        CLI_OPT("hidden", CLI_LONG, &o.hidden, .arg = "H", .help = "hidden units (default 192 for the lstm, 406 for "
                "the rnn:\nabout the same number of weights)", .min = 1, .max = 4096, .given = &given_hidden),
        CLI_OPT("whh", CLI_POSITIVE, &o.whh, .arg = "S", .help = "starting Whh (Wh): normal, standard deviation "
                "S / sqrt(H)"),
        CLI_OPT("preset", CLI_CHOICE, &o.preset, .arg = "best",
                .help = "the page's best recipe: lstm, hidden 256, 3500 steps, lr 0.007\n(options given as well win)",
                .choices = "none|best"),
        CLI_HEADING("Training (truncated backpropagation through time):"),
        CLI_OPT("seq", CLI_LONG, &o.seq, .arg = "T", .help = "steps of a chunk: how far back the gradient goes",
                .min = 1, .max = 4096),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "streams read side by side, from evenly spaced "
                "places", .min = 1, .max = 4096),
        CLI_OPT("reset", CLI_LONG, &o.reset, .arg = "N", .help = "set the state to 0 every N chunks (0: only when a\n"
                "stream comes back to its start)", .min = 0, .max = 100000000),
        CLI_OPT("steps", CLI_LONG, &o.steps, .arg = "N", .help = "steps of Adam", .min = 0, .max = 100000000,
                .given = &given_steps),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "train for N passes over the training text "
                "instead of --steps", .min = 0, .max = 10000, .given = &given_epochs),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "Adam's learning rate (default 0.01 for the lstm, "
                "0.003 for the rnn)", .given = &given_lr),
        CLI_OPT("lr-schedule", CLI_CHOICE, &o.schedule, .arg = "S", .help = "constant, or cosine over the steps",
                .choices = "constant|cosine"),
        CLI_OPT("clip", CLI_DOUBLE, &o.clip, .arg = "C", .help = "clip the gradient to global norm C (0: no "
                "clipping)"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "starting weights and samples", .min = 0,
                .max = 2147483647L),
        CLI_OPT("eval-every", CLI_LONG, &o.eval_every, .arg = "N", .help = "validation loss on a slice every N steps",
                .min = 1, .max = 100000000),
        CLI_OPT("val-slice", CLI_LONG, &o.val_slice, .arg = "N", .help = "bytes of validation text for those "
                "(the whole of it at the end)", .min = 2, .max = 1000000000),
        CLI_OPT("threads", CLI_LONG, &o.threads, .arg = "N", .help = "threads of the matrix products (0: every core)",
                .min = 0, .max = 256),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient of the mean cross-entropy over --grad-seqs\n"
                        "sequences of --seq characters at the starting weights, and stop"),
        CLI_OPT("grad-seqs", CLI_LONG, &o.grad_seqs, .arg = "K", .help = "for --gradients: the sequences at "
                "training offsets 0, T, 2T, ...", .min = 1, .max = 100000),
        CLI_OPT("study", CLI_FLAG, &o.study, .help = "the gradient-norm experiment (a tanh rnn at two starting\n"
                "Whh, clipping on and off) instead of the training"),
        CLI_HEADING("Text made up by the model:"),
        CLI_OPT("sample", CLI_LONG, &o.sample, .arg = "N", .help = "characters to make up", .min = 0,
                .max = 1000000),
        CLI_OPT("temperature", CLI_DOUBLE, &o.temperature, .arg = "X", .help = "0: always the likeliest character"),
        CLI_OPT("prompt", CLI_TEXT, &o.prompt, .arg = "TEXT", .help = "warm the state on TEXT first (default: the "
                "end of a fortune, %\\n)"),
        CLI_HEADING("Output:"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "no progress bar, no timings (two runs print the same)"),
        {0}};
    cli_parse(argc, argv, "Recurrent networks on characters: a tanh RNN and an LSTM, trained by backpropagation "
              "through time.", options);
    if (o.preset)
        o.cell = 1;
    apply_preset(&o, &given_hidden, &given_steps, &given_lr);
    if (!given_hidden && !o.preset)
        o.hidden = o.cell == 1 ? 192 : 406;
    if (!given_lr && !o.preset && (o.cell == 0 || o.study))
        o.lr = 0.003;                           // the tanh rnn's better rate (0.01: 2.115 nats, see the page)
    if (o.temperature < 0)
        cli_fail(EXIT_USAGE, "--temperature: must be 0 or more, got %g", o.temperature);
    if (o.clip < 0)
        cli_fail(EXIT_USAGE, "--clip: must be 0 or more, got %g", o.clip);
    if (given_epochs && given_steps)
        cli_fail(EXIT_USAGE, "--epochs and --steps: give one of them");
    if (!given_epochs)
        o.epochs = 0;
    return o;
}
