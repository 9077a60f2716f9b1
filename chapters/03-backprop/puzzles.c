/**
 * @file puzzles.c
 * @brief The right versions of chapter 03's two buggy functions (puzzles.h).
 */
#include "puzzles.h"

/* The forward pass for one sample: the hidden z_j and a_j, and the output y. */
static double forward_by_hand(const Weights *net, const double x[2], double *z, double *a)
{
    const int H = net->W[0].cols;
    assert(H <= BY_HAND_MAX);
    double z_out = net->b[1].data[0];
    for (int j = 0; j < H; j++) {
        z[j] = net->b[0].data[j] + x[0] * net->W[0].data[j] + x[1] * net->W[0].data[H + j];
        a[j] = sigmoid(z[j]);
        z_out += a[j] * net->W[1].data[j];
    }
    return sigmoid(z_out);
}

//! [backward_by_hand]
void backward_by_hand(const Weights *net, const double x[2], double t, Weights *grad)
{
    const int H = net->W[0].cols;
    double z[BY_HAND_MAX], a[BY_HAND_MAX];
    const double y = forward_by_hand(net, x, z, a);
    const double delta = (y - t) * y * (1.0 - y);
    grad->b[1].data[0] = delta;
    for (int j = 0; j < H; j++) {
        grad->W[1].data[j] = delta * a[j];
        const double delta_j = delta * net->W[1].data[j] * a[j] * (1.0 - a[j]);
        grad->b[0].data[j] = delta_j;
        grad->W[0].data[j] = delta_j * x[0];
        grad->W[0].data[H + j] = delta_j * x[1];
    }
}
//! [backward_by_hand]

//! [train_step_by_hand]
double train_step_by_hand(Weights *net, const double x[2], double t, double lr)
{
    const int H = net->W[0].cols;
    double z[BY_HAND_MAX], a[BY_HAND_MAX];
    const double y = forward_by_hand(net, x, z, a);
    const double delta = (y - t) * y * (1.0 - y);
    net->b[1].data[0] -= lr * delta;
    for (int j = 0; j < H; j++) {
        // delta_j needs w2_j as the forward pass used it: before its update.
        const double delta_j = delta * net->W[1].data[j] * a[j] * (1.0 - a[j]);
        net->W[1].data[j] -= lr * delta * a[j];
        net->b[0].data[j] -= lr * delta_j;
        net->W[0].data[j] -= lr * delta_j * x[0];
        net->W[0].data[H + j] -= lr * delta_j * x[1];
    }
    return 0.5 * (y - t) * (y - t);
}
//! [train_step_by_hand]
