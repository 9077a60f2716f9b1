/*
 * Tests of chapter 01's puzzles (puzzles.h). Each answer is checked with the
 * test's own arithmetic, not with perceptron.c, so that a puzzle passes or
 * fails on its own whatever state the learner's other functions are in.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "puzzles.h"

// Suite ex01 and its time limit are declared once, in test_perceptron.c.

static const double X[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

/* The gate the weights compute, row by row; the first row that differs from want, or -1. */
static int wrong_row(const double w[2], double b, const double want[4], double *y_in)
{
    for (int k = 0; k < 4; k++) {
        *y_in = b + X[k][0] * w[0] + X[k][1] * w[1];
        if ((*y_in >= 0 ? 1.0 : -1.0) != want[k])
            return k;
    }
    return -1;
}

static void check_gate(const char *gate, const double w[2], double b, const double want[4])
{
    double y_in;
    const int k = wrong_row(w, b, want, &y_in);
    cr_assert(k < 0, "%s with w = (%g, %g), b = %g: input (%g, %g) gives y_in = %g, so y = %g; the truth "
              "table says %g. Hint: draw the four inputs and a line that puts only the right ones on its "
              "positive side; its equation w1 x1 + w2 x2 + b = 0 gives the weights.", gate, w[0], w[1], b,
              X[k][0], X[k][1], y_in, y_in >= 0 ? 1.0 : -1.0, want[k]);
}

Test(ex01, and_by_hand)
{
    double w[2] = {0, 0}, b = 0;
    and_by_hand(w, &b);
    check_gate("AND", w, b, (const double[]){-1, -1, -1, 1});
}

Test(ex01, nand_by_hand)
{
    double w[2] = {0, 0}, b = 0;
    nand_by_hand(w, &b);
    check_gate("NAND", w, b, (const double[]){1, 1, 1, -1});
}

Test(ex01, and_run_by_hand)
{
    // The run itself, with the rule written out here.
    const double T[4] = {-1, -1, -1, 1};
    double w[2] = {0.8, 0.5}, b = 0.1;
    int updates = 0, errors = 1;
    for (int epoch = 0; errors > 0 && epoch < 100; epoch++) {
        errors = 0;
        for (int k = 0; k < 4; k++)
            if ((b + X[k][0] * w[0] + X[k][1] * w[1] >= 0 ? 1.0 : -1.0) != T[k]) {
                w[0] += T[k] * X[k][0], w[1] += T[k] * X[k][1], b += T[k];
                errors++, updates++;
            }
    }
    double pw[2] = {0, 0}, pb = 0;
    const int predicted = and_run_by_hand(pw, &pb);
    // The messages say which way the prediction is off, never the answer itself.
    cr_assert_eq(predicted, updates, "you predicted %d updates: too %s. Hint: write the table as the page "
                 "does for OR, one row per sample, and count the rows whose output is wrong.",
                 predicted, predicted < updates ? "few" : "many");
    cr_assert(fabs(pw[0] - w[0]) < 1e-9 && fabs(pw[1] - w[1]) < 1e-9 && fabs(pb - b) < 1e-9,
              "the number of updates is right, but the rule does not end at w = (%g, %g), b = %g. Hint: "
              "each update adds t x to w and t to b; the last update fixes the final weights.", pw[0], pw[1], pb);
}
