/*
 * Tests of chapter 01's functions. `make check` runs them against the
 * reference perceptron.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex01` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "perceptron.h"

TestSuite(ex01, .timeout = 10.0);

Test(ex01, step)
{
    const double in[] = {0.0, 1e-300, 2.5, -1e-300, -0.2, -7.0};
    const double want[] = {1, 1, 1, -1, -1, -1};
    for (int k = 0; k < 6; k++) {
        double got = perc_step(in[k]);
        cr_assert_eq(got, want[k],
                     "perc_step(%g) returned %g, expected %g. Hint: 1 when y_in >= 0 (0 included), "
                     "-1 when y_in < 0.", in[k], got, want[k]);
    }
}

Test(ex01, net_input)
{
    const double x[] = {1.0, -2.0, 0.5}, w[] = {0.25, 0.5, -4.0};
    double got = perc_net_input(3, x, w, 0.75);
    // 0.75 + 1*0.25 - 2*0.5 + 0.5*(-4) = -2
    cr_assert_float_eq(got, -2.0, 1e-12,
                       "perc_net_input(x = (1, -2, 0.5), w = (0.25, 0.5, -4), b = 0.75) returned %g, "
                       "expected -2. Hint: y_in = b + x1 w1 + x2 w2 + x3 w3.", got);
    got = perc_net_input(2, x, w, 0.0);
    cr_assert_float_eq(got, -0.75, 1e-12,
                       "with n = 2 only the first two inputs count: returned %g, expected -0.75. Hint: "
                       "loop over n inputs, not a fixed number.", got);
}

Test(ex01, update_on_a_mistake)
{
    // sample (-1, 1) with target 1 was answered -1: w moves by eta t x = 0.5 (-1, 1)
    const double x[] = {-1.0, 1.0};
    double w[] = {0.8, 0.5}, b = 0.1, dw[] = {99, 99}, db = 99;
    int changed = perc_update(2, x, 1.0, -1.0, 0.5, w, &b, dw, &db);
    cr_assert_eq(changed, 1, "perc_update returned %d for a misclassified sample, expected 1. Hint: the return "
                 "value says whether the weights changed.", changed);
    cr_assert(fabs(dw[0] + 0.5) < 1e-12 && fabs(dw[1] - 0.5) < 1e-12,
              "dw = (%g, %g), expected (-0.5, 0.5). Hint: dw_i = lr * t * x_i.", dw[0], dw[1]);
    cr_assert_float_eq(db, 0.5, 1e-12, "db = %g, expected 0.5. Hint: db = lr * t.", db);
    cr_assert(fabs(w[0] - 0.3) < 1e-12 && fabs(w[1] - 1.0) < 1e-12,
              "w = (%g, %g) after the update, expected (0.3, 1). Hint: add dw to w.", w[0], w[1]);
    cr_assert_float_eq(b, 0.6, 1e-12, "b = %g after the update, expected 0.6. Hint: add db to b.", b);
}

Test(ex01, update_when_right)
{
    const double x[] = {1.0, 1.0};
    double w[] = {0.8, 0.5}, b = 0.1, dw[] = {99, 99}, db = 99;
    int changed = perc_update(2, x, 1.0, 1.0, 1.0, w, &b, dw, &db);
    cr_assert_eq(changed, 0, "perc_update returned %d for a correct answer, expected 0. Hint: a right answer "
                 "leaves the weights alone.", changed);
    cr_assert(dw[0] == 0 && dw[1] == 0 && db == 0,
              "dw = (%g, %g), db = %g for a correct answer, expected all 0. Hint: the table prints "
              "them for every sample, so write them even when nothing moves.",
              dw[0], dw[1], db);
    cr_assert(w[0] == 0.8 && w[1] == 0.5 && b == 0.1,
              "the weights changed to (%g, %g, %g) on a correct answer. Hint: the rule moves "
              "them only on a mistake.", w[0], w[1], b);
}

Test(ex01, learns_the_or_gate)
{
    // The chapter's run: bipolar OR from w = (0.8, 0.5), b = 0.1, eta = 1
    // takes 3 epochs and ends at w = (1.8, 1.5), b = 1.1.
    const double X[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}}, T[4] = {-1, 1, 1, 1};
    double w[2] = {0.8, 0.5}, b = 0.1, dw[2], db;
    int epoch = 0, errors = 1;
    while (errors > 0 && epoch < 100) {
        epoch++;
        errors = 0;
        for (int k = 0; k < 4; k++) {
            double y = perc_step(perc_net_input(2, X[k], w, b));
            errors += perc_update(2, X[k], T[k], y, 1.0, w, &b, dw, &db) == 1;
        }
    }
    cr_assert_eq(epoch, 3, "training took %d epochs, expected 3 (the page's run). Hint: training stops "
                 "after an epoch in which perc_update returned 0 for every sample; the tests above check "
                 "each of your three functions alone.", epoch);
    cr_assert(fabs(w[0] - 1.8) < 1e-12 && fabs(w[1] - 1.5) < 1e-12 && fabs(b - 1.1) < 1e-12,
              "final weights (%g, %g, %g), expected (1.8, 1.5, 1.1). Hint: compare your run "
              "with the page's table, row by row.", w[0], w[1], b);
}
