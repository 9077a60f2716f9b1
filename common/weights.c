/**
 * @file weights.c
 * @brief Weights in memory and on disk; the reader checks every shape and number.
 */
#define _POSIX_C_SOURCE 200809L
#include "weights.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void weights_alloc(Weights *w, int n_layers, const int *sizes)
{
    assert(n_layers >= 1 && n_layers <= WEIGHTS_MAX_LAYERS);
    memset(w, 0, sizeof *w);
    w->n_layers = n_layers;
    for (int l = 0; l < n_layers; l++) {
        assert(sizes[l] >= 1 && sizes[l + 1] >= 1);
        w->W[l] = mat_new(sizes[l], sizes[l + 1]);
        w->b[l] = mat_new(1, sizes[l + 1]);
    }
}

void weights_alloc_like(Weights *w, const Weights *like)
{
    memset(w, 0, sizeof *w);
    w->n_layers = like->n_layers;
    for (int l = 0; l < like->n_layers; l++) {
        w->W[l] = mat_new(like->W[l].rows, like->W[l].cols);
        w->b[l] = mat_new(1, like->b[l].cols);
        w->kind[l] = like->kind[l];
    }
}

void weights_free(Weights *w)
{
    for (int l = 0; l < w->n_layers; l++) {
        mat_free(&w->W[l]);
        mat_free(&w->b[l]);
    }
    w->n_layers = 0;
}

void weights_init_glorot(Weights *w, Rng *rng)
{
    for (int l = 0; l < w->n_layers; l++) {
        Mat *W = &w->W[l];
        const double a = sqrt(6.0 / (W->rows + W->cols));   // keeps the variance of z about the same layer to layer
        for (size_t i = 0; i < mat_size(W); i++)
            W->data[i] = rng_range(rng, -a, a);
        mat_fill(&w->b[l], 0.0);
    }
}

int weights_units(const Weights *w, int l)
{
    assert(l >= 0 && l <= w->n_layers);
    return l == 0 ? w->W[0].rows : w->W[l - 1].cols;
}

double weights_max_abs(const Weights *w)
{
    double m = 0.0;
    for (int l = 0; l < w->n_layers; l++) {
        const Mat *both[2] = {&w->W[l], &w->b[l]};
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < mat_size(both[k]); i++) {
                const double v = fabs(both[k]->data[i]);
                if (!isfinite(v))
                    return INFINITY;
                m = v > m ? v : m;
            }
    }
    return m;
}

// ----------------------------------------------------------------------------
// reading

/* The reader's position: file, line number, and the line's tokens. */
typedef struct {
    const char *path;
    long line;
    char *err;
    size_t errlen;
    char *tok[4];   /* the first tokens of the current line */
    int ntok;       /* how many tokens the line has in all */
    int conv;       /* 1: a layer may be a convolution, K<l> */
} Reader;

static int fail(Reader *r, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->line > 0)
        snprintf(r->err, r->errlen, "%s:%ld: %s", r->path, r->line, msg);
    else
        snprintf(r->err, r->errlen, "%s: %s", r->path, msg);
    return -1;
}

/* Split s at blanks in place; remember the first few tokens, count them all. */
static void split(Reader *r, char *s)
{
    r->ntok = 0;
    for (;;) {
        s += strspn(s, " \t\r\n");
        if (*s == '\0')
            return;
        if (r->ntok < 4)
            r->tok[r->ntok] = s;
        r->ntok++;
        s += strcspn(s, " \t\r\n");
        if (*s)
            *s++ = '\0';
    }
}

/* Read lines until one with tokens; 1 when found, 0 at end of file, -1 on error. */
static int next_line(Reader *r, FILE *f, char **buf, size_t *cap)
{
    ssize_t len;
    while ((len = getline(buf, cap, f)) >= 0) {
        r->line++;
        if ((size_t)len != strlen(*buf))
            return fail(r, "contains a NUL byte (is this a text file?)");
        char *s = *buf;
        if (r->line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        s += strspn(s, " \t");
        if (*s == '#')
            continue;
        split(r, s);
        if (r->ntok > 0)
            return 1;
    }
    if (ferror(f))
        return fail(r, "cannot read: %s", strerror(errno));
    return 0;
}

/* Parse a positive matrix dimension; 0 on success. */
static int parse_dim(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno == ERANGE || v < 1 || v > WEIGHTS_MAX_UNITS)
        return -1;
    *out = (int)v;
    return 0;
}

/* Read a header line `<kind><layer> rows cols` that the reader expects next. */
static int read_header(Reader *r, char kind, int layer, int *rows, int *cols)
{
    char want[16];
    snprintf(want, sizeof want, "%c%d", kind, layer);
    if (strcmp(r->tok[0], want) != 0)
        return fail(r, "expected the header '%s rows cols', found '%.40s'", want, r->tok[0]);
    if (r->ntok != 3)
        return fail(r, "the header of %s must be '%s rows cols' (3 items), found %d items",
                    want, want, r->ntok);
    if (parse_dim(r->tok[1], rows) != 0 || parse_dim(r->tok[2], cols) != 0)
        return fail(r, "%s: rows and cols must be whole numbers from 1 to %d, found '%.20s %.20s'",
                    want, WEIGHTS_MAX_UNITS, r->tok[1], r->tok[2]);
    if ((long)*rows * *cols > 10000000L)
        return fail(r, "%s: %d x %d is too large", want, *rows, *cols);
    return 0;
}

/* Read the rows of m, one line each, under the header of `name`. */
static int read_values(Reader *r, FILE *f, char **buf, size_t *cap, const char *name, Mat *m)
{
    for (int i = 0; i < m->rows; i++) {
        int rc = next_line(r, f, buf, cap);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return fail(r, "%s ends after %d of its %d rows", name, i, m->rows);
        if (r->ntok != m->cols)
            return fail(r, "%s row %d: expected %d numbers, found %d", name, i + 1, m->cols, r->ntok);
        // split() kept only the first four tokens; walk the line again for all of them
        char *s = r->tok[0];
        for (int j = 0; j < m->cols; j++) {
            s += strspn(s, " \t\r\n");
            char *end;
            errno = 0;
            double v = strtod(s, &end);
            if (end == s || *end != '\0') // split() ended every token with a NUL
                return fail(r, "%s row %d: item %d is not a number", name, i + 1, j + 1);
            if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
                return fail(r, "%s row %d: item %d is not a finite number", name, i + 1, j + 1);
            mat_set(m, i, j, v);
            s = end + 1; // past the NUL that split() wrote after this token
        }
    }
    return 0;
}

/* Read layer l (0-based): W then b, with the shape checks that tie them together. */
static int read_layer(Reader *r, FILE *f, char **buf, size_t *cap, Weights *w, int l)
{
    int rows, cols;
    char name[16];
    const char kind = r->conv && r->tok[0][0] == 'K' ? 'K' : 'W';
    if (read_header(r, kind, l + 1, &rows, &cols) != 0)
        return -1;
    if (l > 0 && kind == 'W' && w->kind[l - 1] != 'K' && rows != w->W[l - 1].cols)
        return fail(r, "W%d has %d rows, but W%d has %d columns: they must be equal",
                    l + 1, rows, l, w->W[l - 1].cols);
    w->W[l] = mat_new(rows, cols);
    w->kind[l] = kind;
    w->n_layers = l + 1; // from here weights_free() releases this layer
    snprintf(name, sizeof name, "%c%d", kind, l + 1);
    if (read_values(r, f, buf, cap, name, &w->W[l]) != 0)
        return -1;
    const int width = kind == 'K' ? rows : cols;    // a convolution: one bias per out channel

    int rc = next_line(r, f, buf, cap);
    if (rc < 0)
        return -1;
    if (rc == 0 || r->tok[0][0] != 'b')
        return rc == 0 ? fail(r, "%s has no b%d after it", name, l + 1)
                       : fail(r, "%s has no b%d after it (found '%.40s')", name, l + 1, r->tok[0]);
    int brows, bcols;
    if (read_header(r, 'b', l + 1, &brows, &bcols) != 0)
        return -1;
    if (brows != 1 || bcols != width)
        return fail(r, "b%d is %dx%d, but it must be 1x%d (one row, %s)", l + 1, brows, bcols, width,
                    kind == 'K' ? "a bias per row of the kernels" : "as wide as the W");
    w->b[l] = mat_new(1, width);
    snprintf(name, sizeof name, "b%d", l + 1);
    return read_values(r, f, buf, cap, name, &w->b[l]);
}

static int read_weights(Weights *w, const char *path, int conv, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    Reader r = {.path = path, .err = err, .errlen = errlen, .conv = conv};
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(&r, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t cap = 0;
    int rc;
    int l = 0;
    while ((rc = next_line(&r, f, &buf, &cap)) == 1) {
        if (l == WEIGHTS_MAX_LAYERS) {
            rc = fail(&r, "too many layers (at most %d)", WEIGHTS_MAX_LAYERS);
            break;
        }
        if ((rc = read_layer(&r, f, &buf, &cap, w, l)) != 0)
            break;
        l++;
    }
    if (rc == 0 && l == 0)
        rc = fail(&r, "no weights found (expected a line '%s1 rows cols')", conv ? "K" : "W");
    free(buf);
    fclose(f);
    if (rc != 0)
        weights_free(w);
    return rc < 0 ? -1 : 0;
}

int params_read(const Param *p, int n, const char *path, char *err, size_t errlen)
{
    Reader r = {.path = path, .err = err, .errlen = errlen};
    FILE *f = fopen(path, "r");
    if (!f)
        return fail(&r, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    for (int k = 0; k < n && rc == 0; k++) {
        int rows, cols;
        rc = next_line(&r, f, &buf, &cap);
        if (rc == 0) {
            rc = fail(&r, "ends before %s, the %d%s of the model's %d matrices", p[k].name, k + 1,
                      k == 0 ? "st" : k == 1 ? "nd" : k == 2 ? "rd" : "th", n);
            break;
        }
        if (rc < 0)
            break;
        if (strcmp(r.tok[0], p[k].name) != 0)
            rc = fail(&r, "expected the header '%s %d %d', found '%.40s'", p[k].name, p[k].rows, p[k].cols, r.tok[0]);
        else if (r.ntok != 3 || parse_dim(r.tok[1], &rows) != 0 || parse_dim(r.tok[2], &cols) != 0)
            rc = fail(&r, "the header of %s must be '%s rows cols', with whole numbers", p[k].name, p[k].name);
        else if (rows != p[k].rows || cols != p[k].cols)
            rc = fail(&r, "%s is %dx%d, but this model's %s is %dx%d", p[k].name, rows, cols, p[k].name, p[k].rows,
                      p[k].cols);
        else {
            Mat m = {rows, cols, p[k].data};
            rc = read_values(&r, f, &buf, &cap, p[k].name, &m);
        }
    }
    if (rc == 0 && (rc = next_line(&r, f, &buf, &cap)) == 1)
        rc = fail(&r, "a matrix after the model's last, %s: '%.40s'", p[n - 1].name, r.tok[0]);
    free(buf);
    fclose(f);
    return rc < 0 ? -1 : 0;
}

int weights_read(Weights *w, const char *path, char *err, size_t errlen)
{
    return read_weights(w, path, 0, err, errlen);
}

int weights_read_conv(Weights *w, const char *path, char *err, size_t errlen)
{
    return read_weights(w, path, 1, err, errlen);
}

// ----------------------------------------------------------------------------
// writing

static void write_matrix(FILE *f, const char *kind, int layer, const Mat *m)
{
    fprintf(f, "%s%d %d %d\n", kind, layer, m->rows, m->cols);
    for (int i = 0; i < m->rows; i++)
        for (int j = 0; j < m->cols; j++)
            fprintf(f, "%.17g%c", mat_get(m, i, j), j + 1 < m->cols ? ' ' : '\n');
}

void params_print(FILE *f, const Param *p, int n, const char *comment)
{
    if (comment)
        fprintf(f, "# %s\n", comment);
    for (int k = 0; k < n; k++) {
        fprintf(f, "%s %d %d\n", p[k].name, p[k].rows, p[k].cols);
        for (int i = 0; i < p[k].rows; i++)
            for (int j = 0; j < p[k].cols; j++)
                fprintf(f, "%.17g%c", p[k].data[(size_t)i * p[k].cols + j], j + 1 < p[k].cols ? ' ' : '\n');
    }
}

void weights_print(FILE *f, const Weights *w, const char *comment)
{
    if (comment)
        fprintf(f, "# %s\n", comment);
    for (int l = 0; l < w->n_layers; l++) {
        write_matrix(f, w->kind[l] == 'K' ? "K" : "W", l + 1, &w->W[l]);
        write_matrix(f, "b", l + 1, &w->b[l]);
    }
}

int weights_write(const Weights *w, const char *path, const char *comment, char *err, size_t errlen)
{
    // write beside the target and rename at the end, so the file is never half written
    char partial[4200];
    snprintf(partial, sizeof partial, "%s.partial", path);
    FILE *f = fopen(partial, "w");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    weights_print(f, w, comment);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(partial);
        snprintf(err, errlen, "%s: error while writing (disk full?)", path);
        return -1;
    }
    if (rename(partial, path) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        remove(partial);
        return -1;
    }
    return 0;
}
