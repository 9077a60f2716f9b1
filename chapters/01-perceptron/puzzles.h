/**
 * @file puzzles.h
 * @brief Chapter 01's exercises that need the idea: weights chosen by hand, a run predicted.
 *
 * No code computes these answers: they come from reading the decision line
 * \f$w_1 x_1 + w_2 x_2 + b = 0\f$ and the learning rule, with pencil and
 * paper. The learner writes them in `exercises.c`; puzzles.c holds the
 * course's answers.
 */
#ifndef CH01_PUZZLES_H
#define CH01_PUZZLES_H

/**
 * Weights that make the perceptron (net input, then bipolar step) compute
 * AND on bipolar inputs: 1 for \f$(1, 1)\f$, \f$-1\f$ for the other three.
 * @param w receives \f$w_1, w_2\f$
 * @param b receives the bias
 */
void and_by_hand(double w[2], double *b);

/**
 * Weights that make the perceptron compute NAND (not AND) on bipolar inputs.
 * @param w receives \f$w_1, w_2\f$
 * @param b receives the bias
 */
void nand_by_hand(double w[2], double *b);

/**
 * A run predicted by hand: the learning rule on bipolar AND
 * (`data/and-bipolar.csv`, file order) from the tutorial's start
 * \f$w = (0.8, 0.5)\f$, \f$b = 0.1\f$ with \f$\eta = 1\f$, until an epoch
 * without mistakes.
 * @param w receives the final \f$w_1, w_2\f$
 * @param b receives the final bias
 * @return the number of updates (mistakes) in the whole run
 */
int and_run_by_hand(double w[2], double *b);

#endif
