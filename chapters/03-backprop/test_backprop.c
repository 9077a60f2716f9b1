/*
 * Tests of chapter 03's functions. `make check` runs them against the
 * reference backprop.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex03` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "backprop.h"
#include "gradcheck.h"
#include "network.h"
#include "../../common/testutil.h"

TestSuite(ex03, .timeout = 10.0);

/* N random samples: inputs in [-1, 1], targets 0 or 1. */
static void random_data(Mat *X, Mat *T, int N, int n_in, int n_out, uint64_t seed)
{
    Rng r;
    rng_seed(&r, seed);
    *X = mat_new(N, n_in);
    *T = mat_new(N, n_out);
    for (size_t i = 0; i < mat_size(X); i++)
        X->data[i] = rng_range(&r, -1, 1);
    for (size_t i = 0; i < mat_size(T); i++)
        T->data[i] = (double)rng_below(&r, 2);
}

/* A random network with room for its gradient, N random samples, and a cache. */
typedef struct {
    Weights w, g;
    Mat X, T;
    Cache c;
} Fixture;

static Fixture fixture(int n_layers, const int *sizes, int N, uint64_t net_seed, uint64_t data_seed)
{
    Fixture f = {.w = test_random_net(n_layers, sizes, net_seed, 1.0, 0.5)};
    weights_alloc_like(&f.g, &f.w);
    random_data(&f.X, &f.T, N, sizes[0], sizes[n_layers], data_seed);
    f.c = cache_new(N, &f.w);
    return f;
}

static void fixture_free(Fixture *f)
{
    cache_free(&f->c), weights_free(&f->w), weights_free(&f->g), mat_free(&f->X), mat_free(&f->T);
}

Test(ex03, relative_error)
{
    cr_assert_float_eq(relative_error(1.0, 1.1, 1e-6), 0.1 / 1.1, 1e-15,
                       "relative_error(1, 1.1) = %g, expected 0.1/1.1 = %g. Hint: |a - n| / max(|a|, |n|, tiny).",
                       relative_error(1.0, 1.1, 1e-6), 0.1 / 1.1);
    cr_assert_float_eq(relative_error(-2.0, 2.0, 1e-6), 2.0, 1e-15,
                       "relative_error(-2, 2) = %g, expected 2. Hint: |a - n| = 4, measured against the "
                       "larger magnitude, 2.",
                       relative_error(-2.0, 2.0, 1e-6));
    cr_assert_float_eq(relative_error(1e-9, 3e-9, 1e-6), 2e-3, 1e-15,
                       "relative_error(1e-9, 3e-9, tiny 1e-6) = %g, expected 2e-9 / 1e-6 = 2e-3 "
                       "Hint: below tiny, the difference is measured against tiny.", relative_error(1e-9, 3e-9, 1e-6));
    cr_assert_eq(relative_error(0.0, 0.0, 1e-6), 0.0, "relative_error(0, 0) = %g, expected 0. Hint: "
                 "two equal gradients have no error, even when both are 0.",
                 relative_error(0.0, 0.0, 1e-6));
}

Test(ex03, layer_forward)
{
    // one sample (1, 2) through a 2 -> 2 layer
    Mat A_prev = mat_new(1, 2), W = mat_new(2, 2), b = mat_new(1, 2), Z = mat_new(1, 2), A = mat_new(1, 2);
    memcpy(A_prev.data, (double[]){1, 2}, 2 * sizeof(double));
    memcpy(W.data, (double[]){0.5, -1, 0.25, 1}, 4 * sizeof(double));
    memcpy(b.data, (double[]){0, -0.5}, 2 * sizeof(double));
    layer_forward(&Z, &A, &A_prev, &W, &b);
    // Z = (1*0.5 + 2*0.25 + 0, 1*-1 + 2*1 - 0.5) = (1, 0.5)
    cr_assert(fabs(Z.data[0] - 1.0) < 1e-15 && fabs(Z.data[1] - 0.5) < 1e-15,
              "Z = (%g, %g), expected (1, 0.5). Hint: Z = A_prev W + b.", Z.data[0], Z.data[1]);
    cr_assert_float_eq(A.data[1], 1.0 / (1.0 + exp(-0.5)), 1e-15, "A[1] = %g, expected s(0.5) = %g. Hint: A = s(Z), "
                       "element by element.",
                       A.data[1], 1.0 / (1.0 + exp(-0.5)));
    mat_free(&A_prev), mat_free(&W), mat_free(&b), mat_free(&Z), mat_free(&A);
}

Test(ex03, layer_backward)
{
    // two samples through a 3 -> 2 layer; expected values by explicit loops
    Mat A_prev = mat_new(2, 3), W = mat_new(3, 2), A = mat_new(2, 2), dA = mat_new(2, 2);
    Mat dW = mat_new(3, 2), db = mat_new(1, 2), dA_prev = mat_new(2, 3);
    const double ap[] = {1, -2, 0.5, 0, 1, -1}, w[] = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6};
    const double a[] = {0.2, 0.7, 0.9, 0.4}, da[] = {1, -1, 0.5, 2};
    memcpy(A_prev.data, ap, sizeof ap), memcpy(W.data, w, sizeof w);
    memcpy(A.data, a, sizeof a), memcpy(dA.data, da, sizeof da);
    layer_backward(&dA_prev, &dW, &db, &dA, &A_prev, &W, &A);
    double delta[4];
    for (int k = 0; k < 4; k++)
        delta[k] = da[k] * a[k] * (1 - a[k]);
    for (int k = 0; k < 4; k++)
        cr_assert_float_eq(dA.data[k], delta[k], 1e-15, "delta[%d] = %g, expected %g. Hint: delta = dE/dA * A (1 - A), "
                           "written over dA.", k, dA.data[k], delta[k]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 2; j++) {
            double want = ap[i] * delta[j] + ap[3 + i] * delta[2 + j];
            cr_assert_float_eq(dW.data[i * 2 + j], want, 1e-15, "dW(%d,%d) = %g, expected %g. Hint: dW = A_prev^T delta.",
                               i, j, dW.data[i * 2 + j], want);
        }
    for (int j = 0; j < 2; j++)
        cr_assert_float_eq(db.data[j], delta[j] + delta[2 + j], 1e-15, "db[%d] = %g, expected %g. Hint: "
                           "a column sum of delta, one per unit, over the samples.",
                           j, db.data[j], delta[j] + delta[2 + j]);
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 3; i++) {
            double want = delta[2 * k] * w[2 * i] + delta[2 * k + 1] * w[2 * i + 1];
            cr_assert_float_eq(dA_prev.data[k * 3 + i], want, 1e-15, "dA_prev(%d,%d) = %g, expected %g. "
                               "Hint: dA_prev = delta W^T.", k, i, dA_prev.data[k * 3 + i], want);
        }
    mat_fill(&dA, 1.0);
    layer_backward(NULL, &dW, &db, &dA, &A_prev, &W, &A); // the first layer: nothing to send back
    mat_free(&A_prev), mat_free(&W), mat_free(&A), mat_free(&dA), mat_free(&dW), mat_free(&db), mat_free(&dA_prev);
}

Test(ex03, numerical_gradient)
{
    // a 1-1 network y = s(w x + b) on one sample: dE/dw = (y - t) y (1 - y) x, by hand
    const int sizes[] = {1, 1};
    Weights w;
    weights_alloc(&w, 1, sizes);
    w.W[0].data[0] = 0.7, w.b[0].data[0] = -0.2;
    Mat X = mat_new(1, 1), T = mat_new(1, 1);
    X.data[0] = 1.5, T.data[0] = 1.0;
    Cache c = cache_new(1, &w);
    const double y = 1 / (1 + exp(-(0.7 * 1.5 - 0.2))), want = (y - 1.0) * y * (1 - y) * 1.5;
    const double got = numerical_gradient(&w, &w.W[0], 0, 1e-5, &X, &T, &c);
    cr_assert(fabs(got - want) < 1e-9, "numerical_gradient = %.12g, expected about %.12g. "
              "Hint: (E(w + eps) - E(w - eps)) / (2 eps).", got, want);
    cr_assert_eq(w.W[0].data[0], 0.7, "the weight was left at %.17g. Hint: put it back "
                 "to 0.7, as it was before the two forward passes.", w.W[0].data[0]);
    cache_free(&c), weights_free(&w), mat_free(&X), mat_free(&T);
}

/* The central difference of the fixture's loss for element i of p, computed here. */
static double central_difference(Fixture *f, Mat *p, size_t i)
{
    const double keep = p->data[i], h = 1e-5;
    p->data[i] = keep + h;
    const double up = net_loss(net_forward(&f->w, &f->X, &f->c), &f->T);
    p->data[i] = keep - h;
    const double down = net_loss(net_forward(&f->w, &f->X, &f->c), &f->T);
    p->data[i] = keep;
    return (up - down) / (2 * h);
}

/* Backprop against central differences on one architecture: every relative error below the limit. */
static void check_architecture(int n_layers, const int *sizes, uint64_t seed)
{
    Fixture f = fixture(n_layers, sizes, 6, seed, seed + 100);
    const double E = net_loss(net_forward(&f.w, &f.X, &f.c), &f.T);
    net_backward(&f.w, &f.X, &f.T, &f.c, &f.g);
    double norm = 0.0;
    for (int l = 0; l < n_layers; l++)
        norm += mat_sum(&f.g.W[l]) != 0.0 || mat_sum(&f.g.b[l]) != 0.0;
    cr_assert(norm > 0, "net_backward, which calls your layer_backward for every layer, gave a gradient of all "
              "zeros. Hint: layer_backward fills dW and db, and dA_prev for the layer below.");
    for (int l = 0; l < n_layers; l++)
        for (int p = 0; p < 2; p++) {
            Mat *param = p ? &f.w.b[l] : &f.w.W[l];
            const Mat *grad = p ? &f.g.b[l] : &f.g.W[l];
            for (size_t i = 0; i < mat_size(param); i++) {
                // Both sides are the learner's: a difference of the test's own says which one is off.
                const double n = numerical_gradient(&f.w, param, i, 1e-5, &f.X, &f.T, &f.c);
                const double own = central_difference(&f, param, i);
                const double tiny = gradcheck_tiny(E, 1e-5);
                cr_assert(fabs(n - own) <= 1e-6 * fmax(fabs(own), tiny), "your numerical_gradient gives d%s%d[%zu] = "
                          "%.12g, but the central difference is %.12g. Hint: fix numerical_gradient first (its own "
                          "test above); this test trusts it to judge layer_backward.", p ? "b" : "W", l + 1, i, n, own);
                const double r = fabs(grad->data[i] - n) / fmax(fmax(fabs(grad->data[i]), fabs(n)), tiny);
                cr_assert(r < GRADCHECK_LIMIT, "your layer_backward disagrees with the finite difference: %d layers, "
                          "seed %llu: d%s%d[%zu] from backprop %.12g, numerical %.12g, relative error %.2g. Hint: "
                          "if only the layers below the last are wrong, look at what layer_backward sends back in "
                          "dA_prev.", n_layers, (unsigned long long)seed, p ? "b" : "W", l + 1, i, grad->data[i], n, r);
            }
        }
    fixture_free(&f);
}

Test(ex03, gradients_of_random_architectures)
{
    check_architecture(1, (int[]){1, 1}, 1);
    check_architecture(2, (int[]){3, 5, 2}, 2);
    check_architecture(3, (int[]){2, 4, 4, 1}, 3);
    check_architecture(4, (int[]){4, 3, 3, 3, 2}, 4);
    check_architecture(5, (int[]){2, 6, 5, 4, 3, 1}, 5);
    check_architecture(2, (int[]){5, 12, 3}, 6);
}

Test(ex03, the_check_catches_a_small_bug)
{
    // a gradient off by one part in 10^4 in a single entry must fail the check
    Fixture f = fixture(3, (int[]){2, 4, 4, 1}, 8, 9, 10);
    const double E = net_loss(net_forward(&f.w, &f.X, &f.c), &f.T);
    net_backward(&f.w, &f.X, &f.T, &f.c, &f.g);
    LayerCheck layers[3];
    const double good = gradcheck(&f.w, &f.g, &f.X, &f.T, 1e-5, gradcheck_tiny(E, 1e-5), layers);
    cr_assert(good < GRADCHECK_LIMIT, "the gradient check, with your numerical_gradient and relative_error, "
              "rejected the gradient of your layer_backward: worst relative error %g. Hint: "
              "gradients_of_random_architectures says which of your functions is off.", good);
    f.g.W[0].data[3] *= 1.0001;
    const double bad = gradcheck(&f.w, &f.g, &f.X, &f.T, 1e-5, gradcheck_tiny(E, 1e-5), layers);
    cr_assert(bad > GRADCHECK_LIMIT, "a gradient wrong by 1e-4 (relative) passed the check: worst %g. Hint: "
              "your relative_error must measure |a - n| against the larger of |a| and |n|.", bad);
    cr_assert(layers[0].worst_W == bad && layers[0].at_W == 3, "the check put the worst error elsewhere than at "
              "W1[3], the entry that was changed. Hint: your relative_error must grow with |a - n|.");
    fixture_free(&f);
}

Test(ex03, training_lowers_the_loss)
{
    Fixture f = fixture(3, (int[]){2, 6, 6, 1}, 16, 12, 13);
    const double first = net_train_step(&f.w, &f.X, &f.T, 0.5, &f.c, &f.g);
    double last = first;
    for (int e = 0; e < 500; e++)
        last = net_train_step(&f.w, &f.X, &f.T, 0.5, &f.c, &f.g);
    cr_assert(first > 0, "the first loss is %g: net_forward, built on your layer_forward, gives no outputs. "
              "Hint: layer_forward's own test above.", first);
    cr_assert(last <= first, "the loss rose instead of falling, from %g to %g in 500 steps. Hint: the update "
              "subtracts lr times the gradient, so a gradient of the wrong sign from layer_backward climbs.",
              first, last);
    cr_assert(last < 0.9 * first, "500 steps took the loss from %g to %g: it should fall by a tenth. Hint: the "
              "tests above check each of your functions alone; which of them fail?", first, last);
    fixture_free(&f);
}
