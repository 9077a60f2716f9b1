/**
 * @file matrix.h
 * @brief A small dense matrix of doubles: the one data structure of the course.
 *
 * A matrix is row-major: element (i, j) of an R x C matrix lives at
 * `data[i * C + j]`. The chapters keep one sample per row, so a batch of N
 * samples with D features is an N x D matrix and a layer computes `A W + b`.
 *
 * Every operation writes into an output matrix that the caller allocated
 * beforehand, so a training loop allocates nothing. Shapes are checked on
 * every call: a mismatch is a bug in the calling program, and it stops the
 * program with one line naming the operation and both shapes, e.g.
 *
 *     matrix: mat_mul: a is 4x2 but b is 3x1 (a.cols must equal b.rows)
 *
 * Element-wise operations may write over one of their inputs (`out` may be
 * `a`); the three products may not, because they read inputs while writing.
 */
#ifndef NN_MATRIX_H
#define NN_MATRIX_H

#include <assert.h>
#include <stddef.h>
#include <stdio.h>

/** A rows x cols matrix of doubles stored row by row. */
typedef struct {
    int rows;     /**< number of rows (samples, in a batch) */
    int cols;     /**< number of columns (features or units) */
    double *data; /**< rows * cols values, row-major */
} Mat;

/** Allocate a rows x cols matrix of zeros; stops the program if memory runs out. */
Mat mat_new(int rows, int cols);

/** Release a matrix made by mat_new() and leave it empty (0x0, NULL); freeing twice is harmless. */
void mat_free(Mat *m);

/** Element (i, j); the indices are checked by assert(). */
static inline double mat_get(const Mat *m, int i, int j)
{
    assert(i >= 0 && i < m->rows && j >= 0 && j < m->cols);
    return m->data[(size_t)i * (size_t)m->cols + (size_t)j];
}

/** Set element (i, j) to v; the indices are checked by assert(). */
static inline void mat_set(Mat *m, int i, int j, double v)
{
    assert(i >= 0 && i < m->rows && j >= 0 && j < m->cols);
    m->data[(size_t)i * (size_t)m->cols + (size_t)j] = v;
}

/** Number of elements, rows * cols. */
static inline size_t mat_size(const Mat *m)
{
    return (size_t)m->rows * (size_t)m->cols;
}

/**
 * Rows first .. first+n-1 of m as a matrix that shares m's data (row-major
 * rows are contiguous): a mini-batch's slice of a larger buffer. Not to be
 * freed; it lives as long as m.
 */
static inline Mat mat_rows(const Mat *m, int first, int n)
{
    assert(first >= 0 && n >= 0 && first + n <= m->rows);
    Mat v = {n, m->cols, m->data + (size_t)first * (size_t)m->cols};
    return v;
}

/** Set every element of m to v. */
void mat_fill(Mat *m, double v);

/** Copy src into dst; both must have the same shape. */
void mat_copy(Mat *dst, const Mat *src);

/** out = a b, the matrix product: (N x K)(K x M) -> N x M. */
void mat_mul(Mat *out, const Mat *a, const Mat *b);

/** out = a^T b, without forming a^T: (K x N)^T (K x M) -> N x M. Backprop's dE/dW = A^T delta. */
void mat_mul_tn(Mat *out, const Mat *a, const Mat *b);

/** out = a b^T, without forming b^T: (N x K)(M x K)^T -> N x M. Backprop's delta W^T. */
void mat_mul_nt(Mat *out, const Mat *a, const Mat *b);

/** out = a + b, element by element. */
void mat_add(Mat *out, const Mat *a, const Mat *b);

/** out = a - b, element by element. */
void mat_sub(Mat *out, const Mat *a, const Mat *b);

/** out = a * b, element by element (the Hadamard product). */
void mat_hadamard(Mat *out, const Mat *a, const Mat *b);

/** out = s a, every element scaled by s. */
void mat_scale(Mat *out, const Mat *a, double s);

/** out = a + s b: with out = a this is the update step `W -= lr dW` as mat_add_scaled(W, W, -lr, dW). */
void mat_add_scaled(Mat *out, const Mat *a, double s, const Mat *b);

/** out = a + row, the 1 x C row added to every row of the R x C matrix a (a bias). */
void mat_add_row(Mat *out, const Mat *a, const Mat *row);

/** out = f(a), f applied to every element. */
void mat_apply(Mat *out, const Mat *a, double (*f)(double));

/** out = the 1 x C row of column sums of the R x C matrix a (sum over samples: dE/db). */
void mat_sum_rows(Mat *out, const Mat *a);

/** Sum of all elements. */
double mat_sum(const Mat *a);

/** Print m to f under a title line `name (R x C)`, one row per line, with printf format fmt (e.g. "%9.4f"). */
void mat_print(FILE *f, const char *name, const Mat *m, const char *fmt);

/** What a shape error does: receives the one-line message (without newline). */
typedef void (*mat_error_fn)(const char *message);

/**
 * Report a shape error the way the operations here do (through the handler
 * below), for the modules that work on these matrices (the fast product):
 * printf's format, one line naming the operation and both shapes.
 */
void mat_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/**
 * Replace what a shape error does. The default (also restored by passing NULL)
 * prints `matrix: <message>` to stderr and calls abort(). Tests install a
 * handler that records the message and jumps back; when a handler returns,
 * the operation leaves its output untouched.
 */
void mat_set_error_handler(mat_error_fn fn);

#endif
