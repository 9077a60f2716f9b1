/**
 * @file chapters/07-conv/check.h
 * @brief Chapter 07's `--check`: every layer's backward pass against finite
 *        differences (chapter 03's method), and the direct convolution against im2col.
 */
#ifndef CH07_CHECK_H
#define CH07_CHECK_H

/**
 * Check the backward pass of three small networks with odd sizes, both
 * paddings, several channels, pooling and fully connected layers, on random
 * images, against central differences (eps \f$10^{-5}\f$), and the direct
 * convolution against im2col on three random layers; print each layer's worst
 * relative difference and the verdict. Returns 0 when both are within their
 * limits (\f$10^{-6}\f$ and \f$10^{-12}\f$), else #EXIT_FAILURE_IO.
 */
int check_network(void);

#endif
