/**
 * @file puzzles.h
 * @brief Chapter 03's exercises that need the idea: two planted bugs to find.
 *
 * Both functions follow the page's "By hand" section: one sample
 * \f$(x_1, x_2)\f$ with target \f$t\f$ through a 2-H-1 sigmoid network
 * (`net->W[0]` is \f$W_1\f$, 2 \f$\times\f$ H row-major, `net->b[0]` is
 * \f$b_1\f$, `net->W[1]` and `net->b[1]` are \f$W_2\f$ and \f$b_2\f$), written
 * scalar by scalar, and \f$E = \frac12 (y - t)^2\f$. In `exercises.c` each
 * is shipped complete but with one wrong line: the learner finds it with the
 * gradient check and fixes it. puzzles.c holds the right versions.
 */
#ifndef CH03_PUZZLES_H
#define CH03_PUZZLES_H

#include "network.h"

/** The most hidden units the scalar versions handle. */
#define BY_HAND_MAX 16

/**
 * The gradient of E for one sample, by the chain rule of the "By hand"
 * section: fills grad (shaped like net) with \f$\partial E / \partial W_l\f$
 * and \f$\partial E / \partial b_l\f$.
 */
void backward_by_hand(const Weights *net, const double x[2], double t, Weights *grad);

/**
 * One step of gradient descent on one sample, \f$w \leftarrow w - \eta\,
 * \partial E / \partial w\f$ for every parameter, written in one pass over
 * the hidden units. Returns E before the step.
 */
double train_step_by_hand(Weights *net, const double x[2], double t, double lr);

#endif
