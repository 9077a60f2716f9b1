/**
 * @file chapters/11-rnn/rnn.c
 * @brief The vanilla RNN's step forward and backward side by side; the loop back through time; clipping.
 */
#include "rnn.h"

#include <math.h>
#include <string.h>

#include "../../common/gemm.h"

//! [rnn_step_forward]
void rnn_step_forward(const Model *m, const int *x, const Mat *h_prev, Mat *h)
{
    const int B = h->rows, H = m->H;
    gemm_mat(h, h_prev, 0, &m->Wh, 0, 0);                   // h_{t-1} Whh
    for (int k = 0; k < B; k++) {
        const double *wx = m->Wx.data + (size_t)x[k] * H;   // x_t Wxh: a row of Wxh
        double *a = h->data + (size_t)k * H;
        for (int j = 0; j < H; j++)
            a[j] = tanh(a[j] + wx[j] + m->b.data[j]);
    }
}
//! [rnn_step_forward]

//! [rnn_step_backward]
void rnn_step_backward(const Model *m, const int *x, const Mat *h_prev, const Mat *h, Mat *dh, Model *g,
                       Mat *dh_prev)
{
    const int B = h->rows, H = m->H;
    for (size_t i = 0; i < mat_size(dh); i++)
        dh->data[i] *= 1.0 - h->data[i] * h->data[i];      // dE/da_t = dE/dh_t (1 - h_t^2)
    gemm_mat(&g->Wh, h_prev, 1, dh, 0, 1);                  // dE/dWhh += h_{t-1}^T dE/da_t
    for (int k = 0; k < B; k++) {
        const double *da = dh->data + (size_t)k * H;
        double *gx = g->Wx.data + (size_t)x[k] * H;
        for (int j = 0; j < H; j++)
            gx[j] += da[j], g->b.data[j] += da[j];         // row x_k of dE/dWxh, and dE/dbh
    }
    gemm_mat(dh_prev, dh, 0, &m->Wh, 1, 0);                 // dE/dh_{t-1} = dE/da_t Whh^T
}
//! [rnn_step_backward]

//! [rnn_bptt]
void rnn_bptt(const Model *m, const int *x, Chunk *c, Model *g, Mat *dh0)
{
    const int B = c->B;
    mat_fill(&c->dh_next, 0.0);                 // nothing comes back from after the chunk (truncation)
    for (int t = c->T - 1; t >= 0; t--) {
        Mat dH = mat_rows(&c->dH, t * B, B);
        mat_add(&c->dh, &dH, &c->dh_next);      // dE/dh_t: through its output, and through h_{t+1}
        double sq = 0;
        for (size_t i = 0; i < mat_size(&c->dh); i++)
            sq += c->dh.data[i] * c->dh.data[i];
        c->dh_norm[t] = sqrt(sq);               // its size: the gradient-norm plot
        Mat h_prev = mat_rows(&c->hs, t * B, B), h = mat_rows(&c->hs, (t + 1) * B, B);
        rnn_step_backward(m, x + (size_t)t * B, &h_prev, &h, &c->dh, g, &c->dh_next);
    }
    if (dh0)
        mat_copy(dh0, &c->dh_next);
}
//! [rnn_bptt]

//! [clip_global_norm]
double clip_global_norm(double *g, size_t n, double c)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += g[i] * g[i];
    const double norm = sqrt(sum);
    if (c > 0 && norm > c)
        for (size_t i = 0; i < n; i++)
            g[i] *= c / norm;
    return norm;
}
//! [clip_global_norm]
