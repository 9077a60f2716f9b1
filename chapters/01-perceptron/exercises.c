/*
 * Chapter 01 exercises: the three functions of perceptron.h, then three
 * puzzles of puzzles.h that need no code, only the idea.
 *
 * Each body below is a stub that compiles but gives the wrong answer, so
 * `make ex01` fails until you fill it in. Each TODO names the part of the
 * chapter page it comes from; `make ex01` prints PASS or FAIL for every
 * exercise, and for a failure what was expected and a hint. The page's
 * "Solutions" sections show the course's answers when you want to compare.
 */
#include "perceptron.h"
#include "puzzles.h"

double perc_net_input(int n, const double *x, const double *w, double b)
{
    // TODO: the net input y_in of "The model": the bias plus each input
    // weighted by its weight.
    // Hint: n can be any number of inputs, not just 2.
    (void)n, (void)x, (void)w, (void)b;
    return 0.0;
}

double perc_step(double y_in)
{
    // TODO: the bipolar step y of "The model".
    // Hint: decide which side y_in = 0 itself falls on; the page's case split says.
    (void)y_in;
    return 0.0;
}

int perc_update(int n, const double *x, double t, double y, double lr, double *w, double *b,
                double *dw, double *db)
{
    // TODO: one application of "The learning rule" to sample x with target t
    // and output y: the changes Delta w_i and Delta b, applied to w and b.
    // Return whether the weights changed.
    // Hint: the program prints dw and db for every sample, right or wrong.
    (void)n, (void)x, (void)t, (void)y, (void)lr, (void)w, (void)b, (void)dw, (void)db;
    return -1;
}

void and_by_hand(double w[2], double *b)
{
    // TODO: choose w and b so that the perceptron computes bipolar AND
    // (1 only for (1, 1)). No training: reason about the decision line.
    // Hint: draw the four inputs; which straight line has (1, 1) alone on one side?
    (void)w, (void)b;
}

void nand_by_hand(double w[2], double *b)
{
    // TODO: the same for NAND, -1 only for (1, 1).
    // Hint: what happens to every output when w and b all change sign?
    (void)w, (void)b;
}

int and_run_by_hand(double w[2], double *b)
{
    // TODO: predict, with pencil and paper, the run on bipolar AND from the
    // tutorial's start w = (0.8, 0.5), b = 0.1, lr = 1 (samples in file
    // order, until an epoch without mistakes): return the number of updates
    // and put the final weights in w and b.
    // Hint: the page's "A run, step by step" does the same for OR; make the
    // same table. Check it afterwards with
    //   ./build/bin/ch01 --data data/and-bipolar.csv --weights 0.8,0.5,0.1 --lr 1
    (void)w, (void)b;
    return 0;
}
