/*
 * Chapter 11 exercises: write the functions of rnn.h.
 *
 * Each body below is a stub that compiles but gives a wrong answer (or, for a
 * puzzle, a mistake to find), so `make ex11` fails until you fill it in. Each
 * TODO names the part of the chapter page it comes from.
 */
#include <math.h>
#include <string.h>

#include "../../common/gemm.h"
#include "rnn.h"

void rnn_step_forward(const Model *m, const int *x, const Mat *h_prev, Mat *h)
{
    // Given: h = tanh(x Wxh + h_prev Whh + bh), x Wxh being row x[k] of Wxh for stream k.
    const int B = h->rows, H = m->H;
    gemm_mat(h, h_prev, 0, &m->Wh, 0, 0);
    for (int k = 0; k < B; k++) {
        const double *wx = m->Wx.data + (size_t)x[k] * H;
        double *a = h->data + (size_t)k * H;
        for (int j = 0; j < H; j++)
            a[j] = tanh(a[j] + wx[j] + m->b.data[j]);
    }
}

void rnn_step_backward(const Model *m, const int *x, const Mat *h_prev, const Mat *h, Mat *dh, Model *g,
                       Mat *dh_prev)
{
    // TODO: "One step back": from dE/dh_t (in dh), the step's share of the gradient.
    //   dE/da_t = dE/dh_t (1 - h_t^2)   (tanh's slope, written with its output; keep it in dh)
    //   then add to g: dE/dWhh += h_{t-1}^T dE/da_t, dE/dbh += the column sums of dE/da_t,
    //   and for each stream k, row x[k] of dE/dWxh += row k of dE/da_t;
    //   and dh_prev = dE/dh_{t-1} = dE/da_t Whh^T.
    // Hint: gemm_mat(out, a, transpose_a, b, transpose_b, accumulate) does the products.
    (void)m, (void)x, (void)h_prev, (void)h, (void)dh, (void)g, (void)dh_prev;
}

void rnn_bptt(const Model *m, const int *x, Chunk *c, Model *g, Mat *dh0)
{
    // Puzzle, "Backpropagation through time": this loop is almost right. The
    // gradient it gives is wrong, and so is dE/dh_{-1}, the state it hands back
    // to the chunk before. Find the mistake (one character).
    // Hint: which steps of the chunk does the loop visit? Which should it?
    const int B = c->B;
    mat_fill(&c->dh_next, 0.0);
    for (int t = c->T - 1; t > 0; t--) {
        Mat dH = mat_rows(&c->dH, t * B, B);
        mat_add(&c->dh, &dH, &c->dh_next);
        double sq = 0;
        for (size_t i = 0; i < mat_size(&c->dh); i++)
            sq += c->dh.data[i] * c->dh.data[i];
        c->dh_norm[t] = sqrt(sq);
        Mat h_prev = mat_rows(&c->hs, t * B, B), h = mat_rows(&c->hs, (t + 1) * B, B);
        rnn_step_backward(m, x + (size_t)t * B, &h_prev, &h, &c->dh, g, &c->dh_next);
    }
    if (dh0)
        mat_copy(dh0, &c->dh_next);
}

double clip_global_norm(double *g, size_t n, double c)
{
    // TODO: "Clipping": the norm |g| = sqrt(sum of g_i^2) over all n numbers; when
    // c > 0 and |g| > c, scale every g_i by c / |g|. Return |g| before clipping.
    // Hint: scaling them all by one number keeps the gradient's direction.
    (void)g, (void)n, (void)c;
    return 0.0;
}
