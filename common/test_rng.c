/* Unit tests of the seeded generator: reference values, ranges, moments. */
#include <criterion/criterion.h>
#include <math.h>

#include "rng.h"

TestSuite(rng, .timeout = 10.0);

Test(rng, xoshiro256starstar_reference_sequence)
{
    // The published algorithm started from state {1, 2, 3, 4}.
    Rng r = {.s = {1, 2, 3, 4}};
    const uint64_t want[] = {11520u, 0u, 1509978240u, 1215971899390074240u};
    for (int i = 0; i < 4; i++) {
        uint64_t got = rng_next(&r);
        cr_assert_eq(got, want[i], "output %d is %llu, expected %llu", i,
                     (unsigned long long)got, (unsigned long long)want[i]);
    }
}

Test(rng, seeding_uses_splitmix64)
{
    // splitmix64 from 0 first gives 0xE220A8397B1DCDAF: that must be the first state word.
    Rng r;
    rng_seed(&r, 0);
    cr_assert_eq(r.s[0], 0xE220A8397B1DCDAFu);
}

Test(rng, same_seed_same_numbers_other_seed_other_numbers)
{
    Rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
        double x = rng_normal(&a), y = rng_normal(&b), z = rng_normal(&c);
        cr_assert_eq(x, y, "draw %d differs for the same seed", i);
        differ += (x != z);
    }
    cr_assert_gt(differ, 95, "seeds 42 and 43 gave the same numbers");
}

Test(rng, uniform_range_and_mean)
{
    Rng r;
    rng_seed(&r, 7);
    double sum = 0.0;
    const int n = 100000;
    for (int i = 0; i < n; i++) {
        double u = rng_range(&r, -1.0, 1.0);
        cr_assert(u >= -1.0 && u < 1.0, "draw %g outside [-1, 1)", u);
        sum += u;
    }
    // the mean of n uniforms on [-1,1) has standard deviation sqrt(1/3n) ~ 0.0018
    cr_assert(fabs(sum / n) < 0.01, "mean %g, expected about 0", sum / n);
}

Test(rng, normal_moments)
{
    Rng r;
    rng_seed(&r, 1);
    const int n = 200000;
    double s1 = 0.0, s2 = 0.0;
    for (int i = 0; i < n; i++) {
        double z = rng_normal(&r);
        s1 += z;
        s2 += z * z;
    }
    double mean = s1 / n, var = s2 / n - mean * mean;
    cr_assert(fabs(mean) < 0.01, "mean %g, expected about 0", mean);
    cr_assert(fabs(var - 1.0) < 0.02, "variance %g, expected about 1", var);
}

Test(rng, below_is_in_range_and_covers_it)
{
    Rng r;
    rng_seed(&r, 3);
    int seen[6] = {0};
    for (int i = 0; i < 6000; i++) {
        uint64_t k = rng_below(&r, 6);
        cr_assert_lt(k, 6u);
        seen[k]++;
    }
    for (int k = 0; k < 6; k++)
        cr_assert(seen[k] > 850 && seen[k] < 1150, "value %d came %d times of 6000", k, seen[k]);
}

Test(rng, shuffle_is_a_permutation_and_follows_the_seed)
{
    int a[50], b[50], seen[50] = {0};
    for (int i = 0; i < 50; i++)
        a[i] = b[i] = i;
    Rng r, s;
    rng_seed(&r, 4);
    rng_seed(&s, 4);
    rng_shuffle(&r, a, 50);
    rng_shuffle(&s, b, 50);
    int moved = 0;
    for (int i = 0; i < 50; i++) {
        cr_assert(a[i] >= 0 && a[i] < 50 && !seen[a[i]]++, "a[%d] = %d is repeated or out of range", i, a[i]);
        cr_assert_eq(a[i], b[i], "the same seed gave another order at %d", i);
        moved += a[i] != i;
    }
    cr_assert(moved > 40, "only %d of 50 numbers moved", moved);
    // the first swap is a[49] with a[rng_below(50)]: Fisher-Yates from the end
    int c[3] = {0, 1, 2};
    rng_seed(&r, 9);
    rng_seed(&s, 9);
    const int j = (int)rng_below(&s, 3);
    rng_shuffle(&r, c, 3);
    cr_assert(j == 2 ? c[2] == 2 : c[2] == j, "the first draw picks the last element: expected %d at the end, got %d",
              j, c[2]);
    rng_shuffle(&r, c, 0);  // nothing to do, nothing touched
}
