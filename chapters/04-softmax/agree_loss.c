/*
 * Chapter 04's softmax and cross-entropy (softmax.c, the lesson) against
 * common/loss.h, the same arithmetic written once for the chapters after this
 * one: they must give the same numbers to the last bit, on logits of every
 * spread. `make check` runs these against the reference only (never against
 * the learner's exercises.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "softmax.h"
#include "../../common/loss.h"

TestSuite(agree04, .timeout = 10.0);

enum { B = 64, K = 10 };

/* Logits of every spread, from 1e-6 to 1e200 (exp(800) overflows: the row's maximum must go first), some rows
 * shifted far from 0, a row of ties and a row whose two largest tie; and a label for each row. */
static Mat logits(int *labels)
{
    static const double spread[] = {1e-6, 1, 30, 800, 1e5, 1e200};
    Rng rng;
    rng_seed(&rng, 21);
    Mat Z = mat_new(B, K);
    for (int k = 0; k < B; k++) {
        const double s = spread[k % 6], shift = k % 3 == 0 ? rng_range(&rng, -1e3, 1e3) : 0.0;
        for (int j = 0; j < K; j++)
            mat_set(&Z, k, j, shift + rng_range(&rng, -s, s));
        labels[k] = (int)rng_below(&rng, K);
    }
    for (int j = 0; j < K; j++)
        mat_set(&Z, B - 1, j, 2.5), mat_set(&Z, B - 2, j, j == 3 || j == 7 ? 4.0 : -1.0);
    labels[B - 1] = 0, labels[B - 2] = 7;
    return Z;
}

/* The first element where a and b differ in any bit (-0 and 0 too), or -1. */
static int first_difference(const Mat *a, const Mat *b)
{
    for (size_t i = 0; i < mat_size(a); i++)
        if (memcmp(&a->data[i], &b->data[i], sizeof(double)) != 0)
            return (int)i;
    return -1;
}

Test(agree04, softmax)
{
    int labels[B];
    Mat Z = logits(labels), Y = mat_new(B, K), Yc = mat_new(B, K);
    softmax_rows(&Y, &Z);
    loss_softmax(&Yc, &Z);
    const int i = first_difference(&Y, &Yc), at = i < 0 ? 0 : i;
    cr_assert(i < 0, "softmax_rows gives Y[%d][%d] = %.17g, common/loss.h's loss_softmax %.17g", i / K, i % K,
              Y.data[at], Yc.data[at]);
    mat_free(&Z), mat_free(&Y), mat_free(&Yc);
}

Test(agree04, cross_entropy)
{
    int labels[B];
    Mat Z = logits(labels);
    const double E = cross_entropy(&Z, labels), Ec = loss_cross_entropy(&Z, labels);
    cr_assert(memcmp(&E, &Ec, sizeof E) == 0, "cross_entropy gives %.17g, common/loss.h's loss_cross_entropy %.17g",
              E, Ec);
    for (int k = 0; k < B; k++) {       // and each row alone, whose loss may be as large as 1e200
        Mat row = mat_rows(&Z, k, 1);
        const double e = cross_entropy(&row, &labels[k]), ec = loss_cross_entropy(&row, &labels[k]);
        cr_assert(memcmp(&e, &ec, sizeof e) == 0, "row %d: cross_entropy gives %.17g, loss_cross_entropy %.17g", k, e,
                  ec);
    }
    mat_free(&Z);
}

Test(agree04, softmax_ce_backward)
{
    int labels[B];
    Mat Z = logits(labels), Y = mat_new(B, K), dZ = mat_new(B, K), dZc = mat_new(B, K);
    softmax_rows(&Y, &Z);
    softmax_ce_backward(&dZ, &Y, labels);
    loss_softmax_backward(&dZc, &Y, labels);
    const int i = first_difference(&dZ, &dZc), at = i < 0 ? 0 : i;
    cr_assert(i < 0, "softmax_ce_backward gives dZ[%d][%d] = %.17g, common/loss.h's loss_softmax_backward %.17g",
              i / K, i % K, dZ.data[at], dZc.data[at]);
    mat_free(&Z), mat_free(&Y), mat_free(&dZ), mat_free(&dZc);
}

Test(agree04, count_correct)
{
    int labels[B];
    Mat Z = logits(labels), Y = mat_new(B, K);
    softmax_rows(&Y, &Z);
    const int right = count_correct(&Y, labels), right_c = loss_count_correct(&Y, labels);
    cr_assert(right == right_c, "count_correct counts %d rows right, common/loss.h's loss_count_correct %d", right,
              right_c);
    cr_assert(right > 0 && right < B, "%d of %d rows right: the test's labels should make some right, some wrong",
              right, B);
    mat_free(&Z), mat_free(&Y);
}
