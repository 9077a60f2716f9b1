/**
 * @file backprop.c
 * @brief Chapter 03's reference implementation of its exercises.
 */
#include "backprop.h"

#include <math.h>

//! [layer_forward]
void layer_forward(Mat *Z, Mat *A, const Mat *A_prev, const Mat *W, const Mat *b)
{
    mat_mul(Z, A_prev, W);      // Z = A_prev W + b
    mat_add_row(Z, Z, b);
    mat_apply(A, Z, sigmoid);   // A = s(Z)
}
//! [layer_forward]

//! [layer_backward]
void layer_backward(Mat *dA_prev, Mat *dW, Mat *db, Mat *dA, const Mat *A_prev, const Mat *W,
                    const Mat *A)
{
    Mat *delta = dA; // overwritten in place: delta = dE/dA * s'(Z), s'(Z) = A (1 - A)
    for (size_t i = 0; i < mat_size(A); i++)
        delta->data[i] *= A->data[i] * (1.0 - A->data[i]);
    mat_mul_tn(dW, A_prev, delta);       // dE/dW = A_prev^T delta
    mat_sum_rows(db, delta);             // dE/db = sum over samples of delta
    if (dA_prev)
        mat_mul_nt(dA_prev, delta, W);   // dE/dA_prev = delta W^T
}
//! [layer_backward]

//! [numerical_gradient]
double numerical_gradient(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c)
{
    const double keep = p->data[i];
    p->data[i] = keep + eps;
    const double up = net_loss(net_forward(net, X, c), T);
    p->data[i] = keep - eps;
    const double down = net_loss(net_forward(net, X, c), T);
    p->data[i] = keep;
    return (up - down) / (2.0 * eps);
}
//! [numerical_gradient]

//! [relative_error]
double relative_error(double a, double n, double tiny)
{
    const double scale = fmax(fmax(fabs(a), fabs(n)), tiny);
    return fabs(a - n) / scale;
}
//! [relative_error]
