/**
 * @file layers.c
 * @brief Chapter 07: im2col and its product, the input gradient, max-pooling's backward pass.
 */
#include <string.h>

#include "../../common/matrix.h"
#include "layers.h"

int conv_out_h(const ConvShape *s) { return s->H + 2 * s->pad - s->k + 1; }
int conv_out_w(const ConvShape *s) { return s->W + 2 * s->pad - s->k + 1; }

//! [im2col]
void im2col(const ConvShape *s, const double *x, double *cols)
{
    const int H = s->H, W = s->W, k = s->k, p = s->pad, Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int c = 0; c < s->C; c++)
        for (int u = 0; u < k; u++)
            for (int v = 0; v < k; v++) {
                double *row = cols + (size_t)((c * k + u) * k + v) * Ho * Wo;   // row (c, u, v)
                for (int i = 0; i < Ho; i++)
                    for (int j = 0; j < Wo; j++) {
                        const int r = i + u - p, q = j + v - p;
                        row[i * Wo + j] = r >= 0 && r < H && q >= 0 && q < W ? x[(c * H + r) * W + q] : 0;
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
                const double *row = dcols + (size_t)((c * k + u) * k + v) * Ho * Wo;
                for (int i = 0; i < Ho; i++)
                    for (int j = 0; j < Wo; j++) {
                        const int r = i + u - p, q = j + v - p;
                        if (r >= 0 && r < H && q >= 0 && q < W)
                            dx[(c * H + r) * W + q] += row[i * Wo + j];
                    }
            }
}

//! [conv_im2col]
void conv_forward_im2col(const ConvShape *s, const double *x, const double *K, const double *b, double *cols,
                         double *y)
{
    const int O = s->O, CKK = s->C * s->k * s->k, HW = conv_out_h(s) * conv_out_w(s);
    im2col(s, x, cols);
    Mat Km = {O, CKK, (double *)K}, Cm = {CKK, HW, cols}, Ym = {O, HW, y};
    mat_mul(&Ym, &Km, &Cm);                     // O x HW = (O x Ckk)(Ckk x HW)
    for (int o = 0; o < O; o++)
        for (int q = 0; q < HW; q++)
            y[o * HW + q] += b[o];
}
//! [conv_im2col]

//! [backward_input]
void conv_backward_input(const ConvShape *s, const double *K, const double *dy, double *dcols, double *dx)
{
    const int O = s->O, CKK = s->C * s->k * s->k, HW = conv_out_h(s) * conv_out_w(s);
    Mat Km = {O, CKK, (double *)K}, Dm = {O, HW, (double *)dy}, Cm = {CKK, HW, dcols};
    mat_mul_tn(&Cm, &Km, &Dm);                  // Ckk x HW = K^T dy
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
