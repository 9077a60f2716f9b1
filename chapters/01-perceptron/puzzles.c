/**
 * @file puzzles.c
 * @brief The course's answers to chapter 01's puzzles (puzzles.h).
 */
#include "puzzles.h"

//! [and_by_hand]
void and_by_hand(double w[2], double *b)
{
    // The line x1 + x2 = 1 leaves (1, 1) alone on its positive side.
    w[0] = 1.0, w[1] = 1.0;
    *b = -1.0;
}
//! [and_by_hand]

//! [nand_by_hand]
void nand_by_hand(double w[2], double *b)
{
    // NAND is AND with every output flipped: negate the whole net input.
    w[0] = -1.0, w[1] = -1.0;
    *b = 1.0;
}
//! [nand_by_hand]

//! [and_run_by_hand]
int and_run_by_hand(double w[2], double *b)
{
    // Epoch 1: (1, -1) is the one mistake, w = (-0.2, 1.5), b = -0.9.
    // Epoch 2: (-1, 1) then (1, 1) are wrong, w = (1.8, 1.5), b = -0.9.
    // Epoch 3: no mistake.
    w[0] = 1.8, w[1] = 1.5;
    *b = -0.9;
    return 3;
}
//! [and_run_by_hand]
