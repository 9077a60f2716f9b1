/* Unit tests of the CSV reader: what it accepts and how it names each problem. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "testutil.h"

TestSuite(data, .timeout = 10.0);

/* Load text as a data set with n_out targets; returns data_load's result. */
static int load(const char *text, size_t len, int n_out, Dataset *d, char *err, char *path)
{
    test_temp_file(path, text, len);
    int rc = data_load(d, path, n_out, err, 512);
    remove(path);
    return rc;
}

#define LOAD(text, n_out, d, err, path) load(text, sizeof(text) - 1, n_out, d, err, path)

Test(data, reads_header_inputs_and_targets)
{
    Dataset d;
    char err[512], path[64];
    int rc = LOAD("x1,x2,t\n-1,-1,-1\n-1,1,1\n1,-1,1\n1,1,1\n", 1, &d, err, path);
    cr_assert_eq(rc, 0, "load failed: %s", err);
    cr_assert_eq(d.n, 4);
    cr_assert_eq(d.n_in, 2);
    cr_assert_eq(d.n_out, 1);
    cr_assert_str_eq(d.names[0], "x1");
    cr_assert_str_eq(d.names[2], "t");
    cr_assert_eq(mat_get(&d.X, 1, 1), 1.0);
    cr_assert_eq(mat_get(&d.X, 2, 0), 1.0);
    cr_assert_eq(mat_get(&d.T, 0, 0), -1.0);
    cr_assert_eq(d.line[3], 5, "the fourth sample is on line 5");
    data_free(&d);
}

Test(data, two_targets_and_decimals)
{
    Dataset d;
    char err[512], path[64];
    cr_assert_eq(LOAD("a,b,c,d\n0.5,1e-3,2,-3.25\n", 2, &d, err, path), 0, "%s", err);
    cr_assert_eq(d.n_in, 2);
    cr_assert_eq(d.n_out, 2);
    cr_assert_eq(mat_get(&d.X, 0, 1), 1e-3);
    cr_assert_eq(mat_get(&d.T, 0, 1), -3.25);
    data_free(&d);
}

Test(data, accepts_crlf_bom_spaces_and_blank_lines)
{
    Dataset d;
    char err[512], path[64];
    int rc = LOAD("\xEF\xBB\xBFx1, x2 ,t\r\n 1 , 2,3 \r\n\r\n4,5,6\r\n\n", 1, &d, err, path);
    cr_assert_eq(rc, 0, "load failed: %s", err);
    cr_assert_eq(d.n, 2);
    cr_assert_str_eq(d.names[0], "x1", "the byte-order mark is not part of the name");
    cr_assert_str_eq(d.names[1], "x2");
    cr_assert_eq(mat_get(&d.X, 0, 1), 2.0);
    cr_assert_eq(mat_get(&d.T, 1, 0), 6.0);
    cr_assert_eq(d.line[1], 4, "blank lines still count for line numbers");
    data_free(&d);
}

/* Each malformed file and the message it must give (after the path). */
static const struct {
    const char *text, *message;
} bad[] = {
    {"", ": the file is empty"},
    {"\n\n", ": the file is empty"},
    {"x1,x2,t\n", ": no samples after the header line"},
    {"x1,x2,t\n1,2\n", ":2: expected 3 values (as in the header), found 2"},
    {"x1,x2,t\n1,2,3\n1,2,3,4\n", ":3: expected 3 values (as in the header), found 4"},
    {"x1,x2,t\n1,abc,3\n", ":2: x2 is 'abc', which is not a number"},
    {"x1,x2,t\n1,,3\n", ":2: x2 is '', which is not a number"},
    {"x1,x2,t\n1,2,3x\n", ":2: t is '3x', which is not a number"},
    {"x1,x2,t\nnan,2,3\n", ":2: x1 is 'nan', which is not a finite number"},
    {"x1,x2,t\n1,inf,3\n", ":2: x2 is 'inf', which is not a finite number"},
    {"x1,x2,t\n1,2,1e999\n", ":2: t is '1e999', which is not a finite number"},
    {"1,2,3\n4,5,6\n", ":1: the first line must be a header"},
    {"x1,,t\n1,2,3\n", ":1: column 2 of the header has no name"},
    {"t\n1\n", ":1: the header names 1 column, but 1 target column and at least one input"},
};

Test(data, malformed_files_are_named_with_their_line)
{
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        Dataset d;
        char err[512] = "", path[64];
        int rc = load(bad[k].text, strlen(bad[k].text), 1, &d, err, path);
        cr_assert_eq(rc, -1, "case %zu ('%s') was accepted", k, bad[k].text);
        cr_assert(strncmp(err, path, strlen(path)) == 0, "case %zu: '%s' does not start with the path", k, err);
        cr_assert(strstr(err, bad[k].message) != NULL, "case %zu: message '%s' lacks '%s'",
                  k, err, bad[k].message);
        cr_assert_null(d.names, "a failed load leaves the data set empty");
    }
}

Test(data, nul_byte_is_rejected)
{
    Dataset d;
    char err[512], path[64];
    cr_assert_eq(load("x,t\n1\0,2\n", 9, 1, &d, err, path), -1);
    cr_assert(strstr(err, ":2: contains a NUL byte") != NULL, "%s", err);
}

Test(data, missing_file_and_directory)
{
    Dataset d;
    char err[512];
    cr_assert_eq(data_load(&d, "/nonexistent/x.csv", 1, err, sizeof err), -1);
    cr_assert_str_eq(err, "/nonexistent/x.csv: cannot open: No such file or directory");
    cr_assert_eq(data_load(&d, "/tmp", 1, err, sizeof err), -1);
    cr_assert_str_eq(err, "/tmp: cannot read: Is a directory");
}

Test(data, target_values_are_checked)
{
    Dataset d;
    char err[512], path[64];
    cr_assert_eq(LOAD("x1,x2,t\n1,1,1\n\n1,-1,0.5\n", 1, &d, err, path), 0, "%s", err);
    const double bipolar[] = {-1.0, 1.0};
    cr_assert_eq(data_check_targets(&d, "or.csv", bipolar, 2, err, sizeof err), -1);
    cr_assert_str_eq(err, "or.csv:4: t is 0.5, expected one of -1, 1");
    mat_set(&d.T, 1, 0, -1.0);
    cr_assert_eq(data_check_targets(&d, "or.csv", bipolar, 2, err, sizeof err), 0);
    data_free(&d);
}
