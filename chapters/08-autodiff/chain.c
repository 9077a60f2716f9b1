/**
 * @file chain.c
 * @brief Chapter 08's reference implementation of its exercises.
 */
#include "chain.h"

//! [mul_backward]
void mul_backward(Value *out)
{
    Value *a = out->in[0], *b = out->in[1];
    a->grad += b->data * out->grad;     // d(ab)/da = b
    b->grad += a->data * out->grad;     // d(ab)/db = a; for x * x both lines add to x
}
//! [mul_backward]

//! [div_backward]
void div_backward(Value *out)
{
    Value *a = out->in[0], *b = out->in[1];
    a->grad += out->grad / b->data;                         // d(a/b)/da = 1/b
    b->grad -= out->grad * a->data / (b->data * b->data);   // d(a/b)/db = -a/b^2
}
//! [div_backward]

//! [tanh_backward]
void tanh_backward(Value *out)
{
    out->in[0]->grad += (1.0 - out->data * out->data) * out->grad;   // tanh' = 1 - tanh^2
}
//! [tanh_backward]

//! [topo_sort]
static void visit(Value *v, Value **order, int *n)
{
    if (!v || v->visited)
        return;                 // a leaf's missing operand, or a node already placed
    v->visited = 1;
    visit(v->in[0], order, n);
    visit(v->in[1], order, n);
    order[(*n)++] = v;          // after everything it depends on
}

int topo_sort(Value *root, Value **order)
{
    int n = 0;
    visit(root, order, &n);
    return n;
}
//! [topo_sort]

//! [matmul_backward]
void matmul_backward(Node *out)
{
    Node *a = out->in[0], *b = out->in[1];
    if (a->needs_grad) {                    // dA += dC B^T: (N x M)(K x M)^T -> N x K
        Mat c = tape_mat(out->tape, a->val.rows, a->val.cols);
        mat_mul_nt(&c, &out->grad, &b->val);
        grad_add(a, &c);
    }
    if (b->needs_grad) {                    // dB += A^T dC: (N x K)^T (N x M) -> K x M
        Mat c = tape_mat(out->tape, b->val.rows, b->val.cols);
        mat_mul_tn(&c, &a->val, &out->grad);
        grad_add(b, &c);
    }
}
//! [matmul_backward]
