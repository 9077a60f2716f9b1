/**
 * @file conv.h
 * @brief Chapter 07: convolution and max-pooling on one image, the loops a learner writes.
 *
 * An image with C channels of H x W pixels is stored channel by channel, row
 * by row: pixel (c, i, j) is `x[(c * H + i) * W + j]`. A convolution with O
 * output channels and k x k kernels holds its weights as an O x (C k k) matrix:
 * row o is output channel o's kernel, in (input channel, row, column) order,
 * so \f$K_{o,c,u,v}\f$ is `K[((o * C + c) * k + u) * k + v]`; and one bias per
 * output channel. With zero padding p (0: "valid", (k-1)/2: "same") the output
 * has \f$H' = H + 2p - k + 1\f$ rows and \f$W' = W + 2p - k + 1\f$ columns:
 * \f[ y_{o,i,j} = b_o + \sum_{c,u,v} K_{o,c,u,v}\, x_{c,\,i+u-p,\,j+v-p} \f]
 * where a pixel outside the image counts as 0. (This is a cross-correlation;
 * deep learning calls it convolution.)
 */
#ifndef CH07_CONV_H
#define CH07_CONV_H

/** The shape of a convolution: C input channels of H x W, O output channels, k x k kernels, padding p. */
typedef struct {
    int C;      /**< input channels */
    int H;      /**< input rows */
    int W;      /**< input columns */
    int O;      /**< output channels */
    int k;      /**< kernel rows and columns */
    int pad;    /**< zero padding on each side */
} ConvShape;

/** Output rows \f$H + 2p - k + 1\f$. */
int conv_out_h(const ConvShape *s);
/** Output columns \f$W + 2p - k + 1\f$. */
int conv_out_w(const ConvShape *s);

/**
 * The convolution of one image by the definition above: y (O x H' x W') from
 * x (C x H x W), kernels K (O x C k k) and biases b (O). An exercise.
 */
void conv_forward_direct(const ConvShape *s, const double *x, const double *K, const double *b, double *y);

/**
 * 2 x 2 max-pooling with stride 2 of one image of C channels of H x W: y is
 * C x (H/2) x (W/2) (a last odd row or column is dropped), and `argmax[q]`
 * the index in x of the pixel that won output q. Ties: the first in the
 * window in reading order (row, then column) wins. An exercise.
 */
void maxpool_forward(int C, int H, int W, const double *x, double *y, int *argmax);

/**
 * The gradient of the loss with respect to the kernels and biases from one
 * image, **added** to dK (O x C k k) and db (O), given the input x and
 * dy = \f$\partial E / \partial y\f$ (O x H' x W'):
 * \f[ \frac{\partial E}{\partial K_{o,c,u,v}} \mathrel{+}= \sum_{i,j} \delta_{o,i,j}\, x_{c,\,i+u-p,\,j+v-p},
 *     \qquad \frac{\partial E}{\partial b_o} \mathrel{+}= \sum_{i,j} \delta_{o,i,j} \f]
 * An exercise.
 */
void conv_weight_grad(const ConvShape *s, const double *x, const double *dy, double *dK, double *db);

#endif
