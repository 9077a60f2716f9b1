/* Unit tests of the matrix module, including its shape errors. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "matrix.h"

TestSuite(matrix, .timeout = 10.0);

/* A matrix from a row-major list of values. */
static Mat from(int rows, int cols, const double *v)
{
    Mat m = mat_new(rows, cols);
    memcpy(m.data, v, mat_size(&m) * sizeof *v);
    return m;
}

static void expect(const Mat *m, int rows, int cols, const double *v, const char *what)
{
    cr_assert_eq(m->rows, rows, "%s: rows %d, expected %d", what, m->rows, rows);
    cr_assert_eq(m->cols, cols, "%s: cols %d, expected %d", what, m->cols, cols);
    for (int i = 0; i < rows * cols; i++)
        cr_assert_float_eq(m->data[i], v[i], 1e-12, "%s: element %d is %g, expected %g",
                           what, i, m->data[i], v[i]);
}

// A = [1 2 3; 4 5 6] (2x3), B = [1 0; 0 1; 2 -1] (3x2)
static const double A_[] = {1, 2, 3, 4, 5, 6};
static const double B_[] = {1, 0, 0, 1, 2, -1};

Test(matrix, new_is_zero_and_free_empties)
{
    Mat m = mat_new(3, 4);
    cr_assert_eq(m.rows, 3);
    cr_assert_eq(m.cols, 4);
    for (size_t i = 0; i < mat_size(&m); i++)
        cr_assert_eq(m.data[i], 0.0);
    mat_free(&m);
    cr_assert_null(m.data);
    cr_assert_eq(m.rows, 0);
    mat_free(&m); // twice is harmless
}

Test(matrix, get_set_fill_copy)
{
    Mat a = mat_new(2, 3), b = mat_new(2, 3);
    mat_set(&a, 1, 2, 7.5);
    cr_assert_eq(mat_get(&a, 1, 2), 7.5);
    cr_assert_eq(a.data[5], 7.5, "row-major: (1,2) of a 2x3 is data[5]");
    mat_fill(&b, -2.0);
    cr_assert_eq(mat_sum(&b), -12.0);
    mat_copy(&b, &a);
    cr_assert_eq(mat_get(&b, 1, 2), 7.5);
    cr_assert_eq(mat_get(&b, 0, 0), 0.0);
    mat_free(&a);
    mat_free(&b);
}

Test(matrix, products)
{
    Mat a = from(2, 3, A_), b = from(3, 2, B_);
    Mat ab = mat_new(2, 2), atb = mat_new(3, 3), abt = mat_new(2, 2);
    mat_mul(&ab, &a, &b);
    expect(&ab, 2, 2, (double[]){7, -1, 16, -1}, "a b");
    // a^T a: 3x3 Gram matrix of a's columns
    mat_mul_tn(&atb, &a, &a);
    expect(&atb, 3, 3, (double[]){17, 22, 27, 22, 29, 36, 27, 36, 45}, "a^T a");
    // a a^T: 2x2 Gram matrix of a's rows
    mat_mul_nt(&abt, &a, &a);
    expect(&abt, 2, 2, (double[]){14, 32, 32, 77}, "a a^T");
    mat_free(&a), mat_free(&b), mat_free(&ab), mat_free(&atb), mat_free(&abt);
}

/*
 * A zero input times a weight that has gone bad (NaN or infinite) is NaN, as
 * IEEE arithmetic says: the products may skip zeros for speed only where that
 * cannot hide it (the background pixels of an image are zeros).
 */
Test(matrix, a_bad_weight_shows_behind_a_zero_input)
{
    Mat x = from(1, 2, (double[]){0.0, 0.0}), w = from(2, 2, (double[]){NAN, 1.0, INFINITY, 2.0});
    Mat y = mat_new(1, 2);
    mat_mul(&y, &x, &w);
    cr_assert(isnan(y.data[0]), "mat_mul: 0 x NaN + 0 x Inf gave %g, expected NaN", y.data[0]);
    cr_assert_eq(y.data[1], 0.0, "mat_mul: 0 x 1 + 0 x 2 gave %g, expected 0", y.data[1]);
    // the gradient X^T delta: a zero input, a non-finite delta
    Mat d = from(1, 2, (double[]){NAN, 1.0}), g = mat_new(2, 2);
    mat_mul_tn(&g, &x, &d);
    cr_assert(isnan(g.data[0]) && isnan(g.data[2]), "mat_mul_tn: 0 x NaN gave %g and %g, expected NaN",
              g.data[0], g.data[2]);
    cr_assert_eq(g.data[1], 0.0, "mat_mul_tn: 0 x 1 gave %g, expected 0", g.data[1]);
    mat_free(&x), mat_free(&w), mat_free(&y), mat_free(&d), mat_free(&g);
}

Test(matrix, transposed_products_agree_with_explicit_transpose)
{
    // A^T B and A B^T equal mat_mul on explicitly transposed copies, for odd shapes.
    Mat a = mat_new(5, 3), b = mat_new(5, 4), at = mat_new(3, 5), c = mat_new(4, 3);
    for (int i = 0; i < 15; i++)
        a.data[i] = sin(i + 1.0);
    for (int i = 0; i < 20; i++)
        b.data[i] = cos(i * 0.7);
    for (int i = 0; i < 12; i++)
        c.data[i] = i - 5.5;
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 3; j++)
            mat_set(&at, j, i, mat_get(&a, i, j));
    Mat r1 = mat_new(3, 4), r2 = mat_new(3, 4);
    mat_mul_tn(&r1, &a, &b);
    mat_mul(&r2, &at, &b);
    expect(&r1, 3, 4, r2.data, "a^T b");
    Mat ct = mat_new(3, 4), r3 = mat_new(5, 4), r4 = mat_new(5, 4);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 3; j++)
            mat_set(&ct, j, i, mat_get(&c, i, j));
    mat_mul_nt(&r3, &a, &c);
    mat_mul(&r4, &a, &ct);
    expect(&r3, 5, 4, r4.data, "a c^T");
    mat_free(&a), mat_free(&b), mat_free(&at), mat_free(&c), mat_free(&r1), mat_free(&r2);
    mat_free(&ct), mat_free(&r3), mat_free(&r4);
}

static double square(double x) { return x * x; }

Test(matrix, elementwise_and_rows)
{
    Mat a = from(2, 3, A_), b = mat_new(2, 3), out = mat_new(2, 3);
    mat_fill(&b, 2.0);
    mat_add(&out, &a, &b);
    expect(&out, 2, 3, (double[]){3, 4, 5, 6, 7, 8}, "a + b");
    mat_sub(&out, &a, &b);
    expect(&out, 2, 3, (double[]){-1, 0, 1, 2, 3, 4}, "a - b");
    mat_hadamard(&out, &a, &b);
    expect(&out, 2, 3, (double[]){2, 4, 6, 8, 10, 12}, "a * b");
    mat_scale(&out, &a, -0.5);
    expect(&out, 2, 3, (double[]){-0.5, -1, -1.5, -2, -2.5, -3}, "-0.5 a");
    mat_apply(&out, &a, square);
    expect(&out, 2, 3, (double[]){1, 4, 9, 16, 25, 36}, "a^2");
    Mat row = from(1, 3, (double[]){10, 20, 30});
    mat_add_row(&out, &a, &row);
    expect(&out, 2, 3, (double[]){11, 22, 33, 14, 25, 36}, "a + row");
    Mat sums = mat_new(1, 3);
    mat_sum_rows(&sums, &a);
    expect(&sums, 1, 3, (double[]){5, 7, 9}, "column sums");
    cr_assert_eq(mat_sum(&a), 21.0);
    mat_free(&a), mat_free(&b), mat_free(&out), mat_free(&row), mat_free(&sums);
}

Test(matrix, elementwise_in_place_and_update_step)
{
    // W -= lr dW, written as mat_add_scaled(W, W, -lr, dW), in place
    Mat w = from(2, 3, A_), dw = mat_new(2, 3);
    mat_fill(&dw, 1.0);
    mat_add_scaled(&w, &w, -0.5, &dw);
    expect(&w, 2, 3, (double[]){0.5, 1.5, 2.5, 3.5, 4.5, 5.5}, "W - 0.5 dW");
    mat_hadamard(&w, &w, &w);
    expect(&w, 2, 3, (double[]){0.25, 2.25, 6.25, 12.25, 20.25, 30.25}, "w * w in place");
    mat_free(&w), mat_free(&dw);
}

Test(matrix, print_format)
{
    Mat a = from(2, 3, A_);
    char buf[256] = {0};
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    cr_assert_not_null(f);
    mat_print(f, "A", &a, "%4.1f");
    fclose(f);
    cr_assert_str_eq(buf, "A (2 x 3)\n  1.0  2.0  3.0\n  4.0  5.0  6.0\n");
    mat_free(&a);
}

// ----------------------------------------------------------------------------
// shape errors: a handler records the message and jumps back to the test

static jmp_buf back;
static char message[256];

static void record(const char *msg)
{
    snprintf(message, sizeof message, "%s", msg);
    longjmp(back, 1);
}

#define EXPECT_SHAPE_ERROR(call, text)                                              \
    do {                                                                            \
        message[0] = '\0';                                                          \
        mat_set_error_handler(record);                                              \
        if (setjmp(back) == 0) {                                                    \
            call;                                                                   \
            cr_assert_fail("%s: no shape error was reported", #call);                \
        }                                                                           \
        mat_set_error_handler(NULL);                                                \
        cr_assert(strstr(message, text) != NULL, "%s: message '%s' lacks '%s'",     \
                  #call, message, text);                                            \
    } while (0)

Test(matrix, shape_errors_name_the_operation_and_both_shapes)
{
    Mat a = mat_new(4, 2), b = mat_new(3, 1), c = mat_new(4, 3), r = mat_new(1, 2);
    Mat out41 = mat_new(4, 1), out22 = mat_new(2, 2);
    EXPECT_SHAPE_ERROR(mat_mul(&out41, &a, &b), "mat_mul: a is 4x2 but b is 3x1");
    EXPECT_SHAPE_ERROR(mat_mul(&out22, &a, &a), "mat_mul: a is 4x2 but b is 4x2");
    EXPECT_SHAPE_ERROR(mat_mul_tn(&out22, &a, &b), "mat_mul_tn: a is 4x2 but b is 3x1");
    EXPECT_SHAPE_ERROR(mat_mul_tn(&out41, &a, &a), "mat_mul_tn: out is 4x1 but the result is 2x2");
    EXPECT_SHAPE_ERROR(mat_mul_nt(&out22, &a, &c), "mat_mul_nt: a is 4x2 but b is 4x3");
    EXPECT_SHAPE_ERROR(mat_add(&c, &a, &c), "mat_add: a is 4x2 but b is 4x3");
    EXPECT_SHAPE_ERROR(mat_sub(&out41, &a, &a), "mat_sub: out is 4x1 but a is 4x2");
    EXPECT_SHAPE_ERROR(mat_hadamard(&a, &a, &b), "mat_hadamard: a is 4x2 but b is 3x1");
    EXPECT_SHAPE_ERROR(mat_add_scaled(&a, &a, 1.0, &c), "mat_add_scaled: a is 4x2 but b is 4x3");
    EXPECT_SHAPE_ERROR(mat_scale(&c, &a, 2.0), "mat_scale: out is 4x3 but a is 4x2");
    EXPECT_SHAPE_ERROR(mat_add_row(&c, &c, &r), "mat_add_row: a is 4x3 but row is 1x2");
    EXPECT_SHAPE_ERROR(mat_sum_rows(&r, &c), "mat_sum_rows: out is 1x2 but the result is 1x3");
    EXPECT_SHAPE_ERROR(mat_copy(&a, &c), "mat_copy: dst is 4x2 but src is 4x3");
    mat_free(&a), mat_free(&b), mat_free(&c), mat_free(&r), mat_free(&out41), mat_free(&out22);
}

Test(matrix, product_into_its_own_input_is_an_error)
{
    Mat a = mat_new(2, 2);
    EXPECT_SHAPE_ERROR(mat_mul(&a, &a, &a), "mat_mul: out must not be one of the inputs");
    mat_free(&a);
}

Test(matrix, default_handler_aborts, .init = cr_redirect_stderr, .signal = SIGABRT)
{
    Mat a = mat_new(2, 3), b = mat_new(2, 3), out = mat_new(2, 3);
    mat_mul(&out, &a, &b); // 2x3 times 2x3: the default handler prints and aborts
}
