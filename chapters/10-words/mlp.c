/**
 * @file chapters/10-words/mlp.c
 * @brief The model's forward and backward passes, layer by layer, each backward beside its forward.
 */
#include "mlp.h"

#include <math.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/gemm.h"
#include "../../common/loss.h"
#include "language.h"

Mlp mlp_new(MlpShape s)
{
    const int ND = s.context * s.embed;
    Mlp m = {.s = s};
    m.n = (size_t)VOCAB * s.embed + (size_t)ND * s.hidden + s.hidden + (size_t)s.hidden * VOCAB + VOCAB;
    m.p = nn_alloc(m.n, sizeof(double), "the model's parameters");
    double *at = m.p;
    m.C = (Mat){VOCAB, s.embed, at}, at += mat_size(&m.C);
    m.W1 = (Mat){ND, s.hidden, at}, at += mat_size(&m.W1);
    m.b1 = (Mat){1, s.hidden, at}, at += mat_size(&m.b1);
    m.W2 = (Mat){s.hidden, VOCAB, at}, at += mat_size(&m.W2);
    m.b2 = (Mat){1, VOCAB, at}, at += mat_size(&m.b2);
    assert(at == m.p + m.n);
    return m;
}

void mlp_init(Mlp *m, Rng *rng)
{
    const double w1 = (5.0 / 3.0) / sqrt((double)m->W1.rows), w2 = 0.1 / sqrt((double)m->W2.rows);
    for (size_t i = 0; i < mat_size(&m->C); i++)
        m->C.data[i] = rng_normal(rng);
    for (size_t i = 0; i < mat_size(&m->W1); i++)
        m->W1.data[i] = w1 * rng_normal(rng);
    for (size_t i = 0; i < mat_size(&m->W2); i++)
        m->W2.data[i] = w2 * rng_normal(rng);
}

void mlp_free(Mlp *m)
{
    free(m->p);
    m->p = NULL;
}

void mlp_params(const Mlp *m, Param p[5])
{
    const Mat *mats[5] = {&m->C, &m->W1, &m->b1, &m->W2, &m->b2};
    static const char *names[5] = {"C", "W1", "b1", "W2", "b2"};
    for (int k = 0; k < 5; k++)
        p[k] = (Param){names[k], mats[k]->rows, mats[k]->cols, mats[k]->data};
}

MlpCache mlp_cache(const MlpShape *s, int capacity)
{
    const int ND = s->context * s->embed;
    return (MlpCache){capacity, mat_new(capacity, ND), mat_new(capacity, s->hidden), mat_new(capacity, VOCAB),
                      mat_new(capacity, VOCAB), mat_new(capacity, s->hidden), mat_new(capacity, ND)};
}

void mlp_cache_free(MlpCache *c)
{
    mat_free(&c->X), mat_free(&c->A), mat_free(&c->Z), mat_free(&c->dZ), mat_free(&c->dA), mat_free(&c->dX);
}

// ----------------------------------------------------------------------------
// the layers, each backward pass beside its forward pass

/* out = in W + b: the affine layer (B x I)(I x O) + 1 x O. */
static void linear_forward(Mat *out, const Mat *in, const Mat *W, const Mat *b)
{
    gemm_mat(out, in, 0, W, 0, 0);
    mat_add_row(out, out, b);
}

/* dW = in^T dout, db = the column sums of dout, and (when din) din = dout W^T. */
static void linear_backward(Mat *din, Mat *dW, Mat *db, const Mat *dout, const Mat *in, const Mat *W)
{
    gemm_mat(dW, in, 1, dout, 0, 0);
    mat_sum_rows(db, dout);
    if (din)
        gemm_mat(din, dout, 0, W, 1, 0);
}

/* a = tanh(a), in place. */
static void tanh_forward(Mat *a)
{
    for (size_t i = 0; i < mat_size(a); i++)
        a->data[i] = tanh(a->data[i]);
}

/* d(pre) = d(a) (1 - a^2), in place: tanh's slope written with its output. */
static void tanh_backward(Mat *d, const Mat *a)
{
    for (size_t i = 0; i < mat_size(a); i++)
        d->data[i] *= 1.0 - a->data[i] * a->data[i];
}

// ----------------------------------------------------------------------------
// the model

//! [forward]
double mlp_forward(const Mlp *m, const int *x, const int *y, int B, MlpCache *c)
{
    assert(B <= c->capacity);
    Mat X = mat_rows(&c->X, 0, B), A = mat_rows(&c->A, 0, B), Z = mat_rows(&c->Z, 0, B);
    embed_forward(&X, &m->C, x, B, m->s.context);       // X = embed(C, x)
    linear_forward(&A, &X, &m->W1, &m->b1);             // A = tanh(X W1 + b1)
    tanh_forward(&A);
    linear_forward(&Z, &A, &m->W2, &m->b2);             // Z = A W2 + b2
    return y ? loss_cross_entropy(&Z, y) : 0.0;
}
//! [forward]

//! [backward]
void mlp_backward(const Mlp *m, const int *x, const int *y, int B, MlpCache *c, Mlp *g)
{
    Mat X = mat_rows(&c->X, 0, B), A = mat_rows(&c->A, 0, B), Z = mat_rows(&c->Z, 0, B);
    Mat dZ = mat_rows(&c->dZ, 0, B), dA = mat_rows(&c->dA, 0, B), dX = mat_rows(&c->dX, 0, B);
    loss_softmax(&dZ, &Z);                              // dZ = (softmax(Z) - T) / B
    loss_softmax_backward(&dZ, &dZ, y);
    linear_backward(&dA, &g->W2, &g->b2, &dZ, &A, &m->W2);
    tanh_backward(&dA, &A);
    linear_backward(&dX, &g->W1, &g->b1, &dA, &X, &m->W1);
    mat_fill(&g->C, 0.0);
    embed_backward(&g->C, &dX, x, B, m->s.context);     // each row of C: the sum of its uses
}
//! [backward]
