/*
 * Tests of chapter 02's puzzles (puzzles.h). The network is evaluated and
 * trained here with loops.c and the test's own arithmetic, not with mlp.c,
 * so that a puzzle passes or fails on its own.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "loops.h"
#include "puzzles.h"

// Suite ex02 and its time limit are declared once, in test_mlp.c.

static const double x[] = {0, 0, 0, 1, 1, 0, 1, 1}, t[] = {0, 1, 1, 0};

static Weights net_221(void)
{
    Weights w;
    weights_alloc(&w, 2, (const int[]){2, 2, 1});
    return w;
}

/* The output of the 2-2-1 network for sample k. */
static double output(const Weights *w, int k)
{
    double z2 = w->b[1].data[0];
    for (int j = 0; j < 2; j++) {
        const double z1 = w->b[0].data[j] + x[2 * k] * w->W[0].data[j] + x[2 * k + 1] * w->W[0].data[2 + j];
        z2 += w->W[1].data[j] / (1.0 + exp(-z1));
    }
    return 1.0 / (1.0 + exp(-z2));
}

Test(ex02, xor_by_hand)
{
    Weights w = net_221();
    xor_by_hand(&w);
    for (int k = 0; k < 4; k++) {
        const double y = output(&w, k);
        cr_assert(t[k] == 1 ? y > 0.9 : y < 0.1, "input (%g, %g): the network outputs %.3g, XOR wants %s. "
                  "Hint: let each hidden unit draw one of the two lines of \"Why a hidden layer\", with "
                  "weights large enough (tens) that its sigmoid acts like a step; then the output unit "
                  "combines the two answers.", x[2 * k], x[2 * k + 1], y, t[k] == 1 ? "above 0.9" : "below 0.1");
    }
    weights_free(&w);
}

/* The tied start: every weight 0.5, every bias 0. */
static void tied(Weights *w)
{
    for (int l = 0; l < 2; l++) {
        mat_fill(&w->W[l], 0.5);
        mat_fill(&w->b[l], 0.0);
    }
}

static int changed_numbers(const Weights *a, const Weights *b)
{
    int n = 0;
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < mat_size(&a->W[l]); i++)
            n += a->W[l].data[i] != b->W[l].data[i];
        for (size_t i = 0; i < mat_size(&a->b[l]); i++)
            n += a->b[l].data[i] != b->b[l].data[i];
    }
    return n;
}

Test(ex02, break_the_tie)
{
    Weights start = net_221(), w = net_221();
    tied(&start);
    tied(&w);
    break_the_tie(&w);
    const int n = changed_numbers(&start, &w);
    cr_assert(n > 0, "you changed nothing, and from this start training never learns XOR. Hint: compare "
              "what the two hidden units compute, and the gradients backpropagation gives them.");
    cr_assert(n == 1, "you changed %d numbers of the start; the puzzle allows one. Hint: one is enough to "
              "tell the two hidden units apart.", n);
    double w1[4], b1[2], w2[2], b2 = w.b[1].data[0], E = 0.0;
    memcpy(w1, w.W[0].data, sizeof w1), memcpy(b1, w.b[0].data, sizeof b1), memcpy(w2, w.W[1].data, sizeof w2);
    for (int epoch = 0; epoch < 5000; epoch++)
        E = loops_train_step(4, 2, 2, x, t, 2.0, w1, b1, w2, &b2);
    cr_assert(E < 0.05, "from your start, 5000 steps of lr = 2 end at E = %.3g, not near 0: XOR is not learned. "
              "Hint: if the two hidden units still compute the same thing, the tie is not broken; if they "
              "differ, training found a local minimum: try another number or another size.", E);
    weights_free(&start), weights_free(&w);
}
