/*
 * Chapter 02 exercises: write the functions of mlp.h.
 *
 * Each body below is a stub that compiles but does nothing useful, so
 * `make ex02` fails until you fill it in. The maths is on the chapter page
 * and in mlp.h; the matrix operations you need are in common/matrix.h
 * (mat_mul, mat_mul_tn, mat_mul_nt, mat_add_row, mat_apply, mat_sub,
 * mat_hadamard, mat_sum_rows, mat_add_scaled).
 */
#include "mlp.h"

#include <math.h>

double sigmoid(double z)
{
    // TODO: return 1 / (1 + e^(-z)).  Hint: exp() is in math.h.
    (void)z;
    return 0.0;
}

double sigmoid_prime_from_output(double y)
{
    // TODO: y is already s(z); return the derivative s'(z) written with y.
    (void)y;
    return 0.0;
}

void mlp_forward(const Weights *net, const Mat *X, MlpWork *ws)
{
    // TODO: Z1 = X W1 + b1, A1 = s(Z1), Z2 = A1 W2 + b2, Y = s(Z2),
    // writing into ws->Z1, ws->A1, ws->Z2, ws->Y.
    // Hint: net->W[0] is W1 and net->b[0] is b1; mat_add_row adds a bias row.
    (void)net, (void)X, (void)ws;
}

double mlp_loss(const Mat *Y, const Mat *T)
{
    // TODO: return E = 1/2 * sum over all elements of (Y - T)^2.
    (void)Y, (void)T;
    return -1.0;
}

void mlp_backward(const Weights *net, const Mat *X, const Mat *T, MlpWork *ws)
{
    // TODO: the deltas, then the gradients:
    //   d2 = (Y - T) * s'(Z2)         (s' from the output: ws->Y)
    //   d1 = (d2 W2^T) * s'(Z1)       (s' from ws->A1; mat_mul_nt gives d2 W2^T)
    //   dW2 = A1^T d2, db2 = column sums of d2, dW1 = X^T d1, db1 = column sums of d1
    // Hint: * is the element-wise product (mat_hadamard); ws->sp1 and ws->sp2
    // are there to hold s'.
    (void)net, (void)X, (void)T, (void)ws;
}

double mlp_train_step(Weights *net, const Mat *X, const Mat *T, double lr, MlpWork *ws)
{
    // TODO: forward, E = loss, backward, then W <- W - lr dE/dW for W2, b2, W1, b1.
    // Return E (the loss before the update).
    // Hint: mat_add_scaled(&W, &W, -lr, &dW) is the update in place.
    (void)net, (void)X, (void)T, (void)lr, (void)ws;
    return -1.0;
}
