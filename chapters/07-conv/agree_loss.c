/*
 * Chapter 07's loss (net_loss() in network.c) against common/loss.h, chapter
 * 04's lesson, which it uses: the loss and the softmax are common's, and the
 * gradient (y - t) / B divides where loss_softmax_backward() multiplies by
 * 1/B. The two agree to the bit when B is a power of 2 and within one unit in
 * the last place otherwise. `make check` runs these against the reference only.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "network.h"
#include "../../common/alloc.h"
#include "../../common/loss.h"
#include "../../common/rng.h"

TestSuite(agree07, .timeout = 10.0);

enum { K = 10 };

/* net_loss() and common's softmax, cross-entropy and (Y - T) / B on the same B random logits: the loss must be
 * the same bits; returns the largest difference of the gradients in units of the last place. */
static double ulps_apart(int B)
{
    Rng rng;
    rng_seed(&rng, (uint64_t)B);
    Mat Z = mat_new(B, K), D = mat_new(B, K), Y = mat_new(B, K);
    int *labels = nn_alloc((size_t)B, sizeof(int), "the labels");
    for (size_t i = 0; i < mat_size(&Z); i++)
        Z.data[i] = rng_range(&rng, -8, 8);
    for (int k = 0; k < B; k++)
        labels[k] = (int)rng_below(&rng, K);
    const double E = net_loss(Z.data, labels, B, K, D.data), Ec = loss_cross_entropy(&Z, labels);
    cr_assert(memcmp(&E, &Ec, sizeof E) == 0, "B = %d: net_loss %.17g, loss_cross_entropy %.17g", B, E, Ec);
    loss_softmax(&Y, &Z);
    loss_softmax_backward(&Y, &Y, labels);
    double worst = 0;
    for (size_t i = 0; i < mat_size(&D); i++)
        worst = fmax(worst, fabs(D.data[i] - Y.data[i]) / (nextafter(fabs(Y.data[i]), INFINITY) - fabs(Y.data[i])));
    mat_free(&Z), mat_free(&D), mat_free(&Y);
    free(labels);
    return worst;
}

Test(agree07, gradient_to_the_bit_for_batches_of_a_power_of_2)
{
    for (int B = 1; B <= 64; B *= 2)
        cr_assert(ulps_apart(B) == 0, "B = %d: net_loss's dE/dZ differs from loss_softmax_backward's", B);
}

Test(agree07, gradient_within_an_ulp_for_other_batches)
{
    for (int B = 3; B <= 500; B += 71)
        cr_assert(ulps_apart(B) <= 1, "B = %d: net_loss's dE/dZ is %g ulps from loss_softmax_backward's", B,
                  ulps_apart(B));
}
