/* Unit tests of the option helpers: values accepted, and exit 2 for the rest. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "testutil.h"

TestSuite(cli, .timeout = 10.0);

Test(cli, numbers_and_lists)
{
    cr_assert_eq(cli_double("--lr", "0.25"), 0.25);
    cr_assert_eq(cli_double("--x", "-1e3"), -1000.0);
    cr_assert_eq(cli_positive("--lr", "3"), 3.0);
    cr_assert_eq(cli_long("--epochs", "10", 0, 100), 10);
    cr_assert_eq(cli_yes_no("--shuffle", "yes"), 1);
    cr_assert_eq(cli_yes_no("--shuffle", "no"), 0);
    double w[4];
    cr_assert_eq(cli_doubles("--weights", "0.8,0.5,-0.1", w, 4), 3);
    cr_assert_eq(w[2], -0.1);
    long sizes[8];
    cr_assert_eq(cli_longs("--layers", "2,4,1", sizes, 8, 1, 1000), 3);
    cr_assert_eq(sizes[1], 4);
}

static void redirect(void)
{
    cli_init("prog");
    cr_redirect_stderr();
}

Test(cli, bad_number_exits_2, .init = redirect, .exit_code = 2)
{
    cli_double("--lr", "abc");
}

Test(cli, yes_no_takes_only_yes_or_no, .init = redirect, .exit_code = 2)
{
    cli_yes_no("--shuffle", "Yes");
}

Test(cli, nan_is_not_a_number, .init = redirect, .exit_code = 2)
{
    cli_double("--lr", "nan");
}

Test(cli, zero_is_not_positive, .init = redirect, .exit_code = 2)
{
    cli_positive("--lr", "0");
}

Test(cli, out_of_range_exits_2, .init = redirect, .exit_code = 2)
{
    cli_long("--epochs", "-1", 0, 100);
}

Test(cli, empty_list_item_exits_2, .init = redirect, .exit_code = 2)
{
    long sizes[8];
    cli_longs("--layers", "2,,1", sizes, 8, 1, 1000);
}

Test(cli, too_many_items_exits_2, .init = redirect, .exit_code = 2)
{
    double w[2];
    cli_doubles("--weights", "1,2,3", w, 2);
}

/* Run fail() in a child process; its exit status into *status, its stderr into buf. */
static void stderr_of(void (*fail)(void), int *status, char *buf, size_t len)
{
    test_output_of(fail, 2, status, buf, len);
}

static void bad_lr(void)
{
    cli_init("ch01");
    cli_double("--lr", "1,5");
}

/* The message itself: run the failing call in a child and read its stderr. */
Test(cli, message_is_one_line_with_program_and_option)
{
    char buf[256];
    int status;
    stderr_of(bad_lr, &status, buf, sizeof buf);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d", status);
    // (a sanitizer may add its own lines after ours: compare the first line only)
    const char *want = "ch01: --lr: expected a finite number, got '1,5'\n";
    cr_assert(strncmp(buf, want, strlen(want)) == 0, "stderr was '%s', expected '%s'", buf, want);
}

static void quiet_bad_batch(void)
{
    cli_init("ch09");
    cli_set_quiet_errors(1);    // a parallel run's second process: the first one speaks
    cli_long("--batch", "0", 1, 100);
}

Test(cli, quiet_errors_exit_with_their_code_and_print_nothing)
{
    char buf[512];
    int status;
    stderr_of(quiet_bad_batch, &status, buf, sizeof buf);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 2, "exit status %d, expected 2", status);
    // (a sanitizer may add its own report: what matters is that none of it is the program's message)
    cr_assert(strstr(buf, "ch09:") == NULL && strstr(buf, "--batch") == NULL, "a quiet process printed '%s'", buf);
}

// ----------------------------------------------------------------------------
// the checked allocation

Test(cli, alloc_gives_zeroed_memory)
{
    int *p = nn_alloc(100, sizeof(int), "a test");
    for (int i = 0; i < 100; i++)
        cr_assert_eq(p[i], 0);
    p = nn_realloc(p, 1000, sizeof(int), "a test");
    p[999] = 1;
    free(p);
    free(nn_alloc(0, sizeof(double), "nothing"));   // a count of 0 is a valid pointer
}

Test(cli, out_of_memory_says_what_for, .init = redirect, .exit_code = 1)
{
    nn_alloc((size_t)-1 / 4, 8, "the training images");   // more than any machine has
}

static void huge_alloc(void)
{
    cli_init("prog");
    nn_alloc((size_t)1 << 60, 1 << 4, "the training images");
}

Test(cli, out_of_memory_is_one_line)
{
    char buf[256];
    int status;
    stderr_of(huge_alloc, &status, buf, sizeof buf);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "exit status %d, expected 1", status);
    const char *want = "prog: out of memory: 1152921504606846976 x 16 bytes for the training images\n";
    cr_assert(strncmp(buf, want, strlen(want)) == 0, "stderr was '%s', expected '%s'", buf, want);
}

// ----------------------------------------------------------------------------
// a program's options as one table

typedef struct {
    const char *data, *out;
    long epochs, sizes[4];
    double lr, weights[3];
    int quiet, shuffle, opt, n_sizes, n_weights, lr_given;
} Table;

static void table_of(Table *t, CliOption *opts)
{
    *t = (Table){.data = "data/or.csv", .out = "build/ch00", .epochs = 5, .lr = 0.5, .shuffle = 1, .opt = 2,
                 .sizes = {2, 3, 1}, .n_sizes = 3};
    const CliOption table[] = {
        CLI_OPT("data", CLI_TEXT, &t->data, .arg = "FILE", .help = "the data"),
        CLI_HEADING("Training:"),
        CLI_OPT("epochs", CLI_LONG, &t->epochs, .arg = "N", .help = "passes over the data", .min = 0, .max = 100),
        CLI_OPT("lr", CLI_POSITIVE, &t->lr, .arg = "X", .help = "learning rate eta > 0", .given = &t->lr_given),
        CLI_OPT("opt", CLI_CHOICE, &t->opt, .arg = "O", .help = "the optimiser", .choices = "sgd|momentum|adam"),
        CLI_OPT("shuffle", CLI_YES_NO, &t->shuffle, .arg = "yes|no", .help = "reshuffle every epoch"),
        CLI_OPT("layers", CLI_LONGS, t->sizes, .arg = "N,N,..", .help = "layer sizes", .min = 1, .max = 1000,
                .items = 4, .count = &t->n_sizes),
        CLI_OPT("weights", CLI_DOUBLES, t->weights, .arg = "W1,W2,B", .help = "starting weights\nthen the bias",
                .max = 3, .count = &t->n_weights),
        CLI_OPT("out", CLI_DIR, &t->out, .arg = "DIR", .help = "where the files go"),
        CLI_OPT("quiet", CLI_FLAG, &t->quiet, .help = "print less"),
        CLI_OPT("max-epochs", CLI_LONG, &t->epochs, .min = 0, .max = 100, .alias_of = "epochs"),
        {0}};
    memcpy(opts, table, sizeof table);
}

static int parse_table(Table *t, int argc, char **argv)
{
    CliOption opts[16];
    table_of(t, opts);
    cli_init("prog");
    cli_parse(argc, argv, "A test of the table.", opts);
    return 0;
}

Test(cli, table_reads_every_kind)
{
    Table t;
    char *argv[] = {"prog", "--data", "x.csv", "--epochs", "7", "--lr=0.25", "--opt", "momentum", "--shuffle", "no",
                    "--layers", "4,5", "--weights", "1,-2,0.5", "--out", "o", "--quiet", NULL};
    parse_table(&t, 17, argv);
    cr_assert_str_eq(t.data, "x.csv");
    cr_assert_eq(t.epochs, 7);
    cr_assert_eq(t.lr, 0.25);
    cr_assert_eq(t.lr_given, 1);
    cr_assert_eq(t.opt, 1);
    cr_assert_eq(t.shuffle, 0);
    cr_assert_eq(t.n_sizes, 2);
    cr_assert_eq(t.sizes[1], 5);
    cr_assert_eq(t.n_weights, 3);
    cr_assert_eq(t.weights[1], -2.0);
    cr_assert_str_eq(t.out, "o");
    cr_assert_eq(t.quiet, 1);
    char *old_name[] = {"prog", "--max-epochs", "9", NULL};
    parse_table(&t, 3, old_name);
    cr_assert_eq(t.epochs, 9, "an old name sets its option");
    cr_assert_eq(t.lr_given, 0);
}

static void parse_argv(char **argv)
{
    Table t;
    int argc = 0;
    while (argv[argc])
        argc++;
    parse_table(&t, argc, argv);
}

static void choice_wrong(void) { parse_argv((char *[]){"prog", "--opt", "adamw", NULL}); }
static void twice_by_old_name(void) { parse_argv((char *[]){"prog", "--epochs", "3", "--max-epochs", "4", NULL}); }
static void typo(void) { parse_argv((char *[]){"prog", "--epocs", "3", NULL}); }
static void range(void) { parse_argv((char *[]){"prog", "--epochs", "300", NULL}); }
static void stray(void) { parse_argv((char *[]){"prog", "extra", NULL}); }

/* Each mistake: exit 2 and the one line the table's options give. */
Test(cli, table_mistakes_are_one_line)
{
    struct {
        void (*run)(void);
        const char *want;
    } cases[] = {
        {choice_wrong, "prog: --opt: expected sgd, momentum or adam, got 'adamw'\n"},
        {twice_by_old_name, "prog: option '--epochs' is given twice (give each option once)\n"},
        {typo, "prog: unknown option '--epocs' (did you mean --epochs? try --help)\n"},
        {range, "prog: --epochs: must be between 0 and 100, got 300\n"},
        {stray, "prog: unexpected argument 'extra' (options start with --; try --help)\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char buf[512];
        int status;
        stderr_of(cases[k].run, &status, buf, sizeof buf);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 2, "case %zu: exit status %d", k, status);
        cr_assert(strncmp(buf, cases[k].want, strlen(cases[k].want)) == 0, "case %zu: stderr '%s', expected '%s'", k,
                  buf, cases[k].want);
    }
}

static void help_after_lr(void)
{
    parse_argv((char *[]){"prog", "--lr", "3", "--help", NULL});
}

Test(cli, table_help_text)
{
    char buf[2048];
    int status;
    test_output_of(help_after_lr, 1, &status, buf, sizeof buf);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "--help: exit status %d", status);
    const char *want = "Usage: prog [options]\n"
                       "A test of the table.\n"
                       "\n"
                       "  --data FILE           the data (default data/or.csv)\n"
                       "\n"
                       "Training:\n"
                       "  --epochs N            passes over the data (default 5)\n"
                       "  --lr X                learning rate eta > 0 (default 0.5)\n"
                       "  --opt O               the optimiser (default adam)\n"
                       "  --shuffle yes|no      reshuffle every epoch (default yes)\n"
                       "  --layers N,N,..       layer sizes (default 2,3,1)\n"
                       "  --weights W1,W2,B     starting weights\n"
                       "                        then the bias\n"
                       "  --out DIR             where the files go (default build/ch00)\n"
                       "  --quiet               print less\n"
                       "  --help                show this help\n";
    cr_assert_str_eq(buf, want);
}

// ----------------------------------------------------------------------------
// the files a run wrote

static void files_run(void)
{
    char dir[] = "/tmp/nn-test-files-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    cli_init("prog");
    FILE *f = cli_open(dir, "epochs.csv", "epoch,loss");
    fprintf(f, "1,0.5\n");
    cli_done(f);
    cli_done(cli_open(dir, "weights.txt", NULL));
    cli_wrote(dir, "checkpoint/");
    cli_done(cli_open(dir, "epochs.csv", NULL));    // written again: listed once
    char other[4200];
    snprintf(other, sizeof other, "%s/sub", dir);
    cli_done(cli_open(other, "elsewhere.csv", NULL));
    printf("[%s]\n", dir + 5);
    cli_print_files(dir);
}

Test(cli, the_files_a_run_wrote_in_order)
{
    char buf[2048], name[64];
    int status;
    test_output_of(files_run, 1, &status, buf, sizeof buf);
    cr_assert(sscanf(buf, "[%63[^]]]", name) == 1, "output '%s'", buf);
    char want[512];
    snprintf(want, sizeof want, "[%s]\nFiles in /tmp/%s: epochs.csv, weights.txt, checkpoint/\n", name, name);
    cr_assert_str_eq(buf, want);
}
