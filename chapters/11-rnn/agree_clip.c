/* The chapter's clipping against common/optim.h's, which later chapters use: the same bits. */
#include <criterion/criterion.h>

#include "../../common/optim.h"
#include "../../common/rng.h"
#include "rnn.h"

TestSuite(agree, .timeout = 10.0);

Test(agree, clip_global_norm_is_optim_clip_global_norm)
{
    Rng r;
    rng_seed(&r, 4);
    double a[1000], b[1000];
    for (int trial = 0; trial < 50; trial++) {
        const size_t n = 1 + rng_below(&r, 1000);
        const double scale = trial % 5 == 0 ? 1e-3 : trial % 5 == 1 ? 1e3 : 1.0, c = trial % 7 == 0 ? 0.0 : 1.0;
        for (size_t i = 0; i < n; i++)
            a[i] = b[i] = scale * rng_normal(&r);
        const double na = clip_global_norm(a, n, c), nb = optim_clip_global_norm(b, n, c);
        cr_assert(na == nb, "trial %d: norms %.17g and %.17g", trial, na, nb);
        for (size_t i = 0; i < n; i++)
            cr_assert(a[i] == b[i], "trial %d, number %zu: %.17g and %.17g", trial, i, a[i], b[i]);
    }
}
