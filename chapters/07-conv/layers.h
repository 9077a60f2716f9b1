/**
 * @file layers.h
 * @brief Chapter 07: the convolution as a matrix product (im2col), and the backward passes
 *        that are not exercises.
 *
 * Shapes and layouts as in conv.h.
 */
#ifndef CH07_LAYERS_H
#define CH07_LAYERS_H

#include "conv.h"

/**
 * Unfold one image for the convolution: cols is (C k k) x (H' W'); its row
 * (c, u, v) and column (i, j) hold \f$x_{c,\,i+u-p,\,j+v-p}\f$ (0 outside the
 * image). Then \f$y = K \cdot \mathrm{cols} + b\f$ is the convolution.
 */
void im2col(const ConvShape *s, const double *x, double *cols);

/**
 * Fold back: add each entry of dcols ((C k k) x (H' W')) to the input pixel it
 * was copied from; dx (C x H x W) must start at 0. The adjoint of im2col().
 */
void col2im(const ConvShape *s, const double *dcols, double *dx);

/**
 * The convolution of one image as one matrix product, y = K cols + b;
 * `cols` is work space of (C k k) x (H' W') numbers. Equals conv_forward_direct().
 */
void conv_forward_im2col(const ConvShape *s, const double *x, const double *K, const double *b, double *cols,
                         double *y);

/**
 * The gradient with respect to the input of one image:
 * \f$\partial E / \partial x = \mathrm{col2im}(K^\top \delta)\f$, with dy = \f$\delta\f$
 * (O x H' x W'); `dcols` is work space like cols. dx is overwritten.
 */
void conv_backward_input(const ConvShape *s, const double *K, const double *dy, double *dcols, double *dx);

/**
 * Max-pooling's backward pass for one image: each output's gradient goes to
 * the input pixel that won it (argmax from maxpool_forward()); every other
 * pixel gets 0. dx (C x H x W) is overwritten.
 */
void maxpool_backward(int C, int H, int W, const double *dy, const int *argmax, double *dx);

#endif
