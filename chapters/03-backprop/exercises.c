/*
 * Chapter 03 exercises: the functions of backprop.h, then two puzzles of
 * puzzles.h: functions that are written already, each with one wrong line.
 *
 * Each stub below compiles but does nothing useful, so `make ex03` fails
 * until you fill it in. Each TODO names the part of the chapter page it
 * comes from; the matrix operations are in common/matrix.h, and net_forward()
 * and net_loss() in network.h are there for the numerical gradient. The
 * page's "Solutions" sections show the course's answers when you want to
 * compare.
 */
#include "backprop.h"
#include "puzzles.h"

#include <math.h>

void layer_forward(Mat *Z, Mat *A, const Mat *A_prev, const Mat *W, const Mat *b)
{
    // TODO: one layer of "In matrix form, for L layers": its net input Z and
    // its output A, for all the samples (rows) of A_prev at once.
    // Hint: the shapes are in backprop.h; sigmoid() is in network.h.
    (void)Z, (void)A, (void)A_prev, (void)W, (void)b;
}

void layer_backward(Mat *dA_prev, Mat *dW, Mat *db, Mat *dA, const Mat *A_prev, const Mat *W,
                    const Mat *A)
{
    // TODO: one layer of the four equations of "In matrix form, for L layers":
    // turn dA (dE/dA on entry) into this layer's delta in place, fill the two
    // gradients, and, unless dA_prev is NULL, dE/dA_prev for the layer below.
    // Hint: "The code: one layer forward, one layer backward" says which
    // equation gives what; the sigmoid's slope is written with its output A.
    (void)dA_prev, (void)dW, (void)db, (void)dA, (void)A_prev, (void)W, (void)A;
}

double numerical_gradient(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c)
{
    // TODO: the central difference of "Checking the gradient" for element i of
    // parameter p, with E = net_loss(net_forward(net, X, c), T).
    // Hint: the caller expects the network unchanged afterwards.
    (void)net, (void)p, (void)i, (void)eps, (void)X, (void)T, (void)c;
    return 0.0;
}

double relative_error(double a, double n, double tiny)
{
    // TODO: the relative error r of "Checking the gradient", floor tau = tiny.
    // Hint: fabs and fmax are in math.h.
    (void)a, (void)n, (void)tiny;
    return -1.0;
}

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

void backward_by_hand(const Weights *net, const double x[2], double t, Weights *grad)
{
    // PUZZLE: this is the chain rule of "By hand" for one sample, and one of
    // its lines is wrong. `make ex03 ONLY=backward_by_hand` checks every
    // gradient against a finite difference and says which ones disagree:
    // find the line that only those use, and fix it.
    const int H = net->W[0].cols;
    double z[BY_HAND_MAX], a[BY_HAND_MAX];
    const double y = forward_by_hand(net, x, z, a);
    const double delta = (y - t) * y * (1.0 - y);
    grad->b[1].data[0] = delta;
    for (int j = 0; j < H; j++) {
        grad->W[1].data[j] = delta * a[j];
        const double delta_j = delta * net->W[1].data[j] * z[j] * (1.0 - z[j]);
        grad->b[0].data[j] = delta_j;
        grad->W[0].data[j] = delta_j * x[0];
        grad->W[0].data[H + j] = delta_j * x[1];
    }
}

double train_step_by_hand(Weights *net, const double x[2], double t, double lr)
{
    // PUZZLE: one step of gradient descent on one sample, with the gradients
    // of "By hand" (right, this time) and one wrong line all the same: some
    // parameters do not move by -lr times their gradient. The test says which.
    const int H = net->W[0].cols;
    double z[BY_HAND_MAX], a[BY_HAND_MAX];
    const double y = forward_by_hand(net, x, z, a);
    const double delta = (y - t) * y * (1.0 - y);
    net->b[1].data[0] -= lr * delta;
    for (int j = 0; j < H; j++) {
        net->W[1].data[j] -= lr * delta * a[j];
        const double delta_j = delta * net->W[1].data[j] * a[j] * (1.0 - a[j]);
        net->b[0].data[j] -= lr * delta_j;
        net->W[0].data[j] -= lr * delta_j * x[0];
        net->W[0].data[H + j] -= lr * delta_j * x[1];
    }
    return 0.5 * (y - t) * (y - t);
}
