/*
 * Tests of chapter 07's loops. `make check` runs them against the reference
 * conv.c (all must pass) and against the shipped stubs of exercises.c (all
 * must fail); `make ex07` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "conv.h"
#include "layers.h"
#include "../../common/rng.h"

TestSuite(ex07, .timeout = 10.0);

static double *random_array(int n, Rng *rng)
{
    double *a = malloc(sizeof(double) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        a[i] = rng_range(rng, -1, 1);
    return a;
}

Test(ex07, direct_by_hand)
{
    // one 3x3 channel, one 2x2 kernel [[1, 2], [3, 4]], bias 10, valid: a 2x2 output
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, K[] = {1, 2, 3, 4}, b[] = {10};
    const double want[] = {10 + 1 + 4 + 12 + 20, 10 + 2 + 6 + 15 + 24, 10 + 4 + 10 + 21 + 32, 10 + 5 + 12 + 24 + 36};
    double y[4] = {NAN, NAN, NAN, NAN};
    ConvShape s = {.C = 1, .H = 3, .W = 3, .O = 1, .k = 2, .pad = 0};
    conv_forward_direct(&s, x, K, b, y);
    for (int q = 0; q < 4; q++)
        cr_assert(fabs(y[q] - want[q]) < 1e-12,
                  "image 1..9 (3x3), kernel [[1,2],[3,4]], bias 10: y[%d][%d] is %g, expected %g. Hint: %s",
                  q / 2, q % 2, y[q], want[q],
                  isnan(y[q]) ? "nothing was written there (the output starts as NaN): y(o, i, j) is "
                                "y[(o * H' + i) * W' + j], H' and W' from conv_out_h() and conv_out_w()."
                              : "y(i,j) = b + sum over u, v of K(u,v) x(i+u, j+v); did you add the bias?");
}

Test(ex07, direct_equals_im2col)
{
    // odd sizes, several channels, valid and same padding
    const ConvShape shapes[] = {{3, 7, 5, 4, 3, 0}, {2, 6, 6, 3, 5, 2}, {1, 5, 8, 2, 3, 1}, {4, 4, 4, 2, 1, 0}};
    Rng rng;
    rng_seed(&rng, 7);
    for (int t = 0; t < 4; t++) {
        const ConvShape *s = &shapes[t];
        const int n_in = s->C * s->H * s->W, n_out = s->O * conv_out_h(s) * conv_out_w(s);
        const int n_k = s->O * s->C * s->k * s->k;
        double *x = random_array(n_in, &rng), *K = random_array(n_k, &rng), *b = random_array(s->O, &rng);
        double *y = random_array(n_out, &rng), *ref = random_array(n_out, &rng);
        double *cols = random_array(s->C * s->k * s->k * conv_out_h(s) * conv_out_w(s), &rng);
        conv_forward_im2col(s, x, K, b, cols, ref);
        conv_forward_direct(s, x, K, b, y);
        for (int q = 0; q < n_out; q++)
            cr_assert(fabs(y[q] - ref[q]) <= 1e-12 * (1 + fabs(ref[q])),
                      "C=%d, %dx%d, O=%d, k=%d, padding %d: y[%d] is %g, the im2col product gives %g. Hint: %s",
                      s->C, s->H, s->W, s->O, s->k, s->pad, q, y[q], ref[q],
                      s->pad ? "with padding the input pixel is (i + u - p, j + v - p), and outside the image it is 0."
                             : "sum over every input channel c, and K's index is ((o C + c) k + u) k + v.");
        free(x), free(K), free(b), free(y), free(ref), free(cols);
    }
}

Test(ex07, maxpool_values_and_ties)
{
    // one 4x5 channel: the last column is dropped; window (0,1) has a tie of 7s
    const double x[] = {1, 9, 7, 7, 100,
                        3, 2, 1, 0, 100,
                        -5, -6, 4, 4, 100,
                        -7, -8, 4, 4, 100};
    double y[4] = {NAN, NAN, NAN, NAN};
    int arg[4] = {-1, -1, -1, -1};
    maxpool_forward(1, 4, 5, x, y, arg);
    const double want[] = {9, 7, -5, 4};
    const int want_arg[] = {1, 2, 10, 12};
    for (int q = 0; q < 4; q++) {
        cr_assert(y[q] == want[q], "max-pool of a 4x5 channel: output %d is %g, expected %g. Hint: window (i, j) "
                  "covers rows 2i, 2i+1 and columns 2j, 2j+1; a last odd column is left out.", q, y[q], want[q]);
        cr_assert(arg[q] == want_arg[q], "max-pool: argmax[%d] is %d, expected %d (the index in x of the winner%s).",
                  q, arg[q], want_arg[q], q == 1 || q == 3 ? "; on a tie the first in reading order wins" : "");
    }
}

Test(ex07, maxpool_channels)
{
    double x[2 * 2 * 2] = {1, 2, 3, 4, 8, 7, 6, 5}, y[2] = {NAN, NAN};
    int arg[2] = {-1, -1};
    maxpool_forward(2, 2, 2, x, y, arg);
    cr_assert(y[0] == 4 && y[1] == 8 && arg[0] == 3 && arg[1] == 4,
              "two 2x2 channels (1 2 3 4) and (8 7 6 5): got %g (at %d) and %g (at %d), expected 4 (at 3) and "
              "8 (at 4). Hint: channel c starts at c H W in x and at c (H/2)(W/2) in y.", y[0], arg[0], y[1], arg[1]);
}

Test(ex07, weight_grad_by_finite_differences)
{
    // E = sum of w_q y_q for fixed random w: dE/dy = w, and dE/dK, dE/db by central differences
    const ConvShape shapes[] = {{2, 5, 6, 3, 3, 1}, {3, 6, 5, 2, 2, 0}};
    Rng rng;
    rng_seed(&rng, 8);
    for (int t = 0; t < 2; t++) {
        const ConvShape *s = &shapes[t];
        const int n_in = s->C * s->H * s->W, n_out = s->O * conv_out_h(s) * conv_out_w(s);
        const int n_k = s->O * s->C * s->k * s->k;
        double *x = random_array(n_in, &rng), *K = random_array(n_k, &rng), *b = random_array(s->O, &rng);
        double *w = random_array(n_out, &rng), *y = random_array(n_out, &rng);
        double *cols = random_array(s->C * s->k * s->k * conv_out_h(s) * conv_out_w(s), &rng);
        double *dK = calloc((size_t)n_k, sizeof(double)), *db = calloc((size_t)s->O, sizeof(double));
        conv_weight_grad(s, x, w, dK, db);
        for (int i = 0; i < n_k + s->O; i++) {
            double *p = i < n_k ? &K[i] : &b[i - n_k], keep = *p, e[2];
            for (int side = 0; side < 2; side++) {
                *p = keep + (side ? -1e-6 : 1e-6);
                conv_forward_im2col(s, x, K, b, cols, y);
                e[side] = 0;
                for (int q = 0; q < n_out; q++)
                    e[side] += w[q] * y[q];
            }
            *p = keep;
            const double numeric = (e[0] - e[1]) / 2e-6, got = i < n_k ? dK[i] : db[i - n_k];
            cr_assert(fabs(got - numeric) <= 1e-6 * (1 + fabs(numeric)),
                      "C=%d, %dx%d, O=%d, k=%d, padding %d: d%s[%d] is %g, finite differences give %g. Hint: %s",
                      s->C, s->H, s->W, s->O, s->k, s->pad, i < n_k ? "K" : "b", i < n_k ? i : i - n_k, got, numeric,
                      i < n_k ? "each dy(o,i,j) times the input pixel its kernel entry met in the forward pass"
                              : "db(o) is the sum of dy over output channel o's pixels");
        }
        // it adds: a second call doubles the gradient
        conv_weight_grad(s, x, w, dK, db);
        double *dK1 = calloc((size_t)n_k, sizeof(double)), *db1 = calloc((size_t)s->O, sizeof(double));
        conv_weight_grad(s, x, w, dK1, db1);
        cr_assert(fabs(dK[0] - 2 * dK1[0]) < 1e-12 * (1 + fabs(dK1[0])) && fabs(db[0] - 2 * db1[0]) < 1e-12 * (1 + fabs(db1[0])),
                  "conv_weight_grad must add to dK and db (a batch sums its images' gradients), not overwrite them.");
        free(x), free(K), free(b), free(w), free(y), free(cols), free(dK), free(db), free(dK1), free(db1);
    }
}
