/* Unit tests of the weight file: round trip, and every malformed case named. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "weights.h"

TestSuite(weights, .timeout = 10.0);

static const char good[] =
    "# a 2-3-1 network\n"
    "W1 2 3\n"
    "0.5 -0.25 1\n"
    "-1 0.125 0.75\n"
    "\n"
    "b1 1 3\n"
    "0 0.1 0\n"
    "W2 3 1\n"
    "1\n"
    "-2\n"
    "3e-1\n"
    "b2 1 1\n"
    "-0.5\n";

Test(weights, reads_layers_and_shapes)
{
    char path[64], err[512];
    test_temp_file(path, good, sizeof good - 1);
    Weights w;
    int rc = weights_read(&w, path, err, sizeof err);
    remove(path);
    cr_assert_eq(rc, 0, "read failed: %s", err);
    cr_assert_eq(w.n_layers, 2);
    cr_assert_eq(weights_units(&w, 0), 2);
    cr_assert_eq(weights_units(&w, 1), 3);
    cr_assert_eq(weights_units(&w, 2), 1);
    cr_assert_eq(mat_get(&w.W[0], 1, 1), 0.125);
    cr_assert_eq(mat_get(&w.b[0], 0, 1), 0.1);
    cr_assert_eq(mat_get(&w.W[1], 2, 0), 0.3);
    cr_assert_eq(mat_get(&w.b[1], 0, 0), -0.5);
    weights_free(&w);
}

Test(weights, write_then_read_gives_the_same_doubles)
{
    const int sizes[] = {3, 4, 2};
    Weights w, back;
    weights_alloc(&w, 2, sizes);
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < mat_size(&w.W[l]); i++)
            w.W[l].data[i] = 1.0 / (3.0 + i) - 0.1 * l; // values with no short decimal form
        for (size_t i = 0; i < mat_size(&w.b[l]); i++)
            w.b[l].data[i] = -1e-300 * (i + 1);
    }
    char path[64], err[512];
    test_temp_file(path, "", 0);
    cr_assert_eq(weights_write(&w, path, "round trip", err, sizeof err), 0, "%s", err);
    cr_assert_eq(weights_read(&back, path, err, sizeof err), 0, "%s", err);
    char *text = test_read_file(path);
    remove(path);
    cr_assert(strncmp(text, "# round trip\nW1 3 4\n", 20) == 0, "file starts '%.30s'", text);
    free(text);
    cr_assert_eq(back.n_layers, 2);
    for (int l = 0; l < 2; l++) {
        cr_assert(memcmp(w.W[l].data, back.W[l].data, mat_size(&w.W[l]) * sizeof(double)) == 0,
                  "W%d changed in the round trip", l + 1);
        cr_assert(memcmp(w.b[l].data, back.b[l].data, mat_size(&w.b[l]) * sizeof(double)) == 0,
                  "b%d changed in the round trip", l + 1);
    }
    weights_free(&w);
    weights_free(&back);
}

Test(weights, alloc_like_copies_shapes)
{
    const int sizes[] = {2, 5, 3, 1};
    Weights w, g;
    weights_alloc(&w, 3, sizes);
    weights_alloc_like(&g, &w);
    cr_assert_eq(g.n_layers, 3);
    for (int l = 0; l <= 3; l++)
        cr_assert_eq(weights_units(&g, l), sizes[l]);
    cr_assert_eq(g.b[1].rows, 1);
    cr_assert_eq(g.b[1].cols, 3);
    weights_free(&w);
    weights_free(&g);
}

static const struct {
    const char *text, *message;
} bad[] = {
    {"", ": no weights found"},
    {"# only a comment\n", ": no weights found"},
    {"W1 2 1\n1\n2\n", ": W1 has no b1 after it"},
    {"W1 2 1\n1\n2\nW2 1 1\n", ":4: W1 has no b1 after it (found 'W2')"},
    {"b1 1 1\n0\n", ":1: expected the header 'W1 rows cols', found 'b1'"},
    {"W2 1 1\n0\nb2 1 1\n0\n", ":1: expected the header 'W1 rows cols', found 'W2'"},
    {"W1 2\n", ":1: the header of W1 must be 'W1 rows cols' (3 items), found 2 items"},
    {"W1 2 x\n", ":1: W1: rows and cols must be whole numbers from 1 to"},
    {"W1 0 1\n", ":1: W1: rows and cols must be whole numbers from 1 to"},
    {"W1 2 1\n1\n", ": W1 ends after 1 of its 2 rows"},
    {"W1 1 2\n1\n", ":2: W1 row 1: expected 2 numbers, found 1"},
    {"W1 1 2\n1 2 3\n", ":2: W1 row 1: expected 2 numbers, found 3"},
    {"W1 1 2\n1 abc\n", ":2: W1 row 1: item 2 is not a number"},
    {"W1 1 2\n1 2x\n", ":2: W1 row 1: item 2 is not a number"},
    {"W1 1 2\nnan 1\n", ":2: W1 row 1: item 1 is not a finite number"},
    {"W1 1 2\n1 1e999\n", ":2: W1 row 1: item 2 is not a finite number"},
    {"W1 1 2\n1 2\nb1 2 2\n", ":3: b1 is 2x2, but it must be 1x2"},
    {"W1 1 2\n1 2\nb1 1 3\n", ":3: b1 is 1x3, but it must be 1x2"},
    {"W1 1 2\n1 2\nb1 1 2\n0 0\nW2 3 1\n", ":5: W2 has 3 rows, but W1 has 2 columns"},
    {"W1 1 1\n1\nb1 1 1\n0\nb2 1 1\n", ":5: expected the header 'W2 rows cols', found 'b2'"},
    {"W1 100000 100000\n", ":1: W1: 100000 x 100000 is too large"},
};

Test(weights, malformed_files_are_named_with_their_line)
{
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char path[64], err[512] = "";
        test_temp_file(path, bad[k].text, strlen(bad[k].text));
        Weights w;
        int rc = weights_read(&w, path, err, sizeof err);
        remove(path);
        cr_assert_eq(rc, -1, "case %zu ('%s') was accepted", k, bad[k].text);
        cr_assert(strncmp(err, path, strlen(path)) == 0, "case %zu: '%s' lacks the path", k, err);
        cr_assert(strstr(err, bad[k].message) != NULL, "case %zu: message '%s' lacks '%s'",
                  k, err, bad[k].message);
        cr_assert_eq(w.n_layers, 0, "a failed read leaves no layers");
    }
}

Test(weights, missing_file_and_unwritable_path)
{
    Weights w;
    char err[512];
    cr_assert_eq(weights_read(&w, "/nonexistent/w.txt", err, sizeof err), -1);
    cr_assert_str_eq(err, "/nonexistent/w.txt: cannot open: No such file or directory");
    const int sizes[] = {1, 1};
    weights_alloc(&w, 1, sizes);
    cr_assert_eq(weights_write(&w, "/nonexistent/w.txt", NULL, err, sizeof err), -1);
    cr_assert_str_eq(err, "/nonexistent/w.txt: cannot write: No such file or directory");
    weights_free(&w);
}

Test(weights, glorot_init_draws_rows_in_order_within_the_bound)
{
    const int sizes[3] = {4, 6, 2};
    Weights w;
    weights_alloc(&w, 2, sizes);
    mat_fill(&w.b[0], 7.0);
    Rng r, s;
    rng_seed(&r, 5);
    rng_seed(&s, 5);
    weights_init_glorot(&w, &r);
    for (int l = 0; l < 2; l++) {
        const double a = sqrt(6.0 / (sizes[l] + sizes[l + 1]));
        for (size_t i = 0; i < mat_size(&w.W[l]); i++) {
            const double want = rng_range(&s, -a, a);    // W1 row by row, then W2
            cr_assert(w.W[l].data[i] == want, "W%d[%zu] is %g, expected the generator's %g", l + 1, i,
                      w.W[l].data[i], want);
        }
        for (size_t j = 0; j < mat_size(&w.b[l]); j++)
            cr_assert(w.b[l].data[j] == 0.0, "b%d[%zu] is %g, expected 0", l + 1, j, w.b[l].data[j]);
    }
    weights_free(&w);
}

/* A model's named matrices: written, read back to the bit, and a file of other shapes named. */
Test(weights, named_matrices_round_trip_and_shapes)
{
    double c[2 * 3] = {0.1, -1.0 / 3, 2e-300, 4, 5, 6}, w[3 * 1] = {7, 8, 9}, c2[6], w2[3];
    const Param p[] = {{"C", 2, 3, c}, {"Whh", 3, 1, w}}, back[] = {{"C", 2, 3, c2}, {"Whh", 3, 1, w2}};
    char path[64] = "/tmp/nn-params-XXXXXX", err[512];
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    params_print(f, p, 2, "a model");
    fclose(f);
    cr_assert_eq(params_read(back, 2, path, err, sizeof err), 0, "read failed: %s", err);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(c2[i], c[i]);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(w2[i], w[i]);
    const Param other[] = {{"C", 2, 4, c2}, {"Whh", 3, 1, w2}};
    cr_assert_eq(params_read(other, 2, path, err, sizeof err), -1);
    cr_assert(strstr(err, ":2: C is 2x3, but this model's C is 2x4") != NULL, "got '%s'", err);
    const Param fewer[] = {{"C", 2, 3, c2}};
    cr_assert_eq(params_read(fewer, 1, path, err, sizeof err), -1);
    cr_assert(strstr(err, "a matrix after the model's last, C: 'Whh'") != NULL, "got '%s'", err);
    remove(path);
}
