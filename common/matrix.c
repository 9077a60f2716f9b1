/**
 * @file matrix.c
 * @brief The dense matrix module: shape checks first, then plain loops.
 */
#include "matrix.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

#include "alloc.h"

// ----------------------------------------------------------------------------
// shape errors

static void default_error(const char *message)
{
    fprintf(stderr, "matrix: %s\n", message);
    abort(); // a shape error is a bug in the caller: stop where a debugger can see it
}

static mat_error_fn on_error = default_error;

void mat_set_error_handler(mat_error_fn fn)
{
    on_error = fn ? fn : default_error;
}

void mat_error(const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    on_error(msg);
}

/* Each check returns 1 when the shapes fit and reports the error otherwise. */

static int same_shape(const char *op, const char *na, const Mat *a, const char *nb, const Mat *b)
{
    if (a->rows == b->rows && a->cols == b->cols)
        return 1;
    mat_error("%s: %s is %dx%d but %s is %dx%d (they must have the same shape)",
                op, na, a->rows, a->cols, nb, b->rows, b->cols);
    return 0;
}

static int out_shape(const char *op, const Mat *out, int rows, int cols)
{
    if (out->rows == rows && out->cols == cols)
        return 1;
    mat_error("%s: out is %dx%d but the result is %dx%d", op, out->rows, out->cols, rows, cols);
    return 0;
}

static int no_alias(const char *op, const Mat *out, const Mat *a, const Mat *b)
{
    if (out->data != a->data && out->data != b->data)
        return 1;
    mat_error("%s: out must not be one of the inputs (a product reads them while writing)", op);
    return 0;
}

// ----------------------------------------------------------------------------
// allocation

Mat mat_new(int rows, int cols)
{
    assert(rows >= 0 && cols >= 0);
    Mat m = {rows, cols, NULL};
    size_t n = (size_t)rows * (size_t)cols;
    char what[64];
    snprintf(what, sizeof what, "a %dx%d matrix", rows, cols);
    m.data = nn_alloc(n, sizeof(double), what);
    return m;
}

void mat_free(Mat *m)
{
    free(m->data);
    m->data = NULL;
    m->rows = m->cols = 0;
}

void mat_fill(Mat *m, double v)
{
    for (size_t i = 0, n = mat_size(m); i < n; i++)
        m->data[i] = v;
}

void mat_copy(Mat *dst, const Mat *src)
{
    if (!same_shape("mat_copy", "dst", dst, "src", src))
        return;
    for (size_t i = 0, n = mat_size(src); i < n; i++)
        dst->data[i] = src->data[i];
}

// ----------------------------------------------------------------------------
// products: the i-k-j loop order walks b and out row by row, which is what
// the row-major layout makes fast

/*
 * 1 when none of x[0..n) is infinite or NaN. A product may skip a zero factor
 * only then: 0 x Inf and 0 x NaN are NaN, and a weight that has gone bad must
 * show in the output even behind an image's background pixels.
 */
static int all_finite(const double *x, size_t n)
{
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok &= isfinite(x[i]) != 0;
    return ok;
}

void mat_mul(Mat *out, const Mat *a, const Mat *b)
{
    if (a->cols != b->rows) {
        mat_error("mat_mul: a is %dx%d but b is %dx%d (a.cols must equal b.rows)",
                    a->rows, a->cols, b->rows, b->cols);
        return;
    }
    if (!out_shape("mat_mul", out, a->rows, b->cols) || !no_alias("mat_mul", out, a, b))
        return;
    const int N = a->rows, K = a->cols, M = b->cols;
    const int skip_zeros = all_finite(b->data, mat_size(b));
    mat_fill(out, 0.0);
    for (int i = 0; i < N; i++) {
        double *o = out->data + (size_t)i * M;
        for (int k = 0; k < K; k++) {
            const double aik = a->data[(size_t)i * K + k];
            if (aik == 0.0 && skip_zeros)
                continue;       // adds nothing: half of an image's pixels are background, many ReLUs are off
            const double *bk = b->data + (size_t)k * M;
            for (int j = 0; j < M; j++)
                o[j] += aik * bk[j];
        }
    }
}

void mat_mul_tn(Mat *out, const Mat *a, const Mat *b)
{
    if (a->rows != b->rows) {
        mat_error("mat_mul_tn: a is %dx%d but b is %dx%d (a.rows must equal b.rows for a^T b)",
                    a->rows, a->cols, b->rows, b->cols);
        return;
    }
    if (!out_shape("mat_mul_tn", out, a->cols, b->cols) || !no_alias("mat_mul_tn", out, a, b))
        return;
    const int K = a->rows, N = a->cols, M = b->cols;
    mat_fill(out, 0.0);
    for (int k = 0; k < K; k++) {
        const double *ak = a->data + (size_t)k * N;
        const double *bk = b->data + (size_t)k * M;
        const int skip_zeros = all_finite(bk, (size_t)M);
        for (int i = 0; i < N; i++) {
            if (ak[i] == 0.0 && skip_zeros)
                continue;       // as in mat_mul: a zero input adds nothing to its row of the gradient
            double *o = out->data + (size_t)i * M;
            for (int j = 0; j < M; j++)
                o[j] += ak[i] * bk[j];
        }
    }
}

void mat_mul_nt(Mat *out, const Mat *a, const Mat *b)
{
    if (a->cols != b->cols) {
        mat_error("mat_mul_nt: a is %dx%d but b is %dx%d (a.cols must equal b.cols for a b^T)",
                    a->rows, a->cols, b->rows, b->cols);
        return;
    }
    if (!out_shape("mat_mul_nt", out, a->rows, b->rows) || !no_alias("mat_mul_nt", out, a, b))
        return;
    const int N = a->rows, K = a->cols, M = b->rows;
    for (int i = 0; i < N; i++) {
        const double *ai = a->data + (size_t)i * K;
        for (int j = 0; j < M; j++) {
            const double *bj = b->data + (size_t)j * K;
            double s = 0.0;
            for (int k = 0; k < K; k++)
                s += ai[k] * bj[k];
            out->data[(size_t)i * M + j] = s;
        }
    }
}

// ----------------------------------------------------------------------------
// element-wise operations (out may be one of the inputs)

static int elementwise(const char *op, const Mat *out, const Mat *a, const Mat *b)
{
    return same_shape(op, "a", a, "b", b) && same_shape(op, "out", out, "a", a);
}

void mat_add(Mat *out, const Mat *a, const Mat *b)
{
    if (!elementwise("mat_add", out, a, b))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = a->data[i] + b->data[i];
}

void mat_sub(Mat *out, const Mat *a, const Mat *b)
{
    if (!elementwise("mat_sub", out, a, b))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = a->data[i] - b->data[i];
}

void mat_hadamard(Mat *out, const Mat *a, const Mat *b)
{
    if (!elementwise("mat_hadamard", out, a, b))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = a->data[i] * b->data[i];
}

void mat_add_scaled(Mat *out, const Mat *a, double s, const Mat *b)
{
    if (!elementwise("mat_add_scaled", out, a, b))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = a->data[i] + s * b->data[i];
}

void mat_scale(Mat *out, const Mat *a, double s)
{
    if (!same_shape("mat_scale", "out", out, "a", a))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = s * a->data[i];
}

void mat_apply(Mat *out, const Mat *a, double (*f)(double))
{
    if (!same_shape("mat_apply", "out", out, "a", a))
        return;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        out->data[i] = f(a->data[i]);
}

// ----------------------------------------------------------------------------
// rows: biases go forward with mat_add_row and come back with mat_sum_rows

void mat_add_row(Mat *out, const Mat *a, const Mat *row)
{
    if (row->rows != 1 || row->cols != a->cols) {
        mat_error("mat_add_row: a is %dx%d but row is %dx%d (row must be 1x%d)",
                    a->rows, a->cols, row->rows, row->cols, a->cols);
        return;
    }
    if (!same_shape("mat_add_row", "out", out, "a", a))
        return;
    for (int i = 0; i < a->rows; i++)
        for (int j = 0; j < a->cols; j++)
            out->data[(size_t)i * a->cols + j] = a->data[(size_t)i * a->cols + j] + row->data[j];
}

void mat_sum_rows(Mat *out, const Mat *a)
{
    if (!out_shape("mat_sum_rows", out, 1, a->cols))
        return;
    mat_fill(out, 0.0);
    for (int i = 0; i < a->rows; i++)
        for (int j = 0; j < a->cols; j++)
            out->data[j] += a->data[(size_t)i * a->cols + j];
}

double mat_sum(const Mat *a)
{
    double s = 0.0;
    for (size_t i = 0, n = mat_size(a); i < n; i++)
        s += a->data[i];
    return s;
}

void mat_print(FILE *f, const char *name, const Mat *m, const char *fmt)
{
    fprintf(f, "%s (%d x %d)\n", name, m->rows, m->cols);
    for (int i = 0; i < m->rows; i++) {
        for (int j = 0; j < m->cols; j++) {
            fputc(' ', f);
            fprintf(f, fmt, mat_get(m, i, j));
        }
        fputc('\n', f);
    }
}
