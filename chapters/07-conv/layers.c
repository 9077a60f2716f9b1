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
 * Output row (or column) t meets input row t + u - p under kernel row u: inside
 * the image's n rows for t0 <= t < t1, padding (0) outside. Within those
 * bounds the pixels of an output row are one run of consecutive input pixels,
 * copied (or, folding back, added) as a block rather than tested one by one.
 */
static void inside(int u, int p, int n, int out, int *t0, int *t1)
{
    const int lo = p - u, hi = n + p - u;       // t + u - p in [0, n)
    *t0 = lo > 0 ? lo : 0;
    *t1 = hi < out ? hi : out;
    if (*t1 < *t0)                              // a kernel larger than the padded image: none inside
        *t1 = *t0;
}

//! [im2col]
void im2col(const ConvShape *s, const double *x, double *cols)
{
    const int H = s->H, W = s->W, k = s->k, p = s->pad, Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int c = 0; c < s->C; c++)
        for (int u = 0; u < k; u++)
            for (int v = 0; v < k; v++, cols += (size_t)Ho * Wo) {     // cols: row (c, u, v), Ho x Wo numbers
                int i0, i1, j0, j1;
                inside(u, p, H, Ho, &i0, &i1);
                inside(v, p, W, Wo, &j0, &j1);
                memset(cols, 0, sizeof(double) * (size_t)Ho * Wo);      // the padding's zeros, then the runs
                for (int i = i0; i < i1; i++) {
                    const double *row = x + ((size_t)c * H + i + u - p) * W;   // input row (c, i + u - p)
                    for (int j = j0; j < j1; j++)
                        cols[i * Wo + j] = row[j + v - p];
                }
            }
}
//! [im2col]

void col2im(const ConvShape *s, const double *dcols, double *dx)
{
    const int H = s->H, W = s->W, k = s->k, p = s->pad, Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int c = 0; c < s->C; c++)
        for (int u = 0; u < k; u++)
            for (int v = 0; v < k; v++, dcols += (size_t)Ho * Wo) {
                int i0, i1, j0, j1;
                inside(u, p, H, Ho, &i0, &i1);
                inside(v, p, W, Wo, &j0, &j1);
                for (int i = i0; i < i1; i++) {                         // the padding gives nothing back
                    double *row = dx + ((size_t)c * H + i + u - p) * W;
                    for (int j = j0; j < j1; j++)
                        row[j + v - p] += dcols[i * Wo + j];
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
