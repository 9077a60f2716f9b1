/**
 * @file mlp.c
 * @brief Chapter 02's reference implementation: forward, loss, backward, update.
 */
#include "mlp.h"

#include <math.h>

//! [sigmoid]
double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

double sigmoid_prime_from_output(double y)
{
    return y * (1.0 - y); // s'(z) = s(z) (1 - s(z)), and y = s(z)
}
//! [sigmoid]

//! [forward]
void mlp_forward(const Weights *net, const Mat *X, MlpWork *ws)
{
    mat_mul(&ws->Z1, X, &net->W[0]);            // Z1 = X W1 + b1
    mat_add_row(&ws->Z1, &ws->Z1, &net->b[0]);
    mat_apply(&ws->A1, &ws->Z1, sigmoid);       // A1 = s(Z1)
    mat_mul(&ws->Z2, &ws->A1, &net->W[1]);      // Z2 = A1 W2 + b2
    mat_add_row(&ws->Z2, &ws->Z2, &net->b[1]);
    mat_apply(&ws->Y, &ws->Z2, sigmoid);        // Y = s(Z2)
}
//! [forward]

//! [loss]
double mlp_loss(const Mat *Y, const Mat *T)
{
    assert(Y->rows == T->rows && Y->cols == T->cols);
    double E = 0.0;
    for (size_t i = 0; i < mat_size(Y); i++) {
        const double e = Y->data[i] - T->data[i];
        E += 0.5 * e * e;
    }
    return E;
}
//! [loss]

//! [backward]
void mlp_backward(const Weights *net, const Mat *X, const Mat *T, MlpWork *ws)
{
    mat_sub(&ws->d2, &ws->Y, T);                            // d2 = (Y - T) * s'(Z2)
    mat_apply(&ws->sp2, &ws->Y, sigmoid_prime_from_output);
    mat_hadamard(&ws->d2, &ws->d2, &ws->sp2);
    mat_mul_nt(&ws->d1, &ws->d2, &net->W[1]);               // d1 = (d2 W2^T) * s'(Z1)
    mat_apply(&ws->sp1, &ws->A1, sigmoid_prime_from_output);
    mat_hadamard(&ws->d1, &ws->d1, &ws->sp1);

    mat_mul_tn(&ws->dW2, &ws->A1, &ws->d2);                 // dE/dW2 = A1^T d2
    mat_sum_rows(&ws->db2, &ws->d2);                        // dE/db2 = sum over samples of d2
    mat_mul_tn(&ws->dW1, X, &ws->d1);                       // dE/dW1 = X^T d1
    mat_sum_rows(&ws->db1, &ws->d1);                        // dE/db1 = sum over samples of d1
}
//! [backward]

//! [train_step]
double mlp_train_step(Weights *net, const Mat *X, const Mat *T, double lr, MlpWork *ws)
{
    mlp_forward(net, X, ws);
    const double E = mlp_loss(&ws->Y, T);
    mlp_backward(net, X, T, ws);
    mat_add_scaled(&net->W[1], &net->W[1], -lr, &ws->dW2);  // W <- W - lr dE/dW
    mat_add_scaled(&net->b[1], &net->b[1], -lr, &ws->db2);
    mat_add_scaled(&net->W[0], &net->W[0], -lr, &ws->dW1);
    mat_add_scaled(&net->b[0], &net->b[0], -lr, &ws->db1);
    return E;
}
//! [train_step]
