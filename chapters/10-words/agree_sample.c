/* The chapter's sampling and counting model against common/sample.h, which the chapters after it use. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "../../common/sample.h"
#include "language.h"

TestSuite(agree, .timeout = 10.0);

Test(agree, sample_next_is_sample_logits)
{
    Rng a, b;
    rng_seed(&a, 3);
    rng_seed(&b, 3);
    double z[VOCAB];
    for (int k = 0; k < 2000; k++) {
        for (int j = 0; j < VOCAB; j++)
            z[j] = rng_normal(&a) * 3, rng_normal(&b);
        const double T = k % 4 == 0 ? 0.0 : 0.25 * (k % 4) + 0.1;
        const int x = sample_next(z, VOCAB, T, &a), y = sample_logits(z, VOCAB, T, &b);
        cr_assert_eq(x, y, "draw %d at temperature %g: %d and %d", k, T, x, y);
    }
}

Test(agree, bigram_nll_is_bigram_baseline)
{
    static Counts C;
    int prev[500], next[500];
    Rng r;
    rng_seed(&r, 8);
    for (int k = 0; k < 500; k++)
        prev[k] = (int)rng_below(&r, VOCAB), next[k] = (int)rng_below(&r, 9);
    memset(&C, 0, sizeof C);
    bigram_count(&C, prev, next, 400);
    const double mine = bigram_nll(&C, 1.0, prev + 400, next + 400, 100);
    const double common = bigram_baseline(VOCAB, prev, next, 400, 1.0, prev + 400, next + 400, 100);
    cr_assert(fabs(mine - common) <= 1e-15 * fabs(mine), "%.17g and %.17g", mine, common);
}
