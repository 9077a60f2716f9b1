/**
 * @file chapters/12-gpt/tape_attention.c
 * @brief Chapter 08's tape (its files, compiled here as they are) and attention's four new operations.
 */
#include "../08-autodiff/arena.c"
#include "../08-autodiff/chain.c"
#include "../08-autodiff/tape.c"
#include "tape_attention.h"

static void add_backward_mat(Node *out)
{
    for (int i = 0; i < 2; i++)
        if (out->in[i]->needs_grad)
            mat_add(&out->in[i]->grad, &out->in[i]->grad, &out->grad);        // dA += dC, dB += dC
}

Node *t_add(Node *a, Node *b)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, b, "add", add_backward_mat);
    mat_add(&c->val, &a->val, &b->val);
    return c;
}

static void transpose_backward(Node *out)
{
    Node *a = out->in[0];
    for (int i = 0; i < a->val.rows; i++)
        for (int j = 0; j < a->val.cols; j++)
            a->grad.data[(size_t)i * a->val.cols + j] += out->grad.data[(size_t)j * a->val.rows + i];
}

Node *t_transpose(Node *a)
{
    Node *c = node_new(a->tape, a->val.cols, a->val.rows, a, NULL, "transpose", transpose_backward);
    for (int i = 0; i < a->val.rows; i++)
        for (int j = 0; j < a->val.cols; j++)
            c->val.data[(size_t)j * a->val.rows + i] = a->val.data[(size_t)i * a->val.cols + j];
    return c;
}

static void softmax_rows_backward(Node *out)
{
    const int rows = out->val.rows, cols = out->val.cols;
    for (int i = 0; i < rows; i++) {
        const double *y = out->val.data + (size_t)i * cols, *dy = out->grad.data + (size_t)i * cols;
        double *dx = out->in[0]->grad.data + (size_t)i * cols, dot = 0;
        for (int j = 0; j < cols; j++)
            dot += y[j] * dy[j];
        for (int j = 0; j < cols; j++)
            dx[j] += y[j] * (dy[j] - dot);
    }
}

Node *t_softmax_rows(Node *a)
{
    const int rows = a->val.rows, cols = a->val.cols;
    Node *c = node_new(a->tape, rows, cols, a, NULL, "softmax", softmax_rows_backward);
    for (int i = 0; i < rows; i++) {
        const double *x = a->val.data + (size_t)i * cols;
        double *y = c->val.data + (size_t)i * cols, m = x[0], sum = 0;
        for (int j = 1; j < cols; j++)
            m = fmax(m, x[j]);
        for (int j = 0; j < cols; j++)
            sum += y[j] = exp(x[j] - m);
        for (int j = 0; j < cols; j++)
            y[j] /= sum;
    }
    return c;
}

static void rsqrt_backward(Node *out)
{
    for (size_t i = 0; i < mat_size(&out->val); i++) {
        const double y = out->val.data[i];
        out->in[0]->grad.data[i] += out->grad.data[i] * -0.5 * y * y * y;     // d (a + e)^(-1/2) / da
    }
}

Node *t_rsqrt(Node *a, double e)
{
    Node *c = node_new(a->tape, a->val.rows, a->val.cols, a, NULL, "rsqrt", rsqrt_backward);
    for (size_t i = 0; i < mat_size(&a->val); i++)
        c->val.data[i] = 1 / sqrt(a->val.data[i] + e);
    return c;
}
