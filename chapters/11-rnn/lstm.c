/**
 * @file chapters/11-rnn/lstm.c
 * @brief The LSTM's step forward and backward side by side, and its loop back through time.
 */
#include "lstm.h"

#include <math.h>
#include <string.h>

#include "../../common/gemm.h"

static double sigmoid(double a)
{
    return 1.0 / (1.0 + exp(-a));
}

//! [lstm_step_forward]
void lstm_step_forward(const Model *m, const int *x, const Mat *h_prev, const Mat *c_prev, Mat *act, Mat *c, Mat *h)
{
    const int B = h->rows, H = m->H, G = m->G;
    gemm_mat(act, h_prev, 0, &m->Wh, 0, 0);                 // h_{t-1} Wh, the four gates at once
    for (int k = 0; k < B; k++) {
        const double *wx = m->Wx.data + (size_t)x[k] * G, *cp = c_prev->data + (size_t)k * H;
        double *a = act->data + (size_t)k * G, *ck = c->data + (size_t)k * H, *hk = h->data + (size_t)k * H;
        for (int j = 0; j < G; j++)
            a[j] += wx[j] + m->b.data[j];                   // + x_t Wx + b
        for (int j = 0; j < H; j++) {
            const double i = sigmoid(a[j]), f = sigmoid(a[H + j]), g = tanh(a[2 * H + j]), o = sigmoid(a[3 * H + j]);
            a[j] = i, a[H + j] = f, a[2 * H + j] = g, a[3 * H + j] = o;
            ck[j] = f * cp[j] + i * g;                      // c_t = f c_{t-1} + i g
            hk[j] = o * tanh(ck[j]);                        // h_t = o tanh(c_t)
        }
    }
}
//! [lstm_step_forward]

//! [lstm_step_backward]
void lstm_step_backward(const Model *m, const int *x, const Mat *h_prev, const Mat *c_prev, const Mat *act,
                        const Mat *c, const Mat *dh, const Mat *dc, Model *g, Mat *dpre, Mat *dh_prev, Mat *dc_prev)
{
    const int B = dh->rows, H = m->H, G = m->G;
    for (int k = 0; k < B; k++) {
        const double *a = act->data + (size_t)k * G, *ck = c->data + (size_t)k * H, *cp = c_prev->data + (size_t)k * H;
        const double *dhk = dh->data + (size_t)k * H, *dck = dc->data + (size_t)k * H;
        double *d = dpre->data + (size_t)k * G, *dcp = dc_prev->data + (size_t)k * H;
        for (int j = 0; j < H; j++) {
            const double i = a[j], f = a[H + j], gg = a[2 * H + j], o = a[3 * H + j], tc = tanh(ck[j]);
            const double dct = dck[j] + dhk[j] * o * (1 - tc * tc);    // dE/dc_t: carried, and through h_t
            d[j] = dct * gg * i * (1 - i);                  // dE/da_i: c_t = ... + i g, i = s(a_i)
            d[H + j] = dct * cp[j] * f * (1 - f);           // dE/da_f: c_t = f c_{t-1} + ...
            d[2 * H + j] = dct * i * (1 - gg * gg);         // dE/da_g: g = tanh(a_g)
            d[3 * H + j] = dhk[j] * tc * o * (1 - o);       // dE/da_o: h_t = o tanh(c_t)
            dcp[j] = dct * f;                               // dE/dc_{t-1}: the memory's path, through f alone
        }
        double *gx = g->Wx.data + (size_t)x[k] * G;
        for (int j = 0; j < G; j++)
            gx[j] += d[j], g->b.data[j] += d[j];
    }
    gemm_mat(&g->Wh, h_prev, 1, dpre, 0, 1);                // dE/dWh += h_{t-1}^T dE/da
    gemm_mat(dh_prev, dpre, 0, &m->Wh, 1, 0);               // dE/dh_{t-1} = dE/da Wh^T
}
//! [lstm_step_backward]

void lstm_bptt(const Model *m, const int *x, Chunk *c, Model *g, Mat *dh0, Mat *dc0)
{
    const int B = c->B;
    mat_fill(&c->dh_next, 0.0);
    mat_fill(&c->dc_next, 0.0);
    for (int t = c->T - 1; t >= 0; t--) {
        Mat dH = mat_rows(&c->dH, t * B, B);
        mat_add(&c->dh, &dH, &c->dh_next);
        mat_copy(&c->dc, &c->dc_next);
        double sq = 0;
        for (size_t i = 0; i < mat_size(&c->dh); i++)
            sq += c->dh.data[i] * c->dh.data[i];
        c->dh_norm[t] = sqrt(sq);
        Mat h_prev = mat_rows(&c->hs, t * B, B), c_prev = mat_rows(&c->cs, t * B, B);
        Mat cc = mat_rows(&c->cs, (t + 1) * B, B), act = mat_rows(&c->acts, t * B, B);
        lstm_step_backward(m, x + (size_t)t * B, &h_prev, &c_prev, &act, &cc, &c->dh, &c->dc, g, &c->dpre,
                           &c->dh_next, &c->dc_next);
    }
    if (dh0)
        mat_copy(dh0, &c->dh_next);
    if (dc0)
        mat_copy(dc0, &c->dc_next);
}
