/*
 * Tests of chapter 03's puzzles (puzzles.h): each buggy function against
 * central differences of a loss computed here, scalar by scalar, so that the
 * verdict depends on nothing else the learner wrote. The messages say which
 * gradients disagree, as a gradient check would, not which line is wrong.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "puzzles.h"

// Suite ex03 and its time limit are declared once, in test_backprop.c.

static const double sample[2] = {0.6, -0.8}, target = 1.0;

/* A 2-3-1 network with fixed, unremarkable weights. */
static Weights net_231(void)
{
    Weights w;
    weights_alloc(&w, 2, (const int[]){2, 3, 1});
    const double W1[] = {0.4, -0.7, 0.2, 0.9, 0.3, -0.5}, b1[] = {0.1, -0.2, 0.3}, W2[] = {0.8, -0.6, 0.5};
    memcpy(w.W[0].data, W1, sizeof W1), memcpy(w.b[0].data, b1, sizeof b1);
    memcpy(w.W[1].data, W2, sizeof W2), w.b[1].data[0] = -0.1;
    return w;
}

static double loss(const Weights *w)
{
    double z = w->b[1].data[0];
    for (int j = 0; j < 3; j++) {
        const double zj = w->b[0].data[j] + sample[0] * w->W[0].data[j] + sample[1] * w->W[0].data[3 + j];
        z += w->W[1].data[j] / (1.0 + exp(-zj));
    }
    const double y = 1.0 / (1.0 + exp(-z));
    return 0.5 * (y - target) * (y - target);
}

/* The four parameter matrices of w, in the order of names[]. */
static const char *const names[4] = {"dW1", "db1", "dW2", "db2"};
static Mat *param(Weights *w, int p)
{
    return p % 2 ? &w->b[p / 2] : &w->W[p / 2];
}

/* Central differences of the test's own loss, for every parameter. */
static void numeric_gradient(Weights *w, Weights *g)
{
    for (int p = 0; p < 4; p++)
        for (size_t i = 0; i < mat_size(param(w, p)); i++) {
            double *v = &param(w, p)->data[i];
            const double keep = *v, h = 1e-6;
            *v = keep + h;
            const double up = loss(w);
            *v = keep - h;
            const double down = loss(w);
            *v = keep;
            param(g, p)->data[i] = (up - down) / (2 * h);
        }
}

/* "dW1 (6 of 6 entries), db1 (3 of 3)": the groups where got and want differ, or "" when none. */
static void disagreeing(Weights *got, Weights *want, double tol, char *out, size_t size)
{
    out[0] = '\0';
    for (int p = 0; p < 4; p++) {
        size_t bad = 0, n = mat_size(param(got, p));
        for (size_t i = 0; i < n; i++) {
            const double a = param(got, p)->data[i], b = param(want, p)->data[i];
            bad += !(fabs(a - b) <= tol * fmax(1.0, fabs(b)));
        }
        if (bad)
            snprintf(out + strlen(out), size - strlen(out), "%s%s (%zu of %zu entries)", out[0] ? ", " : "",
                     names[p], bad, n);
    }
}

Test(ex03, backward_by_hand)
{
    Weights w = net_231(), g, fd;
    weights_alloc_like(&g, &w);
    weights_alloc_like(&fd, &w);
    backward_by_hand(&w, sample, target, &g);
    numeric_gradient(&w, &fd);
    char bad[200];
    disagreeing(&g, &fd, 1e-7, bad, sizeof bad);
    cr_assert(bad[0] == '\0', "your backward_by_hand disagrees with the finite difference at %s; the other "
              "gradients agree. Hint: the gradients that agree share some of the lines with the ones that "
              "do not; the bug is in a line only the wrong ones use. Compare it with the chain rule of "
              "\"By hand\".", bad);
    weights_free(&w), weights_free(&g), weights_free(&fd);
}

Test(ex03, train_step_by_hand)
{
    // One step must move every parameter by -lr times its gradient, here from finite differences.
    const double lr = 0.5;
    Weights w = net_231(), want, fd;
    weights_alloc_like(&want, &w);
    weights_alloc_like(&fd, &w);
    numeric_gradient(&w, &fd);
    for (int p = 0; p < 4; p++)
        mat_add_scaled(param(&want, p), param(&w, p), -lr, param(&fd, p));
    const double E = loss(&w), got = train_step_by_hand(&w, sample, target, lr);
    cr_assert(fabs(got - E) < 1e-12, "train_step_by_hand returned E = %.12g, expected %.12g. Hint: the loss "
              "before the step.", got, E);
    // The differences are of a gradient times lr: scale the tolerance to that.
    Weights moved;
    weights_alloc_like(&moved, &w);
    for (int p = 0; p < 4; p++)
        mat_sub(param(&moved, p), param(&w, p), param(&want, p));
    for (int p = 0; p < 4; p++)
        mat_fill(param(&want, p), 0.0);
    char bad[200];
    disagreeing(&moved, &want, 1e-7, bad, sizeof bad);
    cr_assert(bad[0] == '\0', "your train_step_by_hand does not move every parameter by -lr times its "
              "gradient: the finite difference disagrees at %s. Hint: each gradient is correct for the "
              "weights the forward pass used; does the step still use those weights everywhere?", bad);
    weights_free(&w), weights_free(&want), weights_free(&fd), weights_free(&moved);
}
