/* Unit tests of a program's plumbing: each failure is one line and the right exit code. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "run.h"
#include "testutil.h"

TestSuite(run, .timeout = 10.0);

/* The first line of what run() wrote on stderr, and its exit code. */
static int fails_with(void (*run)(void), char *line, size_t len)
{
    int status;
    test_output_of(run, 2, &status, line, len);
    line[strcspn(line, "\n")] = '\0';
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void missing_csv(void)
{
    cli_init("ch00");
    Dataset d;
    run_load_csv(&d, "/nonexistent/data.csv", 1);
}

static void missing_weights(void)
{
    cli_init("ch00");
    Weights w;
    run_load_weights(&w, "/nonexistent/w.txt");
}

static void missing_images(void)
{
    cli_init("ch00");
    ImageSet s;
    run_load_images(&s, "/nonexistent", "train", 0, 10, 0);
}

static void diverged(void)
{
    cli_init("ch00");
    run_check_diverged(NULL, NAN, 3);
}

static void big_weight(void)
{
    cli_init("ch00");
    Weights w;
    const int sizes[] = {2, 1};
    weights_alloc(&w, 1, sizes);
    w.W[0].data[1] = 2 * WEIGHTS_DIVERGED;
    run_check_diverged(&w, 0.5, 7);
}

static void unwritable(void)
{
    cli_init("ch00");
    Weights w;
    const int sizes[] = {2, 1};
    weights_alloc(&w, 1, sizes);
    run_save_gradients(&w, "/nonexistent/dir/g.txt", NULL);
}

Test(run, each_failure_is_one_line_with_its_code)
{
    char line[512];
    cr_assert_eq(fails_with(missing_csv, line, sizeof line), 2);
    cr_assert(strncmp(line, "ch00: /nonexistent/data.csv", 27) == 0, "got '%s'", line);
    cr_assert_eq(fails_with(missing_weights, line, sizeof line), 2);
    cr_assert(strncmp(line, "ch00: /nonexistent/w.txt", 24) == 0, "got '%s'", line);
    cr_assert_eq(fails_with(missing_images, line, sizeof line), 2);
    cr_assert(strstr(line, "train-images-idx3-ubyte") != NULL, "got '%s'", line);
    cr_assert_eq(fails_with(diverged, line, sizeof line), 1);
    cr_assert_str_eq(line, "ch00: epoch 3: training diverged (a weight passed 1e+06 or the loss is not finite); "
                           "lower --lr");
    cr_assert_eq(fails_with(big_weight, line, sizeof line), 1);
    cr_assert(strncmp(line, "ch00: epoch 7: training diverged", 32) == 0, "got '%s'", line);
    cr_assert_eq(fails_with(unwritable, line, sizeof line), 1);
    cr_assert_str_eq(line, "ch00: cannot write '/nonexistent/dir/g.txt': No such file or directory");
}

Test(run, weights_saved_and_read_back)
{
    char dir[] = "/tmp/nn-run-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    Weights w, back;
    const int sizes[] = {2, 3, 1};
    weights_alloc(&w, 2, sizes);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < mat_size(&w.W[l]); i++)
            w.W[l].data[i] = 0.1 * (double)i - 1.0 / 3.0;
    run_save_weights(&w, dir, "weights.txt", "a test");
    char path[128];
    snprintf(path, sizeof path, "%s/weights.txt", dir);
    run_load_weights(&back, path);
    cr_assert_eq(back.n_layers, 2);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < mat_size(&w.W[l]); i++)
            cr_assert_eq(back.W[l].data[i], w.W[l].data[i], "%%.17g gives back the same double");
    char *text = test_read_file(path);
    cr_assert(text && strncmp(text, "# a test\nW1 2 3\n", 16) == 0, "the file starts '%.20s'", text);
    free(text);
    remove(path);
    rmdir(dir);
    weights_free(&w);
    weights_free(&back);
}
