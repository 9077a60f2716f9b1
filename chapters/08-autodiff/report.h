/**
 * @file chapters/08-autodiff/report.h
 * @brief Chapter 08's program around its lesson: part 1's demonstrations on
 *        scalars, the reports of part 2, --against's comparison and --expr's
 *        answer, and the files they write.
 *
 * main.c trains the networks through the tape (nets.h) and computes their
 * gradients; these functions show the engines at work and write what the
 * plots and the page read: Graphviz drawings of scalar graphs, agreement.csv,
 * expr.csv.
 */
#ifndef CH08_REPORT_H
#define CH08_REPORT_H

#include "../../common/data.h"
#include "../../common/weights.h"
#include "expr.h"
#include "options.h"
#include "tape.h"
#include "value.h"

/**
 * Part 1: the neuron o = tanh(x1 w1 + x2 w2 + b) on scalars, and (unless
 * quiet) every node's do/d(node); its graph in graph-neuron.dot in dir.
 */
void part1_neuron(const char *dir, int quiet);

/**
 * Part 1: a 2-2-1 sigmoid network (Glorot's start from seed) on XOR's sample
 * (1, 0) -> 1, on scalars and on the tape: both gradients side by side, and
 * how many are equal to the last bit (unless quiet); graph-network.dot in dir.
 */
void part1_network(const char *dir, unsigned long seed, int quiet);

/** Print the layer sizes of net, joined by '-' ("2-8-8-1"), without a newline. */
void report_shape(const Weights *net);

/**
 * Part 2 on a CSV data set of `samples` samples, before training: the
 * network and the data, where the starting weights and their gradient are
 * (and how the hand-written chapter reads them), the training's settings.
 */
void report_csv_intro(const Weights *net, int samples, const Options *o);

/**
 * After training net on d to the loss E: E, the share of samples whose every
 * output is on its target's side of 0.5 (computed on tape), and (unless
 * quiet) how many nodes a step put on the tape and the arena's size.
 */
void report_csv_result(Weights *net, const Dataset *d, double E, Tape *tape, int quiet);

/**
 * --against: the tape's gradient beside the gradient file path (another
 * program's --gradients at the same weights), number by number, into
 * agreement.csv in dir; print how many are equal to the last bit and the
 * largest relative difference. Stops with exit 2 when the file's shapes differ.
 */
void report_against(const Weights *tape, const char *path, const char *dir);

/**
 * --expr: after expr_gradient(), write expr.csv (each name's value and
 * gradient, then f) and graph-expr.dot in dir, titled text; print f's value
 * and (unless quiet) the table of its gradient.
 */
void report_expr(Expr *e, const char *text, const char *dir, int quiet);

#endif
