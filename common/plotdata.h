/**
 * @file plotdata.h
 * @brief Data for plots: decision lines clipped to the view, and grids for heat maps.
 *
 * The programs compute everything a plot shows; gnuplot only draws it.
 */
#ifndef NN_PLOTDATA_H
#define NN_PLOTDATA_H

#include <stdio.h>

#include "matrix.h"

/**
 * The part of the line w1 x + w2 y + b = 0 inside the square [lo, hi]^2.
 * Returns 1 and the end points (x0, y0, x1, y1) in seg, or 0 when the line
 * misses the square or is not a line (w1 = w2 = 0).
 */
int plot_line_in_box(double w1, double w2, double b, double lo, double hi, double seg[4]);

/**
 * Fill X (n*n x 2) with the points of an n x n grid over [lo, hi]^2, row by
 * row of the picture: point k = i*n + j is (x_j, y_i), x_j = lo + j (hi-lo)/(n-1).
 */
void plot_grid_inputs(Mat *X, double lo, double hi, int n);

/**
 * Write `x y p` for each grid point of X (from plot_grid_inputs()) and the
 * value P(k, 0), with a blank line after each row: the form gnuplot's
 * `splot` and `with image` read. The first line is a '#' header.
 */
void plot_write_grid(FILE *f, const Mat *X, const Mat *P, int n);

/**
 * Write n images of rows x cols values (tiles[t], row-major) as one picture:
 * per_row tiles side by side, a row of tiles under another, gap pixels of
 * NaN (which gnuplot leaves undrawn) between tiles. The text is gnuplot's
 * `matrix` form with the course's commas: one line per pixel row, top row
 * first, after a '#' header. Tile t's top left pixel is at column
 * (t % per_row) * (cols + gap), row (t / per_row) * (rows + gap).
 */
void plot_write_mosaic(FILE *f, const double *const *tiles, int n, int per_row, int rows, int cols, int gap);

#endif
