/**
 * @file loss.c
 * @brief Softmax, cross-entropy from the logits, and their gradient.
 */
#include "loss.h"

#include <math.h>

/* The largest value of row k of Z. */
static double row_max(const Mat *Z, int k)
{
    const double *z = Z->data + (size_t)k * Z->cols;
    double m = z[0];
    for (int j = 1; j < Z->cols; j++)
        m = fmax(m, z[j]);
    return m;
}

void loss_softmax(Mat *Y, const Mat *Z)
{
    assert(Y->rows == Z->rows && Y->cols == Z->cols);
    for (int k = 0; k < Z->rows; k++) {
        const double m = row_max(Z, k);         // e^(z - m) <= 1: no overflow
        const double *z = Z->data + (size_t)k * Z->cols;
        double *y = Y->data + (size_t)k * Y->cols, sum = 0.0;
        for (int j = 0; j < Z->cols; j++)
            sum += y[j] = exp(z[j] - m);
        for (int j = 0; j < Z->cols; j++)
            y[j] /= sum;
    }
}

double loss_cross_entropy(const Mat *Z, const int *labels)
{
    double E = 0.0;
    for (int k = 0; k < Z->rows; k++) {
        const double m = row_max(Z, k);
        const double *z = Z->data + (size_t)k * Z->cols;
        double sum = 0.0;
        for (int j = 0; j < Z->cols; j++)
            sum += exp(z[j] - m);
        E += m + log(sum) - z[labels[k]];       // -log y_label = log sum e^z - z_label
    }
    return E / Z->rows;
}

void loss_softmax_backward(Mat *dZ, const Mat *Y, const int *labels)
{
    assert(dZ->rows == Y->rows && dZ->cols == Y->cols);
    const double inv_B = 1.0 / Y->rows;         // the loss is a mean over the batch
    for (int k = 0; k < Y->rows; k++)
        for (int j = 0; j < Y->cols; j++) {
            const double t = j == labels[k];    // one-hot target
            dZ->data[(size_t)k * Y->cols + j] = (Y->data[(size_t)k * Y->cols + j] - t) * inv_B;
        }
}

int loss_count_correct(const Mat *Y, const int *labels)
{
    int right = 0;
    for (int k = 0; k < Y->rows; k++) {
        const double *y = Y->data + (size_t)k * Y->cols;
        int best = 0;
        for (int j = 1; j < Y->cols; j++)
            if (y[j] > y[best])
                best = j;
        right += best == labels[k];
    }
    return right;
}
