/**
 * @file data.c
 * @brief The CSV reader: one line at a time, every problem named with its line.
 */
#define _POSIX_C_SOURCE 200809L
#include "data.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static int fail(char *err, size_t errlen, const char *path, long line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(err, errlen, "%s:%ld: %s", path, line, msg);
    else
        snprintf(err, errlen, "%s: %s", path, msg);
    return -1;
}

/* Strip the line end (LF or CRLF) and surrounding blanks in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Count the comma-separated fields of a line. */
static int count_fields(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += (*s == ',');
    return n;
}

/* Parse a whole field as a finite double; 0 on success. */
static int parse_value(const char *field, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(field, &end);
    if (end == field || *end != '\0')
        return -1;
    if (!isfinite(v) || errno == ERANGE) {
        if (fabs(v) < 1.0) { // underflow to (almost) zero is harmless
            *out = v;
            return 0;
        }
        return -2;
    }
    *out = v;
    return 0;
}

/* A growing array of doubles and of line numbers. */
typedef struct {
    double *v;
    size_t n, cap;
    int *line;
    size_t rows, rows_cap;
} Rows;

static void rows_push(Rows *r, const double *vals, int k, int line)
{
    if (r->n + (size_t)k > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        while (cap < r->n + (size_t)k)
            cap *= 2;
        r->v = nn_realloc(r->v, cap, sizeof *r->v, "the data file's values");
        r->cap = cap;
    }
    if (r->rows == r->rows_cap) {
        size_t cap = r->rows_cap ? 2 * r->rows_cap : 64;
        r->line = nn_realloc(r->line, cap, sizeof *r->line, "the data file's line numbers");
        r->rows_cap = cap;
    }
    memcpy(r->v + r->n, vals, (size_t)k * sizeof *vals);
    r->n += (size_t)k;
    r->line[r->rows++] = line;
}

void data_free(Dataset *d)
{
    if (d->names)
        for (int j = 0; j < d->n_in + d->n_out; j++)
            free(d->names[j]);
    free(d->names);
    free(d->line);
    mat_free(&d->X);
    mat_free(&d->T);
    memset(d, 0, sizeof *d);
}

/* Spreadsheets in many locales save "CSV" with ';' or tabs between values: say so. */
static const char *separator_hint(const char *text)
{
    if (strchr(text, ';'))
        return " (values are separated by ';': the course reads commas; save the file as comma-separated CSV)";
    if (strchr(text, '\t'))
        return " (values are separated by tabs: the course reads commas; save the file as comma-separated CSV)";
    return "";
}

/* Read the header line into d->names; 0 or -1 with err set. */
static int read_header(Dataset *d, char *text, int n_out, const char *path, char *err, size_t errlen)
{
    int ncols = count_fields(text);
    if (ncols <= n_out && *separator_hint(text))
        return fail(err, errlen, path, 1, "the header '%.40s' is one column%s", text, separator_hint(text));
    if (ncols <= n_out)
        return fail(err, errlen, path, 1, "the header names %d column%s, but %d target column%s "
                    "and at least one input are needed", ncols, ncols == 1 ? "" : "s",
                    n_out, n_out == 1 ? "" : "s");
    d->names = nn_alloc((size_t)ncols, sizeof *d->names, "the data file's column names");
    d->n_in = ncols - n_out;
    d->n_out = n_out;
    int numeric = 0;
    char *field = text;
    for (int j = 0; j < ncols; j++) {
        char *comma = strchr(field, ',');
        if (comma)
            *comma = '\0';
        char *name = trim(field);
        double ignored;
        if (*name == '\0')
            return fail(err, errlen, path, 1, "column %d of the header has no name", j + 1);
        numeric += parse_value(name, &ignored) == 0;
        d->names[j] = nn_alloc(strlen(name) + 1, 1, "a column name");
        strcpy(d->names[j], name);
        if (comma)
            field = comma + 1;
    }
    if (numeric == ncols)
        return fail(err, errlen, path, 1, "the first line must be a header naming the columns "
                    "(e.g. x1,x2,t), found only numbers");
    return 0;
}

/* Parse one sample line into vals (ncols of them); 0 or -1 with err set. */
static int read_row(char *text, double *vals, int ncols, const char *path, long line,
                    const Dataset *d, char *err, size_t errlen)
{
    int found = count_fields(text);
    if (found != ncols)
        return fail(err, errlen, path, line, "expected %d values (as in the header), found %d%s",
                    ncols, found, separator_hint(text));
    char *field = text;
    for (int j = 0; j < ncols; j++) {
        char *comma = strchr(field, ',');
        if (comma)
            *comma = '\0';
        char *value = trim(field);
        int rc = parse_value(value, &vals[j]);
        if (rc == -1)
            return fail(err, errlen, path, line, "%s is '%.40s', which is not a number%s",
                        d->names[j], value, separator_hint(value));
        if (rc == -2)
            return fail(err, errlen, path, line, "%s is '%.40s', which is not a finite number",
                        d->names[j], value);
        if (comma)
            field = comma + 1;
    }
    return 0;
}

/* Move the parsed rows into d->X, d->T and d->line. */
static void fill_matrices(Dataset *d, Rows *rows)
{
    int ncols = d->n_in + d->n_out;
    d->n = (int)rows->rows;
    d->X = mat_new(d->n, d->n_in);
    d->T = mat_new(d->n, d->n_out);
    for (int i = 0; i < d->n; i++)
        for (int j = 0; j < ncols; j++) {
            double v = rows->v[(size_t)i * ncols + j];
            if (j < d->n_in)
                mat_set(&d->X, i, j, v);
            else
                mat_set(&d->T, i, j - d->n_in, v);
        }
    d->line = rows->line;
    rows->line = NULL;
}

int data_load(Dataset *d, const char *path, int n_out, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(err, errlen, path, 0, "cannot open: %s", strerror(errno));

    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    long line = 0;
    int rc = 0, have_header = 0;
    Rows rows = {0};
    double *vals = NULL;
    while (rc == 0 && (len = getline(&buf, &cap, f)) >= 0) {
        line++;
        if ((size_t)len != strlen(buf)) {
            rc = fail(err, errlen, path, line, "contains a NUL byte (is this a text file?)");
            break;
        }
        char *text = buf;
        if (line == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
            text += 3; // a UTF-8 byte-order mark, as some spreadsheets write
        text = trim(text);
        if (*text == '\0')
            continue; // blank lines carry nothing
        if (!have_header) {
            rc = read_header(d, text, n_out, path, err, errlen);
            have_header = 1;
            if (rc == 0)
                vals = nn_alloc((size_t)(d->n_in + n_out), sizeof *vals, "a row of the data file");
            continue;
        }
        rc = read_row(text, vals, d->n_in + n_out, path, line, d, err, errlen);
        if (rc == 0)
            rows_push(&rows, vals, d->n_in + n_out, (int)line);
        if (rc == 0 && line > 10000000)
            rc = fail(err, errlen, path, line, "too many lines (at most 10000000)");
    }
    if (rc == 0 && ferror(f))
        rc = fail(err, errlen, path, 0, "cannot read: %s", strerror(errno));
    else if (rc == 0 && !have_header)
        rc = fail(err, errlen, path, 0, "the file is empty (expected a header line, then samples)");
    else if (rc == 0 && rows.rows == 0)
        rc = fail(err, errlen, path, 0, "no samples after the header line");
    if (rc == 0)
        fill_matrices(d, &rows);
    else
        data_free(d);
    free(rows.v);
    free(rows.line);
    free(vals);
    free(buf);
    fclose(f);
    return rc;
}

int data_check_targets(const Dataset *d, const char *path, const double *allowed, int n_allowed,
                       char *err, size_t errlen)
{
    for (int i = 0; i < d->n; i++)
        for (int j = 0; j < d->n_out; j++) {
            double t = mat_get(&d->T, i, j);
            int ok = 0;
            for (int k = 0; k < n_allowed; k++)
                ok |= (t == allowed[k]);
            if (ok)
                continue;
            char list[128] = "";
            for (int k = 0; k < n_allowed; k++) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s%g", k ? ", " : "", allowed[k]);
            }
            return fail(err, errlen, path, d->line[i], "%s is %g, expected one of %s",
                        d->names[d->n_in + j], t, list);
        }
    return 0;
}
