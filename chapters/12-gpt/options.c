/**
 * @file chapters/12-gpt/options.c
 * @brief Chapter 12's option table.
 */
#include "options.h"

#include "../../common/cli.h"
#include "../../common/text.h"

Options options_parse(int argc, char **argv)
{
    Options o = {.text = TEXT_FORTUNES, .out = "build/ch12", .layers = 4, .heads = 4, .embed = 128, .context = 64,
                 .batch = 32, .steps = 1500, .warmup = 100, .grad_seqs = 4, .sample = 400, .eval_every = 100,
                 .val_slice = 32768, .threads = 1, .lr = 4e-3, .weight_decay = 0.1, .clip = 1.0,
                 .temperature = 0.8, .seed = 1};
    int given[4] = {0}, given_steps = 0, given_batch = 0, given_warmup = 0, given_epochs = 0;
    const CliOption options[] = {
        CLI_OPT("text", CLI_TEXT, &o.text, .arg = "PATH", .help = "the fortunes' directory, or any text file"),
        CLI_HEADING("The model (a decoder-only transformer on bytes):"),
        CLI_OPT("layers", CLI_LONG, &o.layers, .arg = "L", .help = "blocks", .min = 1, .max = 16, .given = &given[0]),
        CLI_OPT("heads", CLI_LONG, &o.heads, .arg = "H", .help = "heads of attention in a block (they share E)",
                .min = 1, .max = 64, .given = &given[1]),
        CLI_OPT("embed", CLI_LONG, &o.embed, .arg = "E", .help = "features of the stream, a multiple of H", .min = 1,
                .max = 2048, .given = &given[2]),
        CLI_OPT("context", CLI_LONG, &o.context, .arg = "T", .help = "the most bytes the model reads at once",
                .min = 1, .max = 1024, .given = &given[3]),
        CLI_OPT("preset", CLI_CHOICE, &o.preset, .arg = "best",
                .help = "the page's best recipe: context 128, batch 16, 4000 steps,\nwarm-up 200 (options given as well win)",
                .choices = "none|best"),
        CLI_HEADING("Training (AdamW, warm-up then cosine):"),
        CLI_OPT("batch", CLI_LONG, &o.batch, .arg = "B", .help = "sequences a step, from random places of the text",
                .min = 1, .max = 4096, .given = &given_batch),
        CLI_OPT("steps", CLI_LONG, &o.steps, .arg = "N", .help = "steps of AdamW", .min = 0, .max = 100000000,
                .given = &given_steps),
        CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "train for N passes over the training text "
                "instead of --steps", .min = 1, .max = 10000, .given = &given_epochs),
        CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "the learning rate after the warm-up"),
        CLI_OPT("warmup", CLI_LONG, &o.warmup, .arg = "N", .help = "steps of a learning rate rising from lr/N to lr",
                .min = 0, .max = 100000000, .given = &given_warmup),
        CLI_OPT("weight-decay", CLI_DOUBLE, &o.weight_decay, .arg = "X", .help = "AdamW's decoupled decay, on the "
                "matrices (not biases, not gains)"),
        CLI_OPT("clip", CLI_DOUBLE, &o.clip, .arg = "C", .help = "clip the gradient to global norm C (0: no clipping)"),
        CLI_OPT("seed", CLI_LONG, &o.seed, .arg = "N", .help = "starting weights, batches and samples", .min = 0,
                .max = 2147483647L),
        CLI_OPT("eval-every", CLI_LONG, &o.eval_every, .arg = "N", .help = "validation loss on a slice every N steps",
                .min = 1, .max = 100000000),
        CLI_OPT("val-slice", CLI_LONG, &o.val_slice, .arg = "N", .help = "bytes of validation text for those "
                "(the whole of it at the end)", .min = 2, .max = 1000000000),
        CLI_OPT("threads", CLI_LONG, &o.threads, .arg = "N", .help = "threads of the matrix products (0: every core)",
                .min = 0, .max = 256),
        CLI_OPT("load-weights", CLI_TEXT, &o.load, .arg = "FILE", .help = "start from these weights (their shape "
                "with them)"),
        CLI_OPT("gradients", CLI_TEXT, &o.gradients, .arg = "FILE",
                .help = "write the gradient (in double) of the mean cross-entropy over\n--grad-seqs sequences at "
                        "the weights of --load-weights (else the\nseed's starting weights), and stop"),
        CLI_OPT("grad-seqs", CLI_LONG, &o.grad_seqs, .arg = "K", .help = "for --gradients: the sequences of T bytes "
                "at training offsets\n0, T, 2T, ...", .min = 1, .max = 100000),
        CLI_OPT("check", CLI_FLAG, &o.check, .help = "check every layer's backward pass against finite differences\n"
                "and the model's gradient against chapter 08's tape, and stop"),
        CLI_HEADING("Text made up by the model:"),
        CLI_OPT("sample", CLI_LONG, &o.sample, .arg = "N", .help = "bytes to make up", .min = 0, .max = 1000000),
        CLI_OPT("temperature", CLI_DOUBLE, &o.temperature, .arg = "X", .help = "0: always the likeliest byte"),
        CLI_OPT("top-k", CLI_LONG, &o.top_k, .arg = "K", .help = "draw from the K likeliest bytes only (0: all)",
                .min = 0, .max = 256),
        CLI_OPT("prompt", CLI_TEXT, &o.prompt, .arg = "TEXT", .help = "start from TEXT (default: the end of a "
                "fortune, %\\n); the model\nreads its last T bytes"),
        CLI_HEADING("Output:"),
        CLI_OPT("out", CLI_DIR, &o.out, .arg = "DIR", .help = "where to write the files"),
        CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "no progress bar, no timings (two runs print the same)"),
        {0}};
    cli_parse(argc, argv, "A small GPT on bytes: attention, layer norm and GELU, written out and trained here.",
              options);
    if (o.preset) {                             // a context of 128, as many bytes a step, more steps
        o.context = given[3] ? o.context : 128;
        o.batch = given_batch ? o.batch : 16;
        o.steps = given_steps ? o.steps : 4000;
        o.warmup = given_warmup ? o.warmup : 200;
    }
    for (int i = 0; i < 4; i++)
        o.given[i] = given[i];
    if (given_epochs && given_steps)
        cli_fail(EXIT_USAGE, "--epochs and --steps: give one of them");
    if (o.embed % o.heads && !o.load)          // (a weight file's shape is checked when it is read)
        cli_fail(EXIT_USAGE, "--embed %ld is not divisible by --heads %ld: each head takes E/H of the features",
                 o.embed, o.heads);
    if (o.temperature < 0)
        cli_fail(EXIT_USAGE, "--temperature: must be 0 or more, got %g", o.temperature);
    if (o.clip < 0)
        cli_fail(EXIT_USAGE, "--clip: must be 0 or more, got %g", o.clip);
    if (o.weight_decay < 0)
        cli_fail(EXIT_USAGE, "--weight-decay: must be 0 or more, got %g", o.weight_decay);
    return o;
}
