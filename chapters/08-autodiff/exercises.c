/*
 * Chapter 08 exercises: the functions of chain.h.
 *
 * Four are stubs that compile but do nothing, so `make ex08` fails until you
 * fill them in; one, div_backward, is written already, with one wrong line
 * to find. Each TODO names the section of the chapter page it comes from. A
 * backward function gets the node its operation made, `out`: out->grad holds
 * dL/d(out), and out->in[0], out->in[1] are the operands whose grad it adds to.
 */
#include "chain.h"

void mul_backward(Value *out)
{
    // TODO: section "Scalars": out = a b. Add each operand's share of out->grad to its grad.
    // Hint: the chain rule multiplies out->grad by the local derivative. And x * x has the same
    // node as both operands: what must happen to x->grad then?
    (void)out;
}

void div_backward(Value *out)
{
    // Written already, with one wrong line: out = a / b. Which line? The test compares it with a
    // central difference (chapter 03's check); the table of section "Scalars" tells why.
    Value *a = out->in[0], *b = out->in[1];
    a->grad += out->grad / b->data;
    b->grad += out->grad * a->data / (b->data * b->data);
}

void tanh_backward(Value *out)
{
    // TODO: section "Scalars": out = tanh(a).
    // Hint: tanh's derivative can be written with tanh itself, which out->data already holds.
    (void)out;
}

int topo_sort(Value *root, Value **order)
{
    // TODO: section "The order of the backward pass": every node root depends on, root included,
    // each once, each after its operands; return how many.
    // Hint: visit a node's operands before you place the node; v->visited (0 on entry) says
    // whether a node was placed already. A helper function of your own is welcome.
    (void)root, (void)order;
    return 0;
}

void matmul_backward(Node *out)
{
    // TODO: section "Matrices on a tape": C = A B with A = out->in[0], B = out->in[1]. Add
    // dC B^T to A's gradient and A^T dC to B's, each only when that operand needs_grad.
    // Hint: tape_mat() gives a scratch matrix, common/matrix.h the two products, grad_add() the sum.
    (void)out;
}
