/**
 * @file layers.c
 * @brief Chapter 07: im2col and its product, the input gradient, max-pooling's backward pass.
 */
#include <string.h>

#include "../../common/gemm.h"
#include "layers.h"

int conv_out_h(const ConvShape *s) { return s->H + 2 * s->pad - s->k + 1; }
int conv_out_w(const ConvShape *s) { return s->W + 2 * s->pad - s->k + 1; }

/*
 * Kernel column v meets input column j + v - p at output column j: inside the
 * image for j0 <= j < j1, padding (0) outside. For one output row i and kernel
 * row u, the pixels of the whole output row are then one run of consecutive
 * input pixels of row r = i + u - p, copied (or, folding back, added) as a
 * block rather than tested one by one.
 */
static void inside_columns(const ConvShape *s, int v, int *j0, int *j1)
{
    const int Wo = conv_out_w(s), lo = s->pad - v, hi = s->W + s->pad - v;
    *j0 = lo > 0 ? lo : 0;
    *j1 = hi < Wo ? hi : Wo;
    if (*j1 < *j0)                              // a kernel wider than the padded image: none inside
        *j1 = *j0;
}

//! [im2col]
void im2col(const ConvShape *s, const double *x, double *cols)
{
    const int H = s->H, W = s->W, k = s->k, p = s->pad, Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int c = 0; c < s->C; c++)
        for (int u = 0; u < k; u++)
            for (int v = 0; v < k; v++) {
                int j0, j1;
                inside_columns(s, v, &j0, &j1);
                for (int i = 0; i < Ho; i++, cols += Wo) {      // cols: row (c, u, v), columns (i, 0..Wo)
                    const int r = i + u - p;
                    int j = 0;
                    if (r >= 0 && r < H) {                      // zeros, the run, zeros
                        const double *row = x + ((size_t)c * H + r) * W;     // input row (c, r)
                        for (; j < j0; j++)
                            cols[j] = 0;
                        for (; j < j1; j++)
                            cols[j] = row[j + v - p];
                    }
                    for (; j < Wo; j++)                         // (a row of padding: all zeros)
                        cols[j] = 0;
                }
            }
}
//! [im2col]

void col2im(const ConvShape *s, const double *dcols, double *dx)
{
    const int H = s->H, W = s->W, k = s->k, p = s->pad, Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int c = 0; c < s->C; c++)
        for (int u = 0; u < k; u++)
            for (int v = 0; v < k; v++) {
                int j0, j1;
                inside_columns(s, v, &j0, &j1);
                for (int i = 0; i < Ho; i++, dcols += Wo) {
                    const int r = i + u - p;
                    if (r < 0 || r >= H)                        // a row of padding: nothing to give back
                        continue;
                    double *row = dx + ((size_t)c * H + r) * W;
                    for (int j = j0; j < j1; j++)
                        row[j + v - p] += dcols[j];
                }
            }
}

//! [conv_im2col]
void conv_forward_im2col(const ConvShape *s, const double *x, const double *K, const double *b, double *cols,
                         double *y)
{
    const int O = s->O, CKK = s->C * s->k * s->k, HW = conv_out_h(s) * conv_out_w(s);
    im2col(s, x, cols);
    for (int o = 0; o < O; o++)                 // y starts as the bias, and the product adds to it:
        for (int q = 0; q < HW; q++)
            y[o * HW + q] = b[o];
    gemm_f64(O, HW, CKK, K, CKK, 1, cols, HW, 1, y, HW, 1);    // O x HW += (O x Ckk)(Ckk x HW)
}
//! [conv_im2col]

//! [backward_input]
void conv_backward_input(const ConvShape *s, const double *K, const double *dy, double *dcols, double *dx)
{
    const int O = s->O, CKK = s->C * s->k * s->k, HW = conv_out_h(s) * conv_out_w(s);
    gemm_f64(CKK, HW, O, K, 1, CKK, dy, HW, 1, dcols, HW, 0);  // Ckk x HW = K^T dy: K read by columns
    memset(dx, 0, sizeof(double) * (size_t)s->C * s->H * s->W);
    col2im(s, dcols, dx);
}
//! [backward_input]

//! [maxpool_backward]
void maxpool_backward(int C, int H, int W, const double *dy, const int *argmax, double *dx)
{
    memset(dx, 0, sizeof(double) * (size_t)C * H * W);
    for (int q = 0; q < C * (H / 2) * (W / 2); q++)
        dx[argmax[q]] += dy[q];                 // only the winner moved the output
}
//! [maxpool_backward]
