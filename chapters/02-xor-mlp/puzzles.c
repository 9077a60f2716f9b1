/**
 * @file puzzles.c
 * @brief The course's answers to chapter 02's puzzles (puzzles.h).
 */
#include "puzzles.h"

//! [xor_by_hand]
void xor_by_hand(Weights *net)
{
    // Hidden unit 1 computes OR (line x1 + x2 = 0.5), unit 2 AND (x1 + x2 = 1.5);
    // the output computes "OR and not AND". Weights of 20 make each sigmoid
    // all but a step: s(10) = 0.99995.
    const double W1[] = {20, 20,    // from x1 to units 1 and 2
                         20, 20};   // from x2
    const double b1[] = {-10, -30}, W2[] = {20, -20}, b2 = -10;
    for (int i = 0; i < 4; i++)
        net->W[0].data[i] = W1[i];
    for (int j = 0; j < 2; j++) {
        net->b[0].data[j] = b1[j];
        net->W[1].data[j] = W2[j];
    }
    net->b[1].data[0] = b2;
}
//! [xor_by_hand]

//! [break_the_tie]
void break_the_tie(Weights *net)
{
    // With equal columns of W1, equal biases and equal W2 entries, both hidden
    // units compute the same thing, receive the same gradient, and so stay
    // equal forever: the network is a 2-1-1 one, which cannot do XOR. Any
    // one number that tells them apart lets training separate them.
    net->b[0].data[0] = 1.0;
}
//! [break_the_tie]
