/**
 * @file tape.c
 * @brief Chapter 08's matrix engine: the tape, and each operation's forward pass beside its backward pass.
 */
#include "tape.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chain.h"

// ----------------------------------------------------------------------------
// the tape and its memory

void tape_init(Tape *t)
{
    *t = (Tape){0};
    arena_init(&t->arena);
}

void tape_reset(Tape *t)
{
    arena_reset(&t->arena);
    t->last = NULL;
    t->n = 0;
}

void tape_free(Tape *t)
{
    arena_free(&t->arena);
    t->last = NULL;
    t->n = 0;
}

Mat tape_mat(Tape *t, int rows, int cols)
{
    Mat m = {rows, cols, arena_alloc(&t->arena, sizeof(double) * (size_t)rows * (size_t)cols)};
    return m;
}

void grad_add(Node *n, const Mat *c)
{
    if (!n->needs_grad) {       // a bug in a backward function: say which, before the shapes disagree
        fprintf(stderr, "tape: grad_add: the %s node needs no gradient and has none: look at needs_grad first\n",
                n->op);
        abort();
    }
    mat_add(&n->grad, &n->grad, c);
}

/*
 * A new node on the tape, rows x cols, made by op from a and b. It needs a
 * gradient when an operand does; that gradient starts at 0, since the
 * backward pass adds every contribution to it.
 */
static Node *node_new(Tape *t, int rows, int cols, Node *a, Node *b, const char *op, void (*backward)(Node *))
{
    Node *n = arena_alloc(&t->arena, sizeof(Node));
    *n = (Node){.in = {a, b}, .prev = t->last, .op = op, .backward = backward, .tape = t};
    n->val = tape_mat(t, rows, cols);
    n->needs_grad = (a && a->needs_grad) || (b && b->needs_grad);
    if (n->needs_grad) {
        n->grad = tape_mat(t, rows, cols);
        mat_fill(&n->grad, 0.0);
    }
    t->last = n;
    t->n++;
    return n;
}

/* A leaf that shares m's numbers (the tape never writes them). */
static Node *leaf(Tape *t, Mat *m, int needs_grad, const char *op)
{
    Node *n = arena_alloc(&t->arena, sizeof(Node));
    *n = (Node){.val = *m, .prev = t->last, .op = op, .tape = t, .needs_grad = needs_grad};
    if (needs_grad) {
        n->grad = tape_mat(t, m->rows, m->cols);
        mat_fill(&n->grad, 0.0);
    }
    t->last = n;
    t->n++;
    return n;
}

Node *t_input(Tape *t, const Mat *m)
{
    Mat shared = *m;    // read only: an input is never written
    return leaf(t, &shared, 0, "input");
}

Node *t_param(Tape *t, Mat *m)
{
    return leaf(t, m, 1, "param");
}

// ----------------------------------------------------------------------------
// the operations: each forward pass, then its backward pass

//! [matmul]
Node *t_matmul(Node *a, Node *b)
{
    Node *c = node_new(a->tape, a->val.rows, b->val.cols, a, b, "matmul", matmul_backward);  // chain.c
    mat_mul(&c->val, &a->val, &b->val);
    return c;
}
//! [matmul]

//! [add_row]
static void add_row_backward(Node *out)
{
    Node *a = out->in[0], *r = out->in[1];
    if (a->needs_grad)
        grad_add(a, &out->grad);                    // dA += dC
    if (r->needs_grad) {
        Mat c = tape_mat(out->tape, 1, r->val.cols);
        mat_sum_rows(&c, &out->grad);               // dr += the column sums of dC: r was added to every row
        grad_add(r, &c);
    }
}

Node *t_add_row(Node *a, Node *row)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, row, "add_row", add_row_backward);
    mat_add_row(&c->val, &a->val, &row->val);
    return c;
}
//! [add_row]

static void sub_backward(Node *out)
{
    Node *a = out->in[0], *b = out->in[1];
    if (a->needs_grad)
        grad_add(a, &out->grad);                    // dA += dC
    if (b->needs_grad)
        mat_add_scaled(&b->grad, &b->grad, -1.0, &out->grad);   // dB -= dC
}

Node *t_sub(Node *a, Node *b)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, b, "sub", sub_backward);
    mat_sub(&c->val, &a->val, &b->val);
    return c;
}

//! [mul]
static void mul_backward_mat(Node *out)
{
    Node *a = out->in[0], *b = out->in[1];
    const double *g = out->grad.data;
    for (size_t i = 0; i < mat_size(&out->val); i++) {     // for A * A both lines add to A
        if (a->needs_grad)
            a->grad.data[i] += g[i] * b->val.data[i];       // dA += dC * B
        if (b->needs_grad)
            b->grad.data[i] += g[i] * a->val.data[i];       // dB += dC * A
    }
}

Node *t_mul(Node *a, Node *b)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, b, "mul", mul_backward_mat);
    mat_hadamard(&c->val, &a->val, &b->val);
    return c;
}
//! [mul]

static void scale_backward(Node *out)
{
    mat_add_scaled(&out->in[0]->grad, &out->in[0]->grad, out->k, &out->grad);    // dA += s dC
}

Node *t_scale(Node *a, double s)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, NULL, "scale", scale_backward);
    mat_scale(&c->val, &a->val, s);
    c->k = s;
    return c;
}

//! [sum]
static void sum_backward(Node *out)
{
    Mat *dA = &out->in[0]->grad;
    for (size_t i = 0; i < mat_size(dA); i++)
        dA->data[i] += out->grad.data[0];           // every element added once to the sum
}

Node *t_sum(Node *a)
{
    Node *c = node_new(a->tape, 1, 1, a, NULL, "sum", sum_backward);
    c->val.data[0] = mat_sum(&a->val);
    return c;
}
//! [sum]

//! [sigmoid]
static void sigmoid_backward(Node *out)
{
    const double *y = out->val.data, *g = out->grad.data;
    double *dA = out->in[0]->grad.data;
    for (size_t i = 0; i < mat_size(&out->val); i++)
        dA[i] += g[i] * (y[i] * (1.0 - y[i]));      // s' = s (1 - s), from the output
}

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

Node *t_sigmoid(Node *a)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, NULL, "sigmoid", sigmoid_backward);
    mat_apply(&c->val, &a->val, sigmoid);
    return c;
}
//! [sigmoid]

static void tanh_backward_mat(Node *out)
{
    const double *y = out->val.data, *g = out->grad.data;
    double *dA = out->in[0]->grad.data;
    for (size_t i = 0; i < mat_size(&out->val); i++)
        dA[i] += g[i] * (1.0 - y[i] * y[i]);        // tanh' = 1 - tanh^2
}

Node *t_tanh(Node *a)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, NULL, "tanh", tanh_backward_mat);
    mat_apply(&c->val, &a->val, tanh);
    return c;
}

static void relu_backward(Node *out)
{
    const double *y = out->val.data, *g = out->grad.data;
    double *dA = out->in[0]->grad.data;
    for (size_t i = 0; i < mat_size(&out->val); i++)
        dA[i] += y[i] > 0.0 ? g[i] : 0.0;           // 1 where the input was positive, else 0
}

static double relu(double z)
{
    return z > 0.0 ? z : 0.0;
}

Node *t_relu(Node *a)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, NULL, "relu", relu_backward);
    mat_apply(&c->val, &a->val, relu);
    return c;
}

//! [softmax_ce]
static void softmax_ce_backward(Node *out)
{
    Node *z = out->in[0];
    const int B = z->val.rows, K = z->val.cols;
    const double inv_B = 1.0 / B;                   // the loss is a mean over the batch
    for (int k = 0; k < B; k++)
        for (int j = 0; j < K; j++) {
            const double y = out->probs.data[(size_t)k * K + j], t = j == out->labels[k];
            z->grad.data[(size_t)k * K + j] += (y - t) * inv_B * out->grad.data[0];   // dZ += (Y - T) / B
        }
}

Node *t_softmax_ce(Node *logits, const int *labels)
{
    const int B = logits->val.rows, K = logits->val.cols;
    Node *c = node_new(logits->tape, 1, 1, logits, NULL, "softmax_ce", softmax_ce_backward);
    c->labels = labels;
    c->probs = tape_mat(logits->tape, B, K);
    double E = 0.0;
    for (int k = 0; k < B; k++) {
        const double *z = logits->val.data + (size_t)k * K;
        double *y = c->probs.data + (size_t)k * K, m = z[0], sum = 0.0;
        for (int j = 1; j < K; j++)
            m = fmax(m, z[j]);                      // e^(z - m) <= 1: no overflow
        for (int j = 0; j < K; j++)
            sum += y[j] = exp(z[j] - m);
        for (int j = 0; j < K; j++)
            y[j] /= sum;
        E += m + log(sum) - z[labels[k]];           // -log y_c = log sum e^z - z_c
    }
    c->val.data[0] = E / B;
    return c;
}
//! [softmax_ce]

// ----------------------------------------------------------------------------
// the backward pass

//! [tape_backward]
void tape_backward(Node *loss)
{
    assert(loss->val.rows == 1 && loss->val.cols == 1 && loss->needs_grad);
    loss->grad.data[0] = 1.0;                       // dE/dE
    for (Node *n = loss; n; n = n->prev)            // the tape backwards: each node before its operands
        if (n->needs_grad && n->backward)
            n->backward(n);
}
//! [tape_backward]
