/*
 * Chapter 03 exercises: write the functions of backprop.h.
 *
 * Each body below is a stub that compiles but does nothing useful, so
 * `make ex03` fails until you fill it in. The maths is on the chapter page;
 * the matrix operations are in common/matrix.h, and net_forward() and
 * net_loss() in network.h are there for the numerical gradient.
 */
#include "backprop.h"

#include <math.h>

void layer_forward(Mat *Z, Mat *A, const Mat *A_prev, const Mat *W, const Mat *b)
{
    // TODO: Z = A_prev W + b (mat_mul, then mat_add_row), then A = s(Z) (mat_apply with sigmoid).
    (void)Z, (void)A, (void)A_prev, (void)W, (void)b;
}

void layer_backward(Mat *dA_prev, Mat *dW, Mat *db, Mat *dA, const Mat *A_prev, const Mat *W,
                    const Mat *A)
{
    // TODO:
    //   1. turn dA (dE/dA) into delta in place: multiply each element by A (1 - A);
    //   2. dW = A_prev^T delta (mat_mul_tn), db = column sums of delta (mat_sum_rows);
    //   3. if dA_prev is not NULL: dA_prev = delta W^T (mat_mul_nt).
    // Hint: the sigmoid's derivative is written with its output, s' = A (1 - A).
    (void)dA_prev, (void)dW, (void)db, (void)dA, (void)A_prev, (void)W, (void)A;
}

double numerical_gradient(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c)
{
    // TODO: the central difference (E(p_i + eps) - E(p_i - eps)) / (2 eps), where
    // E = net_loss(net_forward(net, X, c), T). Put p->data[i] back as it was.
    (void)net, (void)p, (void)i, (void)eps, (void)X, (void)T, (void)c;
    return 0.0;
}

double relative_error(double a, double n, double tiny)
{
    // TODO: |a - n| / max(|a|, |n|, tiny).  Hint: fabs and fmax are in math.h.
    (void)a, (void)n, (void)tiny;
    return -1.0;
}
