/*
 * Tests of chapter 05's functions. `make check` runs them against the
 * reference training.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex05` runs them against your exercises.c.
 * The gradient checks go through network.c, which calls your functions.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "network.h"
#include "training.h"
#include "../../common/testutil.h"

TestSuite(ex05, .timeout = 10.0);

Test(ex05, relu)
{
    const double z[] = {-3.0, -1e-300, 0.0, 1e-300, 2.5};
    for (int k = 0; k < 5; k++) {
        const double want = z[k] > 0 ? z[k] : 0.0, got = relu(z[k]);
        cr_assert(got == want, "relu(%g) returned %g, expected %g. Hint: max(0, z).", z[k], got, want);
    }
}

Test(ex05, relu_slope)
{
    const double z[] = {-3.0, -1e-300, 0.0, 1e-300, 2.5};
    const double want[] = {0, 0, 0, 1, 1};
    for (int k = 0; k < 5; k++) {
        const double got = relu_slope(z[k]);
        cr_assert(got == want[k], "relu_slope(%g) returned %g, expected %g.%s", z[k], got, want[k],
                  z[k] == 0.0 ? " Hint: at exactly 0 the page takes the slope of the flat side." : "");
    }
}

/*
 * Every dE/dW and dE/db of net_backward() against a central difference of
 * net_loss(), with the same dropout masks each time (the generator re-seeded).
 * Returns the worst relative error; *masked says whether the mask dropped some units and kept others.
 */
static double gradient_check(const NetConfig *cfg, int *masked)
{
    const int sizes[] = {5, 7, 6, 3};
    Weights net = test_random_net(3, sizes, 11, 0.5, 0.1), grad;
    weights_alloc_like(&grad, &net);
    Mat X = mat_new(4, 5);
    Rng r;
    rng_seed(&r, 12);
    for (size_t i = 0; i < mat_size(&X); i++)
        X.data[i] = rng_range(&r, -1, 1);
    const int labels[] = {0, 2, 1, 2};
    Cache c = cache_new(4, &net);
    Rng masks;
    rng_seed(&masks, 99);
    net_forward(&net, cfg, &X, &c, &masks);
    net_backward(&net, cfg, &X, labels, &c, &grad);
    int dropped = 0, kept = 0;
    for (size_t i = 0; i < mat_size(&c.M[0]); i++)
        dropped |= c.M[0].data[i] == 0.0, kept |= fabs(c.M[0].data[i] * (1 - cfg->dropout) - 1) < 1e-12;
    *masked = dropped && kept;
    double worst = 0.0;
    for (int l = 0; l < 3; l++)
        for (int which = 0; which < 2; which++) {
            Mat *p = which ? &net.b[l] : &net.W[l], *g = which ? &grad.b[l] : &grad.W[l];
            for (size_t i = 0; i < mat_size(p); i++) {
                const double keep = p->data[i], h = 1e-5;
                p->data[i] = keep + h;
                rng_seed(&masks, 99);
                net_forward(&net, cfg, &X, &c, &masks);
                const double up = net_loss(&net, cfg, &c, labels);
                p->data[i] = keep - h;
                rng_seed(&masks, 99);
                net_forward(&net, cfg, &X, &c, &masks);
                const double down = net_loss(&net, cfg, &c, labels);
                p->data[i] = keep;
                const double n = (up - down) / (2 * h), a = g->data[i];
                worst = fmax(worst, fabs(a - n) / fmax(fmax(fabs(a), fabs(n)), 1e-4));   // below 1e-4: rounding
            }
        }
    cache_free(&c), weights_free(&net), weights_free(&grad), mat_free(&X);
    return worst;
}

Test(ex05, relu_network_gradient)
{
    int masked;
    const NetConfig cfg = {.act = ACT_RELU};
    const double worst = gradient_check(&cfg, &masked);
    cr_assert(worst < 1e-6, "a ReLU network's backward pass disagrees with finite differences (worst relative "
              "error %.2g). Check relu and relu_slope: the slope must be that of the function.", worst);
}

Test(ex05, tanh_network_gradient)
{
    int masked;
    const NetConfig cfg = {.act = ACT_TANH};
    const double worst = gradient_check(&cfg, &masked);
    cr_assert(worst < 1e-6, "a tanh network's backward pass disagrees with finite differences (worst relative "
              "error %.2g): tanh_slope is the suspect (the rest of the network passes with sigmoid units).", worst);
}

Test(ex05, dropout_and_weight_decay_gradient)
{
    int masked;
    const NetConfig cfg = {.act = ACT_RELU, .dropout = 0.4, .weight_decay = 0.01};
    const double worst = gradient_check(&cfg, &masked);
    cr_assert(masked, "with dropout 0.4 the first hidden layer's mask should drop some units (0) and keep the others "
              "at 1 / 0.6: check dropout_mask (its own test says more)");
    cr_assert(worst < 1e-6, "with dropout and weight decay the backward pass disagrees with finite differences "
              "(worst relative error %.2g). If relu_network_gradient passes, check dropout_mask.", worst);
}

Test(ex05, he_std_keeps_the_signal)
{
    // 64 random inputs through 20 ReLU layers of 256 units, weights N(0, he_std(256)^2):
    // the mean square of the net input should stay about what it was.
    const int N = 64, D = 256;
    Rng r;
    rng_seed(&r, 5);
    Mat A = mat_new(N, D), Z = mat_new(N, D), W = mat_new(D, D);
    for (size_t i = 0; i < mat_size(&A); i++)
        A.data[i] = rng_normal(&r);
    const double sd = he_std(D);
    double first = 0.0, last = 0.0;
    for (int layer = 0; layer < 20; layer++) {
        for (size_t i = 0; i < mat_size(&W); i++)
            W.data[i] = sd * rng_normal(&r);
        mat_mul(&Z, &A, &W);
        double sq = 0.0;
        for (size_t i = 0; i < mat_size(&Z); i++)
            sq += Z.data[i] * Z.data[i];
        if (layer == 0)
            first = sq / (double)mat_size(&Z);
        last = sq / (double)mat_size(&Z);
        for (size_t i = 0; i < mat_size(&Z); i++)
            A.data[i] = Z.data[i] > 0 ? Z.data[i] : 0.0;
    }
    const double ratio = last / first;
    cr_assert(ratio > 0.25 && ratio < 4.0, "with he_std(256) = %g the mean square of z went from %.3g at layer 1 "
              "to %.3g at layer 20 (x %.3g). Hint: %s", sd, first, last, ratio,
              ratio < 1 ? "the signal dies: the weights are too small." : "the signal explodes: the weights are too large.");
    mat_free(&A), mat_free(&Z), mat_free(&W);
}

Test(ex05, init_he)
{
    Mat W = mat_new(500, 300);
    Rng r, same;
    rng_seed(&r, 8);
    rng_seed(&same, 8);
    init_he(&W, &r);
    const double want = he_std(500);    // yours: this test checks init_he, the puzzle below checks he_std
    double sum = 0.0, sq = 0.0;
    for (size_t i = 0; i < mat_size(&W); i++)
        sum += W.data[i], sq += W.data[i] * W.data[i];
    const double mean = sum / mat_size(&W), sd = sqrt(sq / mat_size(&W) - mean * mean);
    cr_assert(fabs(sd - want) < 0.01 * want && fabs(mean) < 0.01 * want,
              "W (500 x 300) has mean %.3g and standard deviation %.4g, expected 0 and your he_std(500) = %.4g. "
              "Hint: the fan-in is W's rows.", mean, sd, want);
    const double first = want * rng_normal(&same);
    cr_assert(fabs(W.data[0] - first) < 1e-12, "W[0][0] is %g, expected %g: one rng_normal() per element, "
              "row by row, times the standard deviation", W.data[0], first);
    mat_free(&W);
}

Test(ex05, momentum_step)
{
    double w[2] = {1.0, -2.0}, v[2] = {0.0, 0.0};
    const double g1[2] = {0.5, -1.0}, g2[2] = {0.25, 1.0};
    momentum_step(w, g1, v, 2, 0.1, 0.9);
    momentum_step(w, g2, v, 2, 0.1, 0.9);
    // v = g1 = (0.5, -1), w = (0.95, -1.9); v = 0.9 v + g2 = (0.7, 0.1), w = (0.88, -1.91)
    cr_assert(fabs(v[0] - 0.7) < 1e-12 && fabs(v[1] - 0.1) < 1e-12,
              "after two steps v = (%g, %g), expected (0.7, 0.1). Hint: v = mu v + g.", v[0], v[1]);
    cr_assert(fabs(w[0] - 0.88) < 1e-12 && fabs(w[1] + 1.91) < 1e-12,
              "after two steps w = (%g, %g), expected (0.88, -1.91). Hint: w -= lr v, with the new v.", w[0], w[1]);
}

Test(ex05, adam_step)
{
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double w[3] = {1.0, -1.0, 0.5}, m[3] = {0}, v[3] = {0};
    const double g1[3] = {0.2, -3.0, 1e-4}, g2[3] = {-0.1, -3.0, 0.0};
    adam_step(w, g1, m, v, 3, lr, b1, b2, eps, 1);
    // first step: m^ = g, v^ = g^2 exactly, so every weight moves by lr g / (|g| + eps), about lr
    for (int i = 0; i < 3; i++) {
        const double want = (i == 0 ? 1.0 : i == 1 ? -1.0 : 0.5) - lr * g1[i] / (fabs(g1[i]) + eps);
        cr_assert(fabs(w[i] - want) < 1e-12, "after step 1, w[%d] = %.12g, expected %.12g. Hint: %s", i, w[i], want,
                  fabs(fabs(w[i] - (i == 0 ? 1.0 : i == 1 ? -1.0 : 0.5)) - lr * 0.1 / sqrt(0.001)) < 0.01 * lr
                      ? "it moved about 3.2 lr, (1 - beta1) / sqrt(1 - beta2): are the moments corrected by 1 - beta^t?"
                      : "on step 1 every weight moves by about lr, whatever the size of its gradient.");
    }
    double want[3];
    for (int i = 0; i < 3; i++) {       // step 2 by the formulas
        const double mi = b1 * (1 - b1) * g1[i] + (1 - b1) * g2[i];
        const double vi = b2 * (1 - b2) * g1[i] * g1[i] + (1 - b2) * g2[i] * g2[i];
        want[i] = w[i] - lr * (mi / (1 - b1 * b1)) / (sqrt(vi / (1 - b2 * b2)) + eps);
    }
    adam_step(w, g2, m, v, 3, lr, b1, b2, eps, 2);
    for (int i = 0; i < 3; i++)
        cr_assert(fabs(w[i] - want[i]) < 1e-12, "after step 2, w[%d] = %.12g, expected %.12g. Hint: the bias "
                  "corrections use t = 2 now: 1 - beta1^2 and 1 - beta2^2.", i, w[i], want[i]);
}

Test(ex05, dropout_mask)
{
    Mat M = mat_new(100, 100);
    Rng r, same;
    rng_seed(&r, 3);
    rng_seed(&same, 3);
    dropout_mask(&M, 0.3, &r);
    int zeros = 0;
    double sum = 0.0;
    for (size_t i = 0; i < mat_size(&M); i++) {
        const double want = rng_uniform(&same) < 0.3 ? 0.0 : 1.0 / 0.7;
        cr_assert(fabs(M.data[i] - want) < 1e-12, "M[%zu][%zu] = %g, expected %g: element by element, dropped when "
                  "rng_uniform() < p, else 1 / (1 - p)", i / 100, i % 100, M.data[i], want);
        zeros += M.data[i] == 0.0;
        sum += M.data[i];
    }
    cr_assert(abs(zeros - 3000) < 200, "%d of 10000 units dropped with p = 0.3, expected about 3000", zeros);
    cr_assert(fabs(sum / 10000 - 1.0) < 0.03, "the mask's mean is %g: it should be about 1, so that the layer's "
              "expected output is unchanged", sum / 10000);
    mat_free(&M);
}

Test(ex05, adam_trains_a_small_network)
{
    // Three classes of 4-pixel "images", each bright in its own pixel: a 4-8-3 ReLU network,
    // He-initialised and trained by Adam, must get them all right.
    Rng rng;
    rng_seed(&rng, 4);
    int labels[30];
    Mat X = test_bright_pixels(&rng, 30, 4, 3, labels);
    const int sizes[] = {4, 8, 3};
    Weights net, grad;
    weights_alloc(&net, 2, sizes);
    weights_alloc_like(&grad, &net);
    net_init(&net, INIT_HE, &rng);
    const NetConfig cfg = {.act = ACT_RELU};
    Optimizer opt = opt_new(OPT_ADAM, &net, 0.9, 0.9, 0.999, 1e-8);
    Cache c = cache_new(30, &net);
    double first = 0.0, last = 0.0;
    for (int step = 0; step < 100; step++) {
        net_forward(&net, &cfg, &X, &c, NULL);
        last = net_loss(&net, &cfg, &c, labels);
        if (step == 0)
            first = last;
        net_backward(&net, &cfg, &X, labels, &c, &grad);
        opt_step(&opt, &net, &grad, 0.05);
    }
    cr_assert(isfinite(last) && last < 0.2 * first, "100 Adam steps took the loss from %g to %g, expected below a "
              "fifth of the start. Check adam_step (and relu, init_he).", first, last);
    opt_free(&opt), cache_free(&c), weights_free(&net), weights_free(&grad), mat_free(&X);
}
