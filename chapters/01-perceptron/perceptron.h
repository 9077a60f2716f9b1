/**
 * @file perceptron.h
 * @brief Chapter 01: the perceptron's three pieces, net input, bipolar step, learning rule.
 *
 * Notation of the chapter page: inputs \f$x_1 \dots x_n\f$, weights
 * \f$w_1 \dots w_n\f$, bias \f$b\f$, target \f$t \in \{-1, 1\}\f$, learning
 * rate \f$\eta\f$ (`--lr`). These are also the chapter's exercises: the
 * learner writes the same three functions in `exercises.c`.
 */
#ifndef CH01_PERCEPTRON_H
#define CH01_PERCEPTRON_H

/**
 * The net input \f$y_{in} = b + \sum_{i=1}^{n} x_i w_i\f$ of a sample x.
 * @param n number of inputs
 * @param x the sample's n inputs
 * @param w the n weights
 * @param b the bias
 */
double perc_net_input(int n, const double *x, const double *w, double b);

/**
 * The bipolar step: \f$y = 1\f$ if \f$y_{in} \ge 0\f$, else \f$-1\f$.
 * (At exactly 0 the output is 1, as in the tutorial.)
 */
double perc_step(double y_in);

/**
 * The perceptron learning rule for one sample. If the output y differs from
 * the target t, every weight moves by \f$\Delta w_i = \eta\, t\, x_i\f$ and the
 * bias by \f$\Delta b = \eta\, t\f$; otherwise nothing changes.
 * @param n number of inputs
 * @param x the sample's n inputs
 * @param t its target, -1 or 1
 * @param y the perceptron's output for it, -1 or 1
 * @param lr the learning rate \f$\eta > 0\f$
 * @param w the n weights, updated in place
 * @param b the bias, updated in place
 * @param dw receives the n changes \f$\Delta w_i\f$ applied (0 when none)
 * @param db receives the change \f$\Delta b\f$ applied (0 when none)
 * @return 1 if the weights changed (the sample was misclassified), else 0
 */
int perc_update(int n, const double *x, double t, double y, double lr, double *w, double *b,
                double *dw, double *db);

#endif
