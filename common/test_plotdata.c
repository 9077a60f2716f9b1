/* Unit tests of the plot data helpers. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>

#include "plotdata.h"

TestSuite(plotdata, .timeout = 10.0);

static void on_line(double w1, double w2, double b, const double seg[4])
{
    for (int k = 0; k < 4; k += 2) {
        double v = w1 * seg[k] + w2 * seg[k + 1] + b;
        cr_assert(fabs(v) < 1e-12, "end point (%g, %g) is off the line", seg[k], seg[k + 1]);
        cr_assert(seg[k] >= -2 - 1e-12 && seg[k] <= 2 + 1e-12 && seg[k + 1] >= -2 - 1e-12 &&
                      seg[k + 1] <= 2 + 1e-12, "end point (%g, %g) outside the box", seg[k], seg[k + 1]);
    }
}

Test(plotdata, clips_lines_to_the_box)
{
    double seg[4];
    // the diagonal x = y goes corner to corner
    cr_assert_eq(plot_line_in_box(1, -1, 0, -2, 2, seg), 1);
    on_line(1, -1, 0, seg);
    cr_assert_float_eq(hypot(seg[2] - seg[0], seg[3] - seg[1]), 4 * sqrt(2.0), 1e-12);
    // a vertical line x = 1 (w2 = 0) and a horizontal one y = -0.5 (w1 = 0)
    cr_assert_eq(plot_line_in_box(1, 0, -1, -2, 2, seg), 1);
    on_line(1, 0, -1, seg);
    cr_assert_float_eq(fabs(seg[3] - seg[1]), 4.0, 1e-12);
    cr_assert_eq(plot_line_in_box(0, 2, 1, -2, 2, seg), 1);
    on_line(0, 2, 1, seg);
    // the perceptron's final OR line 1.8 x + 1.5 y + 1.1 = 0
    cr_assert_eq(plot_line_in_box(1.8, 1.5, 1.1, -2, 2, seg), 1);
    on_line(1.8, 1.5, 1.1, seg);
}

Test(plotdata, lines_that_miss_are_reported)
{
    double seg[4];
    cr_assert_eq(plot_line_in_box(1, 1, 10, -2, 2, seg), 0, "x + y = -10 misses the box");
    cr_assert_eq(plot_line_in_box(0, 0, 1, -2, 2, seg), 0, "0 = 1 is no line");
}

Test(plotdata, grid_points_and_file)
{
    Mat X = mat_new(9, 2), P = mat_new(9, 1);
    plot_grid_inputs(&X, -1, 1, 3);
    cr_assert_eq(mat_get(&X, 0, 0), -1.0);
    cr_assert_eq(mat_get(&X, 1, 0), 0.0, "x runs along a row");
    cr_assert_eq(mat_get(&X, 3, 1), 0.0, "y steps once per row");
    cr_assert_eq(mat_get(&X, 8, 0), 1.0);
    cr_assert_eq(mat_get(&X, 8, 1), 1.0);
    for (int k = 0; k < 9; k++)
        mat_set(&P, k, 0, k / 8.0);
    char buf[1024] = {0};
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    plot_write_grid(f, &X, &P, 3);
    fclose(f);
    int blank = 0, lines = 0;
    for (char *p = buf; *p; p++)
        if (*p == '\n') {
            lines++;
            blank += p > buf && p[-1] == '\n';
        }
    cr_assert_eq(blank, 3, "a blank line after each of the 3 rows");
    cr_assert_eq(lines, 1 + 9 + 3);
    cr_assert(strstr(buf, "\n0 -1 0.125\n") != NULL, "second point of the first row: %s", buf);
    mat_free(&X);
    mat_free(&P);
}

Test(plotdata, mosaic_places_tiles_with_gaps)
{
    const double a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8}, c[4] = {9, 10, 11, 12};
    const double *tiles[3] = {a, b, c};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    plot_write_mosaic(f, tiles, 3, 2, 2, 2, 1); // two 2x2 tiles per row, 2 rows of tiles: 5x5
    fclose(f);
    const char *want = "# 3 tiles of 2x2, 2 per row, 1 apart: a 5x5 picture, NaN between tiles\n"
                       "1,2,NaN,5,6\n"
                       "3,4,NaN,7,8\n"
                       "NaN,NaN,NaN,NaN,NaN\n"
                       "9,10,NaN,NaN,NaN\n"
                       "11,12,NaN,NaN,NaN\n";
    cr_assert_str_eq(buf, want);
    free(buf);
}
