/*
 * Tests of chapter 09's exercises: pure functions, no MPI. `make check` runs
 * them against the reference share.c (all must pass) and against the shipped
 * exercises.c (all must fail); `make ex09` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "share.h"

TestSuite(ex09, .timeout = 10.0);

Test(ex09, share_of_even)
{
    int first = -1, count = -1;
    for (int r = 0; r < 4; r++) {
        share_of(32, 4, r, &first, &count);
        cr_assert(first == 8 * r && count == 8, "a batch of 32 on 4 ranks: rank %d got samples %d..%d (%d of them), "
                  "expected %d..%d. Hint: each rank takes B / P = 8, rank r after the r shares before it.", r, first,
                  first + count - 1, count, 8 * r, 8 * r + 7);
    }
}

Test(ex09, share_of_uneven_covers_the_batch_once)
{
    const int cases[][2] = {{10, 4}, {32, 3}, {7, 7}, {100, 6}, {5, 1}, {33, 32}, {3, 4}};  // (a last batch may be small)
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const int B = cases[c][0], P = cases[c][1];
        int next = 0, smallest = B, largest = 0;
        for (int r = 0; r < P; r++) {
            int first = -1, count = -1;
            share_of(B, P, r, &first, &count);
            cr_assert(first == next, "B = %d on P = %d ranks: rank %d starts at %d, but rank %d ended at %d. Hint: the "
                      "shares are contiguous, in rank order, with no gap and no overlap.", B, P, r, first, r - 1,
                      next - 1);
            next = first + count;
            smallest = count < smallest ? count : smallest;
            largest = count > largest ? count : largest;
        }
        cr_assert(next == B, "B = %d on P = %d ranks: the shares end at %d, not at %d: %s", B, P, next, B,
                  next < B ? "samples are left out (the B mod P left over?)" : "they run past the batch");
        cr_assert(largest - smallest <= 1, "B = %d on P = %d ranks: shares of %d and %d samples; they may differ by "
                  "one at most (give the B mod P left over one each to the first ranks).", B, P, smallest, largest);
    }
    int first, count;
    share_of(10, 4, 0, &first, &count);
    cr_assert(count == 3, "B = 10 on 4 ranks: rank 0 must take one of the 2 left over, 3 samples; it takes %d.", count);
}

Test(ex09, average)
{
    double g[3] = {32.0, -8.0, 1.0};
    average(g, 3, 32);
    cr_assert(g[0] == 1.0 && g[1] == -0.25 && g[2] == 1.0 / 32,
              "the sums 32, -8, 1 of a batch of 32 became %g, %g, %g; expected 1, -0.25, 0.03125: the mean loss is "
              "(1/B) times the sum, and so is its gradient.", g[0], g[1], g[2]);
}

Test(ex09, ring_allreduce_seconds)
{
    const double one = ring_allreduce_seconds(1e6, 1, 25e-6, 1.25e9);
    cr_assert(one == 0.0, "one machine has nothing to send: expected 0 ms, got %g ms. Hint: 2 (P - 1) steps.", 1e3 * one);
    const double lat = ring_allreduce_seconds(0.0, 8, 25e-6, 1.25e9);
    cr_assert(fabs(lat - 14 * 25e-6) < 1e-15, "0 bytes on 8 machines, 25 us a message: expected 2 (8 - 1) = 14 "
              "messages, 0.35 ms; got %g ms. Hint: count the steps: P - 1 to add the pieces up, P - 1 to bring "
              "the sums back.", 1e3 * lat);
    const double two = ring_allreduce_seconds(1e6, 2, 0.0, 1e9);
    cr_assert(fabs(two - 1e-3) < 1e-15, "1 MB on 2 machines at 1 GB/s and no latency: expected 2 steps of 0.5 MB "
              "each, 1 ms; got %g ms. Hint: each step sends one piece, bytes / P, at the bandwidth.", 1e3 * two);
    const double big = ring_allreduce_seconds(64e6, 64, 25e-6, 1.25e9), want = 126 * (25e-6 + 1e6 / 1.25e9);
    cr_assert(fabs(big - want) < 1e-12, "64 MB on 64 machines: expected %.3f ms, got %.3f ms.", 1e3 * want, 1e3 * big);
}
