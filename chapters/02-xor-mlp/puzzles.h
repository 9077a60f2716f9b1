/**
 * @file puzzles.h
 * @brief Chapter 02's exercises that need the idea: XOR weights by hand, a tie to break.
 *
 * Both work on a 2-2-1 sigmoid network (weights in the course's layout:
 * `net->W[0]` is \f$W_1\f$, 2 inputs \f$\times\f$ 2 hidden units, row-major;
 * `net->b[0]` is \f$b_1\f$; `net->W[1]` and `net->b[1]` are \f$W_2\f$ and
 * \f$b_2\f$). The learner writes them in `exercises.c`; puzzles.c holds the
 * course's answers.
 */
#ifndef CH02_PUZZLES_H
#define CH02_PUZZLES_H

#include "../../common/weights.h"

/**
 * Set every weight and bias of the 2-2-1 network net, without training, so
 * that it computes XOR: an output above 0.9 for the inputs (0, 1) and (1, 0),
 * below 0.1 for (0, 0) and (1, 1).
 */
void xor_by_hand(Weights *net);

/**
 * net holds a 2-2-1 start in which every weight is 0.5 and every bias 0, a
 * start from which training never learns XOR. Change exactly one of its
 * numbers so that 5000 steps of \f$\eta = 2\f$ do learn it.
 */
void break_the_tie(Weights *net);

#endif
