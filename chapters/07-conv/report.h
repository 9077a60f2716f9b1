/**
 * @file chapters/07-conv/report.h
 * @brief Chapter 07's program around its lesson: the network's layer table,
 *        the per-class report, and the files the plots read.
 *
 * main.c trains the network (network.h) and evaluates it; these functions
 * print what it is and what it learnt, and write what the plots draw: the
 * confusion table, the first layer's kernels, one image through the layers,
 * and the two ways of computing each convolution, timed.
 */
#ifndef CH07_REPORT_H
#define CH07_REPORT_H

#include "../../common/idx.h"
#include "../../common/weights.h"
#include "network.h"

/** Fashion-MNIST's classes: the network's outputs, and the rows and columns of a confusion table. */
#define CLASSES 10

/** Count the weights of w, then print the layer table of a: kind, weights, input and output shape, activation. */
void report_layers(const Arch *a, const Weights *w, const char *arch_text, const char *data);

/** Per class of the test set, the share of its images the network got right; conf[true][predicted] counts them. */
void report_classes(const int conf[CLASSES][CLASSES]);

/** Write confusion.csv in dir: true and predicted class, the count, and the two class names. */
void write_confusion(const char *dir, const int conf[CLASSES][CLASSES]);

/** Write filters.dat in dir when the first layer is a convolution: its kernels for input channel 0, a tile each. */
void write_filters(const char *dir, const Arch *a, const Weights *w);

/**
 * The first image of s through the network: the input, then every channel of
 * each of the first four layers' outputs (up to the first fully connected
 * one), each layer in its own file features<l>.dat in dir.
 */
void write_features(const char *dir, const Arch *a, const Weights *w, const ImageSet *s);

/**
 * Time each convolution of the network on the first n images of s, by its
 * definition and by im2col: milliseconds per image into speed.csv in dir,
 * and (unless quiet) a report line each. Writes nothing without convolutions.
 */
void write_speed(const char *dir, const Arch *a, const Weights *w, const ImageSet *s, int n, int quiet);

#endif
