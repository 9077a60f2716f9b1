/**
 * @file conv.c
 * @brief Chapter 07: the direct convolution, max-pooling with its argmax, the kernels' gradient.
 */
#include "conv.h"

//! [direct]
void conv_forward_direct(const ConvShape *s, const double *x, const double *K, const double *b, double *y)
{
    const int C = s->C, H = s->H, W = s->W, k = s->k, p = s->pad;
    const int Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int o = 0; o < s->O; o++)
        for (int i = 0; i < Ho; i++)
            for (int j = 0; j < Wo; j++) {
                double sum = b[o];
                for (int c = 0; c < C; c++)
                    for (int u = 0; u < k; u++)
                        for (int v = 0; v < k; v++) {
                            const int r = i + u - p, q = j + v - p;    // the input pixel under K[o][c][u][v]
                            if (r >= 0 && r < H && q >= 0 && q < W)     // outside the image: 0
                                sum += K[((o * C + c) * k + u) * k + v] * x[(c * H + r) * W + q];
                        }
                y[(o * Ho + i) * Wo + j] = sum;
            }
}
//! [direct]

//! [maxpool]
void maxpool_forward(int C, int H, int W, const double *x, double *y, int *argmax)
{
    const int Ho = H / 2, Wo = W / 2;
    for (int c = 0; c < C; c++)
        for (int i = 0; i < Ho; i++)
            for (int j = 0; j < Wo; j++) {
                // the window's four pixels in reading order: top left, top right, bottom left, bottom right
                const int at0 = (c * H + 2 * i) * W + 2 * j, at1 = at0 + 1, at2 = at0 + W, at3 = at2 + 1;
                int best = at0;                         // where the largest so far is,
                double most = x[at0];                   // and its value; only a strictly larger one
                best = x[at1] > most ? at1 : best;      // replaces it: the first maximum of a tie stays
                most = x[at1] > most ? x[at1] : most;
                best = x[at2] > most ? at2 : best;
                most = x[at2] > most ? x[at2] : most;
                best = x[at3] > most ? at3 : best;
                most = x[at3] > most ? x[at3] : most;
                const int q = (c * Ho + i) * Wo + j;
                y[q] = most;
                argmax[q] = best;
            }
}
//! [maxpool]

//! [weight_grad]
void conv_weight_grad(const ConvShape *s, const double *x, const double *dy, double *dK, double *db)
{
    const int C = s->C, H = s->H, W = s->W, k = s->k, p = s->pad;
    const int Ho = conv_out_h(s), Wo = conv_out_w(s);
    for (int o = 0; o < s->O; o++)
        for (int i = 0; i < Ho; i++)
            for (int j = 0; j < Wo; j++) {
                const double d = dy[(o * Ho + i) * Wo + j];
                db[o] += d;
                for (int c = 0; c < C; c++)
                    for (int u = 0; u < k; u++)
                        for (int v = 0; v < k; v++) {
                            const int r = i + u - p, q = j + v - p;
                            if (r >= 0 && r < H && q >= 0 && q < W)     // the same pixel the forward pass used
                                dK[((o * C + c) * k + u) * k + v] += d * x[(c * H + r) * W + q];
                        }
            }
}
//! [weight_grad]
