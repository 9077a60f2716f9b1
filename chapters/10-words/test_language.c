/*
 * Tests of chapter 10's functions. `make check` runs them against the
 * reference language.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex10` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "../../common/loss.h"
#include "counting.h"
#include "language.h"
#include "mlp.h"

TestSuite(ex10, .timeout = 10.0);

/* The pairs of ".ab." and ".aa.": (. a) (a b) (b .) (. a) (a a) (a .) */
static const int PREV[] = {0, 1, 2, 0, 1, 1}, NEXT[] = {1, 2, 0, 1, 1, 0};

Test(ex10, bigram_count)
{
    static Counts C;
    memset(&C, 0, sizeof C);
    C.n[3][4] = 7;                                // already there: the function adds to the table
    bigram_count(&C, PREV, NEXT, 6);
    cr_assert(C.n[0][1] == 2 && C.n[1][2] == 1 && C.n[1][1] == 1 && C.n[1][0] == 1 && C.n[2][0] == 1,
              "the pairs of .ab. and .aa. counted: N[.][a] = %g (expected 2), N[a][b] = %g, N[a][a] = %g, "
              "N[a][.] = %g, N[b][.] = %g (expected 1 each). Hint: counts[prev[k]][next[k]] += 1 for each k.",
              C.n[0][1], C.n[1][2], C.n[1][1], C.n[1][0], C.n[2][0]);
    double total = 0;
    for (int a = 0; a < VOCAB; a++)
        for (int b = 0; b < VOCAB; b++)
            total += C.n[a][b];
    cr_assert(total == 13 && C.n[3][4] == 7, "the table holds %g in all (expected the 6 pairs and the 7 already there). "
              "Hint: add to the table, do not clear it.", total);
}

Test(ex10, bigram_nll)
{
    static Counts C;
    memset(&C, 0, sizeof C);
    bigram_count(&C, PREV, NEXT, 6);             // (your bigram_count: make it pass first)
    // add-one: row '.' has 2 pairs, so P(a | .) = (2 + 1) / (2 + 27); row a has 3: P(b | a) = 2/30, ...
    const double want = -(2 * log(3.0 / 29) + log(2.0 / 30) + log(2.0 / 30) + log(2.0 / 30) + log(2.0 / 28)) / 6;
    const double got = bigram_nll(&C, 1.0, PREV, NEXT, 6);
    cr_assert(fabs(got - want) < 1e-12, "the mean -log P(next | prev) of the 6 pairs with add-one smoothing: got %.10g, "
              "expected %.10g. Hint: %s", got, want,
              fabs(got - 6 * want) < 1e-9 ? "that is the sum: the loss is the mean over the pairs."
              : fabs(got * log(2.0) - want) < 1e-9 ? "that is in bits: the loss is in nats, with log, not log2."
              : "P(b | a) = (n_ab + s) / (n_a + 27 s), with n_a the sum of row a.");
    const double raw = bigram_nll(&C, 0.0, PREV, NEXT, 6);
    const double raw_want = -(2 * log(1.0) + log(1.0 / 3) + log(1.0 / 3) + log(1.0 / 3) + log(1.0)) / 6;
    cr_assert(fabs(raw - raw_want) < 1e-12, "without smoothing (s = 0): got %.10g, expected %.10g. Hint: s multiplies "
              "the 27 in the denominator too.", raw, raw_want);
}

Test(ex10, bigram_as_weights)
{
    static Counts C;
    for (int a = 0; a < VOCAB; a++)
        for (int b = 0; b < VOCAB; b++)
            C.n[a][b] = (a * 7 + b * 3) % 11;     // some zeros, some large
    Mat W = mat_new(VOCAB, VOCAB), Y = mat_new(VOCAB, VOCAB);
    bigram_as_weights(&W, &C, 0.5);
    loss_softmax(&Y, &W);
    for (int a = 0; a < VOCAB; a++) {
        double row = 0;
        for (int b = 0; b < VOCAB; b++)
            row += C.n[a][b];
        for (int b = 0; b < VOCAB; b++) {
            const double p = (C.n[a][b] + 0.5) / (row + VOCAB * 0.5), y = mat_get(&Y, a, b);
            cr_assert(fabs(y - p) < 1e-12, "softmax of row %d of your W, entry %d, is %.10g; the counting model (add-0.5) "
                      "gives %.10g. Hint: softmax(w)_b = e^{w_b} / sum_j e^{w_j}, and P(b | a) already sums to 1.",
                      a, b, y, p);
        }
    }
    mat_free(&W), mat_free(&Y);
}

Test(ex10, embed_backward)
{
    // C is 27 x 2; two contexts of 3 ids, (5 8 7) and (4 6 9): every row used once
    const int once[] = {5, 8, 7, 4, 6, 9}, twice[] = {5, 0, 7, 0, 0, 9};
    Mat dX = mat_new(2, 6), dC = mat_new(VOCAB, 2);
    for (int i = 0; i < 12; i++)
        dX.data[i] = i + 1;                     // rows (1 2 | 3 4 | 5 6), (7 8 | 9 10 | 11 12)
    embed_backward(&dC, &dX, once, 2, 3);
    cr_assert(mat_get(&dC, 5, 0) == 1 && mat_get(&dC, 8, 1) == 4 && mat_get(&dC, 9, 0) == 11,
              "each row used once: dC[5] = (%g %g), dC[8] = (%g %g), dC[9] = (%g %g); expected (1 2), (3 4), (11 12): "
              "each piece of dX back at its row", mat_get(&dC, 5, 0), mat_get(&dC, 5, 1), mat_get(&dC, 8, 0),
              mat_get(&dC, 8, 1), mat_get(&dC, 9, 0), mat_get(&dC, 9, 1));
    // (5 0 7), (0 0 9): id 0 is looked up three times
    mat_fill(&dC, 0.0);
    embed_backward(&dC, &dX, twice, 2, 3);
    cr_assert(mat_get(&dC, 0, 0) == 3 + 7 + 9 && mat_get(&dC, 0, 1) == 4 + 8 + 10,
              "id 0 is looked up three times, with gradients (3 4), (7 8), (9 10): dC[0] must be their sum (19 22), "
              "got (%g %g). Hint: the loss depends on that row through all three uses.", mat_get(&dC, 0, 0),
              mat_get(&dC, 0, 1));
    // the table is not cleared: a second batch adds to what the first left
    embed_backward(&dC, &dX, once, 2, 3);
    cr_assert(mat_get(&dC, 5, 0) == 1 + 1 && mat_get(&dC, 0, 0) == 19, "after a second batch, dC[5] = (%g %g), "
              "expected (2 4): the first batch's (1 2) plus the second's. Hint: embed_backward adds to dC.",
              mat_get(&dC, 5, 0), mat_get(&dC, 5, 1));
    mat_free(&dX), mat_free(&dC);
}

/* The whole model's gradient (with your embed_backward) against central differences. */
Test(ex10, model_gradient)
{
    Rng rng;
    rng_seed(&rng, 5);
    Mlp m = mlp_new((MlpShape){3, 4, 6}), g = mlp_new(m.s);
    mlp_init(&m, &rng);
    for (size_t i = 0; i < m.n; i++)
        m.p[i] += 0.1 * rng_normal(&rng);       // biases and W2 away from their start
    const int x[] = {0, 0, 0, 0, 0, 3, 0, 3, 3, 3, 3, 9}, y[] = {3, 3, 9, 0};
    MlpCache c = mlp_cache(&m.s, 4);
    mlp_forward(&m, x, y, 4, &c);
    mlp_backward(&m, x, y, 4, &c, &g);
    double worst = 0;
    size_t where = 0;
    for (size_t i = 0; i < m.n; i++) {
        const double keep = m.p[i], h = 1e-5;
        m.p[i] = keep + h;
        const double up = mlp_forward(&m, x, y, 4, &c);
        m.p[i] = keep - h;
        const double down = mlp_forward(&m, x, y, 4, &c);
        m.p[i] = keep;
        const double num = (up - down) / (2 * h), d = fabs(num - g.p[i]) / fmax(fabs(num) + fabs(g.p[i]), 1e-8);
        if (d > worst)
            worst = d, where = i;
    }
    cr_assert(worst < 1e-6, "the model's gradient differs from central differences by %.2g (relative) at parameter %zu "
              "(%s). Hint: the contexts repeat ids (id 0 six times in the batch): your embed_backward.", worst, where,
              where < mat_size(&m.C) ? "a row of C" : "not C");
    mlp_cache_free(&c), mlp_free(&m), mlp_free(&g);
}

Test(ex10, sample_next)
{
    const double z[4] = {1.0, 3.0, 2.0, 3.0};
    Rng a, b;
    rng_seed(&a, 9);
    rng_seed(&b, 9);
    const int best = sample_next(z, 4, 0.0, &a);
    cr_assert(best == 1 && rng_next(&a) == rng_next(&b), "temperature 0: expected id 1 (the first of the two largest) "
              "and no random number drawn, got id %d%s", best, rng_next(&a) == rng_next(&b) ? "" : " (and rng moved)");
    // at T = 0.5 each draw is the spec's: one u, the first id whose running sum of softmax(z / T) passes it
    rng_seed(&a, 11);
    rng_seed(&b, 11);
    int count[4] = {0};
    for (int k = 0; k < 20000; k++) {
        double p[4], sum = 0, run = 0;
        for (int j = 0; j < 4; j++)
            sum += p[j] = exp((z[j] - 3.0) / 0.5);
        const double u = rng_uniform(&b) * sum;
        int want = 0;
        while ((run += p[want]) <= u)
            want++;
        const int got = sample_next(z, 4, 0.5, &a);
        count[got & 3]++;
        cr_assert(got == want, "draw %d at temperature 0.5: got id %d, the spec's draw is %d. Hint: softmax(z / T), "
                  "then the first id whose running sum of probabilities passes u = rng_uniform() (times their sum)",
                  k, got, want);
    }
    cr_assert(count[1] > 7000 && count[3] > 7000 && count[0] < 400, "frequencies %d %d %d %d", count[0], count[1],
              count[2], count[3]);
    // logits far from 0: exp() of them overflows unless the largest is taken off first
    const double huge[3] = {1000.0, 1001.0, 999.0};
    rng_seed(&a, 12);
    int n1 = 0;
    for (int k = 0; k < 3000; k++)
        n1 += sample_next(huge, 3, 1.0, &a) == 1;
    cr_assert(n1 > 1800 && n1 < 2200, "logits (1000, 1001, 999) at temperature 1: id 1 should come up %.0f%% of the "
              "time, it came up %d of 3000 times. Hint: e^1000 is infinite in a double: subtract the largest logit "
              "first, as chapter 04 does.", 100 / (1 + exp(-1.0) + exp(-2.0)), n1);
}
