/**
 * @file nets.c
 * @brief Chapter 08: the networks, forward only; the engines take care of the backward pass.
 */
#include "nets.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"

// ----------------------------------------------------------------------------
// on scalars

//! [neuron]
Neuron scalar_neuron(Graph *g, const double x[2], const double w[2], double b)
{
    Neuron u = {.x1 = value_leaf(g, x[0], "x1"), .x2 = value_leaf(g, x[1], "x2"),
                .w1 = value_leaf(g, w[0], "w1"), .w2 = value_leaf(g, w[1], "w2"), .b = value_leaf(g, b, "b")};
    Value *x1w1 = value_name(v_mul(u.x1, u.w1), "x1 w1");
    Value *x2w2 = value_name(v_mul(u.x2, u.w2), "x2 w2");
    u.n = value_name(v_add(value_name(v_add(x1w1, x2w2), "x1w1 + x2w2"), u.b), "n");
    u.o = value_name(v_tanh(u.n), "o");
    return u;
}
//! [neuron]

/* v with a name made like printf's: named(v, "W%d[%d,%d]", 1, 2, 1) is W1[2,1]. */
static Value *named(Value *v, const char *fmt, ...)
{
    char name[sizeof v->name];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    return value_name(v, name);
}

//! [scalar_mlp]
Value *scalar_mlp_loss(Graph *g, const Weights *net, const double *x, const double *t, Value **leaves)
{
    Value *a[SCALAR_MAX_UNITS], *next[SCALAR_MAX_UNITS];    // a layer's inputs, its outputs
    for (int i = 0; i < weights_units(net, 0); i++)
        a[i] = named(value_leaf(g, x[i], NULL), "x%d", i + 1);
    for (int l = 0; l < net->n_layers; l++) {
        const Mat *W = &net->W[l], *b = &net->b[l];
        const int n_in = W->rows, n_out = W->cols;
        assert(n_in <= SCALAR_MAX_UNITS && n_out <= SCALAR_MAX_UNITS);
        Value **w = leaves, **bias = leaves + n_in * n_out;   // the leaves in the file's order
        for (int i = 0; i < n_in; i++)
            for (int j = 0; j < n_out; j++)
                w[i * n_out + j] = named(value_leaf(g, mat_get(W, i, j), NULL), "W%d[%d,%d]", l + 1, i + 1, j + 1);
        for (int j = 0; j < n_out; j++)
            bias[j] = named(value_leaf(g, mat_get(b, 0, j), NULL), "b%d[%d]", l + 1, j + 1);
        leaves = bias + n_out;
        for (int j = 0; j < n_out; j++) {
            Value *z = v_mul(a[0], w[j]);
            for (int i = 1; i < n_in; i++)
                z = v_add(z, v_mul(a[i], w[i * n_out + j]));
            z = named(v_add(z, bias[j]), "Z%d[%d]", l + 1, j + 1);    // z_j = sum_i a_i w_ij + b_j
            next[j] = named(v_sigmoid(z), "A%d[%d]", l + 1, j + 1);   // a_j = s(z_j)
        }
        for (int j = 0; j < n_out; j++)
            a[j] = next[j];
    }
    Value *E = NULL, *half = value_leaf(g, 0.5, "1/2");
    for (int j = 0; j < weights_units(net, net->n_layers); j++) {
        Value *e = v_sub(a[j], named(value_leaf(g, t[j], NULL), "t%d", j + 1));
        Value *term = v_mul(half, v_pow(e, 2.0));
        E = E ? v_add(E, term) : term;                              // E = sum_j 1/2 (y_j - t_j)^2
    }
    return value_name(E, "E");
}
//! [scalar_mlp]

// ----------------------------------------------------------------------------
// on the tape

/* Every weight and bias of net as a parameter node: the tape reads them where they are. */
static Step params(Tape *t, Weights *net)
{
    Step s = {0};
    for (int l = 0; l < net->n_layers; l++) {
        s.W[l] = t_param(t, &net->W[l]);
        s.b[l] = t_param(t, &net->b[l]);
    }
    return s;
}

//! [tape_mlp]
/* Z_l = A_{l-1} W_l + b_l for l = 1..L, A_l = s(Z_l) between them; returns Z_L. */
static Node *layers(const Step *s, int L, Node *X)
{
    Node *A = X;
    for (int l = 0; l < L; l++) {
        Node *Z = t_add_row(t_matmul(A, s->W[l]), s->b[l]);
        A = l < L - 1 ? t_sigmoid(Z) : Z;
    }
    return A;
}

Step tape_squared_error(Tape *t, Weights *net, const Mat *X, const Mat *T)
{
    Step s = params(t, net);
    s.out = t_sigmoid(layers(&s, net->n_layers, t_input(t, X)));   // Y = s(Z_L)
    Node *d = t_sub(s.out, t_input(t, T));
    s.loss = t_scale(t_sum(t_mul(d, d)), 0.5);                       // E = 1/2 sum (Y - T)^2
    return s;
}

Step tape_cross_entropy(Tape *t, Weights *net, const Mat *X, const int *labels)
{
    Step s = params(t, net);
    s.out = layers(&s, net->n_layers, t_input(t, X));               // the logits Z_L
    s.loss = t_softmax_ce(s.out, labels);                           // E = mean of -log softmax(Z_L)_c
    return s;
}
//! [tape_mlp]

void step_gradients(const Step *s, Weights *grad)
{
    for (int l = 0; l < grad->n_layers; l++) {
        mat_copy(&grad->W[l], &s->W[l]->grad);
        mat_copy(&grad->b[l], &s->b[l]->grad);
    }
}

//! [update]
void step_update(const Step *s, Weights *net, double lr)
{
    for (int l = 0; l < net->n_layers; l++) {
        mat_add_scaled(&net->W[l], &net->W[l], -lr, &s->W[l]->grad);    // W <- W - lr dE/dW
        mat_add_scaled(&net->b[l], &net->b[l], -lr, &s->b[l]->grad);
    }
}
//! [update]

// ----------------------------------------------------------------------------
// the gradient over a whole data set

void squared_error_gradient(Weights *net, const Mat *X, const Mat *T, Weights *grad)
{
    weights_alloc_like(grad, net);
    Tape tape;
    tape_init(&tape);
    Step s = tape_squared_error(&tape, net, X, T);
    tape_backward(s.loss);
    step_gradients(&s, grad);
    tape_free(&tape);
}

void cross_entropy_gradient(Weights *net, const ImageSet *s, int chunk, Weights *grad)
{
    weights_alloc_like(grad, net);
    Tape tape;
    tape_init(&tape);
    Mat X = mat_new(chunk, s->rows * s->cols);
    int *order = idx_order(s->n), *labels = nn_alloc((size_t)chunk, sizeof(int), "a chunk's labels");
    for (int start = 0; start < s->n; start += chunk) {
        Mat Xb = idx_gather(s, order, start, chunk, &X, labels);
        tape_reset(&tape);
        Step step = tape_cross_entropy(&tape, net, &Xb, labels);
        tape_backward(step.loss);
        const double share = (double)Xb.rows / s->n;
        for (int l = 0; l < net->n_layers; l++) {
            mat_add_scaled(&grad->W[l], &grad->W[l], share, &step.W[l]->grad);
            mat_add_scaled(&grad->b[l], &grad->b[l], share, &step.b[l]->grad);
        }
    }
    free(order), free(labels);
    mat_free(&X);
    tape_free(&tape);
}
