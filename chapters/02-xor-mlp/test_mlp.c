/*
 * Tests of chapter 02's functions. `make check` runs them against the
 * reference mlp.c (all must pass) and against the shipped stubs of
 * exercises.c (all must fail); `make ex02` runs them against your exercises.c.
 * The training step is compared with loops.c, the same algorithm written
 * scalar by scalar without the matrix module.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "../../common/rng.h"
#include "loops.h"
#include "mlp.h"

TestSuite(ex02, .timeout = 10.0);

static const double xor_x[] = {0, 0, 0, 1, 1, 0, 1, 1}, xor_t[] = {0, 1, 1, 0};

/* The XOR data as matrices. */
static void xor_data(Mat *X, Mat *T)
{
    *X = mat_new(4, 2);
    *T = mat_new(4, 1);
    memcpy(X->data, xor_x, sizeof xor_x);
    memcpy(T->data, xor_t, sizeof xor_t);
}

/* A 2-H-1 network with weights uniform in [-1, 1] from seed and small nonzero biases. */
static Weights random_net(int H, uint64_t seed)
{
    const int sizes[] = {2, H, 1};
    Weights w;
    weights_alloc(&w, 2, sizes);
    Rng r;
    rng_seed(&r, seed);
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < mat_size(&w.W[l]); i++)
            w.W[l].data[i] = rng_range(&r, -1, 1);
        for (size_t i = 0; i < mat_size(&w.b[l]); i++)
            w.b[l].data[i] = rng_range(&r, -0.5, 0.5);
    }
    return w;
}

/* E of the network on XOR, computed here with scalar loops (independent of mlp.c). */
static double scalar_loss(const Weights *w)
{
    const int H = w->W[0].cols;
    double E = 0.0;
    for (int k = 0; k < 4; k++) {
        double z2 = w->b[1].data[0];
        for (int j = 0; j < H; j++) {
            double z1 = w->b[0].data[j] + xor_x[2 * k] * w->W[0].data[j] + xor_x[2 * k + 1] * w->W[0].data[H + j];
            z2 += w->W[1].data[j] / (1.0 + exp(-z1));
        }
        double y = 1.0 / (1.0 + exp(-z2));
        E += 0.5 * (y - xor_t[k]) * (y - xor_t[k]);
    }
    return E;
}

Test(ex02, sigmoid)
{
    const double z[] = {0.0, 2.0, -2.0, 30.0, -30.0};
    for (int k = 0; k < 5; k++) {
        double want = 1.0 / (1.0 + exp(-z[k])), got = sigmoid(z[k]);
        cr_assert_float_eq(got, want, 1e-15, "sigmoid(%g) returned %.17g, expected %.17g. "
                           "Hint: s(z) = 1 / (1 + exp(-z)).", z[k], got, want);
    }
}

Test(ex02, sigmoid_prime_from_output)
{
    const double y[] = {0.5, 0.25, 0.9, 0.0, 1.0};
    const double want[] = {0.25, 0.1875, 0.09, 0.0, 0.0};
    for (int k = 0; k < 5; k++) {
        double got = sigmoid_prime_from_output(y[k]);
        cr_assert_float_eq(got, want[k], 1e-15, "sigmoid_prime_from_output(%g) returned %g, expected %g. "
                           "Hint: y is already s(z), so s'(z) = y (1 - y).", y[k], got, want[k]);
    }
}

Test(ex02, forward)
{
    // 2-2-1 with easy weights: check one sample by hand
    const int sizes[] = {2, 2, 1};
    Weights w;
    weights_alloc(&w, 2, sizes);
    const double W1[] = {1, -1, 2, 0.5}, b1[] = {0.5, -0.25}, W2[] = {1.5, -2}, b2[] = {0.1};
    memcpy(w.W[0].data, W1, sizeof W1), memcpy(w.b[0].data, b1, sizeof b1);
    memcpy(w.W[1].data, W2, sizeof W2), memcpy(w.b[1].data, b2, sizeof b2);
    Mat X = mat_new(1, 2);
    X.data[0] = 1.0, X.data[1] = -1.0;
    MlpWork ws = mlp_work_new(1, &w);
    mlp_forward(&w, &X, &ws);
    // z1 = (1*1 + -1*2 + 0.5, 1*-1 + -1*0.5 - 0.25) = (-0.5, -1.75)
    const double a1 = 1 / (1 + exp(0.5)), a2 = 1 / (1 + exp(1.75));
    const double y = 1 / (1 + exp(-(1.5 * a1 - 2 * a2 + 0.1)));
    cr_assert_float_eq(ws.Z1.data[0], -0.5, 1e-12, "Z1[0] = %g, expected -0.5. Hint: Z1 = X W1 + b1, with "
                       "mat_add_row adding b1 to every row.", ws.Z1.data[0]);
    cr_assert_float_eq(ws.Z1.data[1], -1.75, 1e-12, "Z1[1] = %g, expected -1.75. Hint: Z1 = X W1 + b1; "
                       "W1 is inputs x hidden units.", ws.Z1.data[1]);
    cr_assert_float_eq(ws.A1.data[0], a1, 1e-12, "A1[0] = %g, expected s(-0.5) = %g. Hint: A1 = s(Z1), "
                       "element by element (mat_apply).", ws.A1.data[0], a1);
    cr_assert_float_eq(ws.Y.data[0], y, 1e-12, "Y = %g, expected %g. Hint: Y = s(A1 W2 + b2).", ws.Y.data[0], y);
    mlp_work_free(&ws), mat_free(&X), weights_free(&w);
}

Test(ex02, loss)
{
    Mat Y = mat_new(2, 1), T = mat_new(2, 1);
    Y.data[0] = 0.5, Y.data[1] = 0.2, T.data[0] = 1.0, T.data[1] = 0.0;
    double got = mlp_loss(&Y, &T);
    cr_assert_float_eq(got, 0.145, 1e-15, "mlp_loss returned %g, expected 0.145 = 1/2 (0.5^2 + 0.2^2). "
                       "Hint: a sum over samples, not a mean, with the factor 1/2.", got);
    mat_free(&Y), mat_free(&T);
}

Test(ex02, backward_matches_finite_differences)
{
    Mat X, T;
    xor_data(&X, &T);
    Weights w = random_net(3, 11);
    MlpWork ws = mlp_work_new(4, &w);
    mlp_forward(&w, &X, &ws);
    mlp_backward(&w, &X, &T, &ws);
    const Mat *grads[2][2] = {{&ws.dW1, &ws.db1}, {&ws.dW2, &ws.db2}};
    const char *names[2][2] = {{"dW1", "db1"}, {"dW2", "db2"}};
    for (int l = 0; l < 2; l++)
        for (int p = 0; p < 2; p++) {
            Mat *param = p == 0 ? &w.W[l] : &w.b[l];
            for (size_t i = 0; i < mat_size(param); i++) {
                const double keep = param->data[i], h = 1e-6;
                param->data[i] = keep + h;
                const double up = scalar_loss(&w);
                param->data[i] = keep - h;
                const double down = scalar_loss(&w);
                param->data[i] = keep;
                const double numeric = (up - down) / (2 * h), got = grads[l][p]->data[i];
                cr_assert(fabs(got - numeric) < 1e-8,
                          "your mlp_backward disagrees with the finite difference: it gives %s[%zu] = %.10g, "
                          "while (E(w+h) - E(w-h)) / 2h = %.10g (E computed by the test). Hint: compare each of "
                          "your lines with the equations of \"The backward pass\", shapes first.",
                          names[l][p], i, got, numeric);
            }
        }
    mlp_work_free(&ws), weights_free(&w), mat_free(&X), mat_free(&T);
}

Test(ex02, train_step_matches_the_scalar_loops)
{
    Mat X, T;
    xor_data(&X, &T);
    Weights w = random_net(3, 5);
    double w1[6], b1[3], w2[3], b2;
    memcpy(w1, w.W[0].data, sizeof w1), memcpy(b1, w.b[0].data, sizeof b1);
    memcpy(w2, w.W[1].data, sizeof w2), b2 = w.b[1].data[0];
    MlpWork ws = mlp_work_new(4, &w);
    for (int epoch = 1; epoch <= 200; epoch++) {
        const double E = mlp_train_step(&w, &X, &T, 0.5, &ws);
        const double want = loops_train_step(4, 2, 3, xor_x, xor_t, 0.5, w1, b1, w2, &b2);
        cr_assert_float_eq(E, want, 1e-12, "epoch %d: mlp_train_step returned E = %.15g, expected %.15g "
                           "(the loss before the update). Hint: if epoch 1 is right and later ones are not, "
                           "look at the update W <- W - lr dE/dW.", epoch, E, want);
    }
    for (int i = 0; i < 6; i++)
        cr_assert_float_eq(w.W[0].data[i], w1[i], 1e-12, "after 200 steps W1[%d] = %.15g, expected %.15g. "
                           "Hint: W <- W - lr dE/dW, with d1 computed from W2 before W2 is updated.",
                           i, w.W[0].data[i], w1[i]);
    for (int j = 0; j < 3; j++) {
        cr_assert_float_eq(w.b[0].data[j], b1[j], 1e-12, "b1[%d] = %.15g, expected %.15g. Hint: every "
                           "parameter moves by -lr times its gradient, biases too.", j, w.b[0].data[j], b1[j]);
        cr_assert_float_eq(w.W[1].data[j], w2[j], 1e-12, "W2[%d] = %.15g, expected %.15g. Hint: W2 <- "
                           "W2 - lr dE/dW2.", j, w.W[1].data[j], w2[j]);
    }
    cr_assert_float_eq(w.b[1].data[0], b2, 1e-12, "b2 = %.15g, expected %.15g. Hint: b2 <- b2 - lr dE/db2.",
                       w.b[1].data[0], b2);
    mlp_work_free(&ws), weights_free(&w), mat_free(&X), mat_free(&T);
}

Test(ex02, learns_xor)
{
    Mat X, T;
    xor_data(&X, &T);
    Weights w = random_net(4, 1);
    MlpWork ws = mlp_work_new(4, &w);
    double first = 0.0, last = 0.0;
    for (int epoch = 0; epoch < 5000; epoch++) {
        last = mlp_train_step(&w, &X, &T, 2.0, &ws);
        if (epoch == 0)
            first = last;
    }
    mlp_forward(&w, &X, &ws);
    cr_assert(first > 0 && last >= 0, "mlp_train_step returned the losses %g (first step) and %g (last): a "
              "loss is never negative, and not 0 at the start. Hint: return E from before the update.", first, last);
    cr_assert(last <= first, "the loss rose instead of falling, from %g to %g in 5000 steps. Hint: is the update "
              "subtracting lr times the gradient?", first, last);
    cr_assert(last < 0.01 * first, "the loss went from %g to %g in 5000 steps: it should fall a hundredfold. "
              "Hint: the tests above check each of your functions alone; which of them fail?", first, last);
    for (int k = 0; k < 4; k++)
        cr_assert((ws.Y.data[k] > 0.5) == (xor_t[k] > 0.5), "sample %d: output %g for target %g, on the wrong side "
                  "of 0.5, though the loss fell. Hint: does mlp_forward fill ws->Y?", k,
                  ws.Y.data[k], xor_t[k]);
    mlp_work_free(&ws), weights_free(&w), mat_free(&X), mat_free(&T);
}
