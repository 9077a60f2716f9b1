/**
 * @file plotdata.c
 * @brief Line clipping and grid files for the plots.
 */
#include "plotdata.h"

#include <math.h>

int plot_line_in_box(double w1, double w2, double b, double lo, double hi, double seg[4])
{
    // Intersect the line with the four sides and keep the points on the box.
    double pts[4][2];
    int n = 0;
    const double side[2] = {lo, hi};
    const double eps = 1e-12 * (hi - lo);
    for (int k = 0; k < 2; k++) {
        if (w2 != 0.0) { // x = side: y = -(w1 x + b) / w2
            double y = -(w1 * side[k] + b) / w2;
            if (y >= lo - eps && y <= hi + eps) {
                pts[n][0] = side[k];
                pts[n][1] = y;
                n++;
            }
        }
        if (w1 != 0.0) { // y = side: x = -(w2 y + b) / w1
            double x = -(w2 * side[k] + b) / w1;
            if (x >= lo - eps && x <= hi + eps) {
                pts[n][0] = x;
                pts[n][1] = side[k];
                n++;
            }
        }
    }
    // Keep the two points farthest apart (a line through a corner hits two sides there).
    double best = -1.0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double d = hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
            if (d > best) {
                best = d;
                seg[0] = pts[i][0];
                seg[1] = pts[i][1];
                seg[2] = pts[j][0];
                seg[3] = pts[j][1];
            }
        }
    return best >= 0.0;
}

void plot_grid_inputs(Mat *X, double lo, double hi, int n)
{
    assert(n >= 2 && X->rows == n * n && X->cols == 2);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            mat_set(X, i * n + j, 0, lo + (hi - lo) * j / (n - 1));
            mat_set(X, i * n + j, 1, lo + (hi - lo) * i / (n - 1));
        }
}

void plot_write_grid(FILE *f, const Mat *X, const Mat *P, int n)
{
    assert(X->rows == n * n && P->rows == n * n);
    fprintf(f, "# x y p: %d x %d grid, a blank line after each row\n", n, n);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int k = i * n + j;
            fprintf(f, "%.6g %.6g %.6g\n", mat_get(X, k, 0), mat_get(X, k, 1), mat_get(P, k, 0));
        }
        fputc('\n', f);
    }
}

void plot_write_mosaic(FILE *f, const double *const *tiles, int n, int per_row, int rows, int cols, int gap)
{
    assert(n >= 1 && per_row >= 1 && rows >= 1 && cols >= 1 && gap >= 0);
    const int tile_rows = (n + per_row - 1) / per_row, pitch_x = cols + gap, pitch_y = rows + gap;
    const int width = per_row * pitch_x - gap, height = tile_rows * pitch_y - gap;
    fprintf(f, "# %d tiles of %dx%d, %d per row, %d apart: a %dx%d picture, NaN between tiles\n", n, rows, cols,
            per_row, gap, height, width);
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            const int t = (y / pitch_y) * per_row + x / pitch_x, i = y % pitch_y, j = x % pitch_x;
            if (x > 0)
                fputc(',', f);
            if (t < n && i < rows && j < cols)
                fprintf(f, "%.6g", tiles[t][i * cols + j]);
            else
                fputs("NaN", f);
        }
        fputc('\n', f);
    }
}
