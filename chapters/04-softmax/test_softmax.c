/*
 * Tests of chapter 04's functions. `make check` runs them against the
 * reference softmax.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex04` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "network.h"
#include "softmax.h"
#include "../../common/testutil.h"

TestSuite(ex04, .timeout = 10.0);

/* A B x K matrix from a list of values, row by row. */
static Mat mat_of(int B, int K, const double *v)
{
    Mat m = mat_new(B, K);
    memcpy(m.data, v, sizeof(double) * (size_t)B * (size_t)K);
    return m;
}

Test(ex04, softmax_rows)
{
    const double z[] = {1, 2, 3, 0, 0, 0, 1000, 1001, 1000};
    Mat Z = mat_of(3, 3, z), Y = mat_new(3, 3);
    softmax_rows(&Y, &Z);
    // e^1, e^2, e^3 over their sum; three equal logits; huge logits
    const double want[] = {0.090030573170380462, 0.24472847105479767, 0.66524095577481771,
                           1.0 / 3, 1.0 / 3, 1.0 / 3, 0.21194155761708547, 0.57611688476582912, 0.21194155761708547};
    for (int i = 0; i < 9; i++)
        cr_assert(fabs(Y.data[i] - want[i]) < 1e-12,
                  "Y[%d][%d]: got %g, expected %.6f (logits row %d: %s).%s", i / 3, i % 3, Y.data[i], want[i], i / 3,
                  i < 3 ? "1 2 3" : i < 6 ? "0 0 0" : "1000 1001 1000",
                  i >= 6 ? " Hint: exp(1000) overflows to infinity; what can you subtract from a row first?"
                         : " Hint: y_j = e^{z_j} / sum_i e^{z_i}, each row on its own.");
    softmax_rows(&Z, &Z); // in place
    cr_assert(fabs(Z.data[0] - want[0]) < 1e-12, "softmax_rows(Z, Z) (in place) gave %g, expected %.6f", Z.data[0],
              want[0]);
    mat_free(&Z), mat_free(&Y);
}

Test(ex04, cross_entropy)
{
    const double z[] = {1, 2, 3, 2, 0, -1};
    Mat Z = mat_of(2, 3, z);
    const int labels[] = {2, 1};
    // -log(0.66524) = 0.40761, -log(e^0 / (e^2 + e^0 + e^-1)) = 2.16985: the mean 1.28873
    const double got = cross_entropy(&Z, labels), want = (0.4076059644443803 + 2.1698460195562856) / 2;
    cr_assert(fabs(got - want) < 1e-12,
              "cross_entropy of the batch (1 2 3 | label 2), (2 0 -1 | label 1) returned %.10g, expected %.10g.%s", got,
              want, fabs(got - 2 * want) < 1e-9 ? " Hint: that is the sum; the loss is the mean over the batch."
                                                 : " Hint: E = mean over rows of m + log(sum_j e^(z_j - m)) - z_label, "
                                                   "m the row's largest logit.");
    const double far[] = {1000, 0};
    Mat F = mat_of(1, 2, far);
    const int wrong[] = {1};
    const double l = cross_entropy(&F, wrong);
    cr_assert(fabs(l - 1000) < 1e-9, "logits (1000, 0) with label 1 give a loss of 1000, got %g. Hint: %s", l,
              isfinite(l) ? "log(e^1000 + e^0) = 1000 + log(1 + e^-1000)."
                          : "exp(1000) overflows and log(0) is -infinity: use the log-softmax form, "
                            "m + log(sum_j e^(z_j - m)) - z_label with m the row's largest logit.");
    mat_free(&Z), mat_free(&F);
}

Test(ex04, softmax_ce_backward)
{
    const double y[] = {0.2, 0.3, 0.5, 0.6, 0.3, 0.1};
    Mat Y = mat_of(2, 3, y), dZ = mat_new(2, 3);
    mat_fill(&dZ, 99.0);
    const int labels[] = {2, 0};
    softmax_ce_backward(&dZ, &Y, labels);
    const double want[] = {0.1, 0.15, -0.25, -0.2, 0.15, 0.05}; // (Y - T) / 2
    for (int i = 0; i < 6; i++)
        cr_assert(fabs(dZ.data[i] - want[i]) < 1e-12,
                  "dZ[%d][%d]: got %g, expected %g. Hint: %s", i / 3, i % 3, dZ.data[i], want[i],
                  fabs(dZ.data[i] - 2 * want[i]) < 1e-12 ? "divide by the batch size B: the loss is a mean."
                                                          : "dZ = (Y - T) / B with T one-hot.");
    mat_free(&Y), mat_free(&dZ);
}

Test(ex04, softmax_ce_backward_vs_finite_differences)
{
    // Your softmax_ce_backward against a central difference of your cross_entropy.
    const double z[] = {0.3, -1.2, 2.0, 0.5, 0.1, 0.7, -0.4, 1.1};
    Mat Z = mat_of(2, 4, z), Y = mat_new(2, 4), dZ = mat_new(2, 4);
    const int labels[] = {1, 3};
    softmax_rows(&Y, &Z);
    softmax_ce_backward(&dZ, &Y, labels);
    for (int i = 0; i < 8; i++) {
        const double keep = Z.data[i], eps = 1e-5;
        Z.data[i] = keep + eps;
        const double up = cross_entropy(&Z, labels);
        Z.data[i] = keep - eps;
        const double down = cross_entropy(&Z, labels);
        Z.data[i] = keep;
        const double numeric = (up - down) / (2 * eps);
        cr_assert(fabs(dZ.data[i] - numeric) < 1e-8 && numeric != 0.0,
                  "dE/dZ[%d][%d]: your softmax_ce_backward gives %g, a finite difference of your cross_entropy "
                  "gives %g. %s", i / 4, i % 4, dZ.data[i], numeric,
                  numeric == 0.0 ? "Your cross_entropy does not change with Z: write it first."
                                 : "If the cross_entropy exercise passes, the suspect is softmax_ce_backward.");
    }
    mat_free(&Z), mat_free(&Y), mat_free(&dZ);
}

Test(ex04, count_correct)
{
    const double y[] = {0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.3, 0.3, 0.4, 0.2, 0.2, 0.6};
    Mat Y = mat_of(4, 3, y);
    const int labels[] = {1, 0, 0, 2};   // right, right (a tie: the first wins), wrong, right
    const int got = count_correct(&Y, labels);
    cr_assert(got == 3, "count_correct returned %d, expected 3. Hint: %s", got,
              got == 2 ? "row 1 ties 0.5 with 0.5: the first largest (column 0) is the prediction."
                       : "the prediction is the column of the row's largest output (argmax).");
    mat_free(&Y);
}

Test(ex04, softmax_regression_learns)
{
    // Three classes of 4-pixel "images", each class bright in its own pixel:
    // 30 steps of gradient descent must make the loss fall well below chance.
    Rng rng;
    rng_seed(&rng, 3);
    int labels[30];
    Mat X = test_bright_pixels(&rng, 30, 4, 3, labels);
    const int sizes[] = {4, 3};
    Weights net, grad;
    weights_alloc(&net, 1, sizes);
    weights_alloc_like(&grad, &net);
    Cache c = cache_new(30, &net);
    double first = 0.0, last = 0.0;
    for (int step = 0; step < 30; step++) {
        last = net_sgd_step(&net, &X, labels, 2.0, &c, &grad);
        if (step == 0)
            first = last;
    }
    const int right = count_correct(net_forward(&net, &X, &c), labels);
    cr_assert(fabs(first - log(3.0)) < 1e-9, "the first loss of a zero network on 3 classes was %g, expected log 3 = "
              "1.0986. Check softmax_rows and cross_entropy.", first);
    cr_assert(last < 0.5 * first, "after 30 steps the loss went from %g to %g: %s", first, last,
              last > first ? "it rose instead of falling: does softmax_ce_backward compute Y - T (not T - Y)?"
                           : "it hardly fell: check softmax_ce_backward.");
    cr_assert(right == 30, "after training, %d of 30 samples are classified right, expected all", right);
    cache_free(&c), weights_free(&net), weights_free(&grad), mat_free(&X);
}

Test(ex04, chance_loss)
{
    const double got = chance_loss(10);
    cr_assert(fabs(got - 2.302585092994046) < 1e-12,
              "chance_loss(10) returned %g, expected about 2.3026. Hint: if all ten outputs are equal, what is each?", got);
    // It is also what your cross_entropy says of all-zero logits (a network with zero weights).
    Mat Z = mat_new(3, 10);
    const int labels[] = {0, 4, 9};
    const double ce = cross_entropy(&Z, labels);
    cr_assert(fabs(ce - got) < 1e-12, "all-zero logits: your cross_entropy gives %g but your chance_loss %g; they "
              "should agree", ce, got);
    mat_free(&Z);
}

Test(ex04, shuffle)
{
    // Shuffle (0, 1, 2) 60000 times: each of the 6 orders should come up about
    // 10000 times (one standard deviation is about 91).
    Rng rng;
    rng_seed(&rng, 7);
    int count[6] = {0};
    for (int trial = 0; trial < 60000; trial++) {
        int a[3] = {0, 1, 2};
        shuffle(a, 3, &rng);
        cr_assert(a[0] + a[1] + a[2] == 3 && a[0] != a[1] && a[1] != a[2] && a[0] != a[2],
                  "shuffle turned (0, 1, 2) into (%d, %d, %d): not a reordering", a[0], a[1], a[2]);
        count[a[0] * 2 + (a[1] > a[2])]++;    // the 6 orders, numbered by first element, then the rest's order
    }
    static const char *const order[6] = {"(0, 1, 2)", "(0, 2, 1)", "(1, 0, 2)", "(1, 2, 0)", "(2, 0, 1)", "(2, 1, 0)"};
    for (int p = 0; p < 6; p++)
        cr_assert(abs(count[p] - 10000) < 500,
                  "the order %s came up %d times in 60000 shuffles of (0, 1, 2), expected 10000 +- 500. %s", order[p],
                  count[p], count[p] == 0 ? "Hint: an order that never comes up: can every element end up in every place?"
                                          : "Hint: count the equally likely ways your loop can run for n = 3: "
                                            "can they be shared equally among the 6 orders?");
    int big[100];
    for (int k = 0; k < 100; k++)
        big[k] = k;
    shuffle(big, 100, &rng);
    int seen[100] = {0}, moved = 0;
    for (int k = 0; k < 100; k++)
        seen[big[k]]++, moved += big[k] != k;
    for (int k = 0; k < 100; k++)
        cr_assert(seen[k] == 1, "after shuffling 0..99, %d appears %d times", k, seen[k]);
    cr_assert(moved > 50, "shuffling 0..99 left %d of 100 in place", 100 - moved);
    shuffle(big, 1, &rng); // n = 1 and n = 0 must not touch anything
    shuffle(big, 0, &rng);
}
