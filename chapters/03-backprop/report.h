/**
 * @file chapters/03-backprop/report.h
 * @brief Chapter 03's program around its lesson: the gradient check's table,
 *        the epsilon study, and the files the plots read.
 *
 * main.c computes the gradient by backpropagation and compares it with
 * central differences (gradcheck.h); these functions print and write what
 * the comparison found.
 */
#ifndef CH03_REPORT_H
#define CH03_REPORT_H

#include "../../common/data.h"
#include "../../common/weights.h"
#include "gradcheck.h"

/**
 * Print the gradient check of net: the loss E, the floor tiny of the
 * relative errors, one line per layer with its worst relative errors
 * (layers), and the verdict on the worst over the network at step eps.
 */
void report_check(const Weights *net, const LayerCheck *layers, double E, double eps, double tiny, double worst);

/**
 * Print the trained network's final loss E over d and the share of samples
 * whose every output is on its target's side of 0.5.
 */
void report_result(const Weights *net, const Dataset *d, double E);

/**
 * The epsilon study: the worst relative error over every parameter of net,
 * with central and with forward differences, for steps \f$\varepsilon =
 * 10^{-1} \dots 10^{-12}\f$ (two per decade), against the backprop gradient
 * grad on d. Writes eps.csv in dir and, unless quiet, prints the table.
 */
void eps_study(Weights *net, const Weights *grad, const Dataset *d, const char *dir, int quiet);

/**
 * For two inputs and one output: write grid.dat (the output of net over the
 * square that holds the data and the origin, a tenth wider on each side) and
 * samples.csv (inputs and target of every sample) in dir.
 */
void write_plot_files(const Weights *net, const Dataset *d, const char *dir);

#endif
