/*
 * Chapter 07 exercises: write the three functions of conv.h.
 *
 * Each body below is a stub that compiles but computes nothing, so
 * `make ex07` fails until you fill it in. The page explains each under the
 * section named in its TODO. Layouts: pixel (c, i, j) of an image is
 * x[(c * H + i) * W + j]; kernel entry (o, c, u, v) is K[((o * C + c) * k + u) * k + v];
 * an output is laid out like an image: y(o, i, j) is y[(o * H' + i) * W' + j].
 */
#include "conv.h"

void conv_forward_direct(const ConvShape *s, const double *x, const double *K, const double *b, double *y)
{
    // TODO: section "Convolution": y(o, i, j) = b(o) + sum over c, u, v of K(o, c, u, v) x(c, i+u-p, j+v-p).
    // Hint: conv_out_h(s) and conv_out_w(s) give the output's size; a pixel outside the image is 0.
    (void)s, (void)x, (void)K, (void)b, (void)y;
}

void maxpool_forward(int C, int H, int W, const double *x, double *y, int *argmax)
{
    // TODO: section "Max-pooling": the largest of each 2x2 window, and where it was.
    // Hint: on a tie keep the first maximum in reading order: compare with >, not >=.
    (void)C, (void)H, (void)W, (void)x, (void)y, (void)argmax;
}

void conv_weight_grad(const ConvShape *s, const double *x, const double *dy, double *dK, double *db)
{
    // TODO: section "The convolution's backward pass": add dE/dK and dE/db of one image to dK and db.
    // Hint: walk the forward pass's loops again; where it added K * x, add dy * x to dK.
    (void)s, (void)x, (void)dy, (void)dK, (void)db;
}
