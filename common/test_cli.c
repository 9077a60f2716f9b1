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
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fileno(f), 2);
        fail();
        _exit(0);
    }
    waitpid(pid, status, 0);
    rewind(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
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
