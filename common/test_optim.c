/* Unit tests of the optimisers, the schedules and the softmax loss of common/. */
#include <criterion/criterion.h>
#include <math.h>

#include "loss.h"
#include "optim.h"

TestSuite(optim, .timeout = 10.0);

Test(optim, sgd_and_momentum)
{
    Optim o = optim_new(OPTIM_SGD);
    double w[2] = {1.0, -1.0}, g[2] = {0.5, -2.0}, m[2] = {0}, v[2] = {0};
    optim_begin(&o);
    optim_update(&o, w, g, m, v, 2, 0.1, 0);
    cr_assert_float_eq(w[0], 0.95, 1e-15);
    cr_assert_float_eq(w[1], -0.8, 1e-15);
    o = optim_new(OPTIM_MOMENTUM);
    double u[1] = {0.0}, h[1] = {1.0}, vel[1] = {0.0};
    for (int k = 0; k < 3; k++) {
        optim_begin(&o);
        optim_update(&o, u, h, vel, NULL, 1, 1.0, 0);
    }
    cr_assert_float_eq(vel[0], 1 + 0.9 + 0.81, 1e-15, "the velocity sums the gradients, old ones fading by mu");
    cr_assert_float_eq(u[0], -(1 + 1.9 + 2.71), 1e-14);
}

Test(optim, adam_first_step_is_lr_times_the_sign)
{
    Optim o = optim_new(OPTIM_ADAM);
    double w[3] = {0, 0, 0}, g[3] = {1e-3, -50.0, 2.0}, m[3] = {0}, v[3] = {0};
    optim_begin(&o);
    optim_update(&o, w, g, m, v, 3, 0.01, 0);
    // the bias-corrected moments are g and g^2 on the first step: the step is lr g / |g|
    for (int i = 0; i < 3; i++)
        cr_assert_float_eq(w[i], g[i] > 0 ? -0.01 : 0.01, 1e-7, "w[%d] = %g", i, w[i]);
}

Test(optim, adamw_decays_only_what_it_is_told)
{
    Optim o = optim_new(OPTIM_ADAM);
    o.weight_decay = 0.1;
    double w[1] = {2.0}, b[1] = {2.0}, g[1] = {0.0}, m[2] = {0}, v[2] = {0};
    optim_begin(&o);
    optim_update(&o, w, g, m, v, 1, 0.5, 1);
    optim_update(&o, b, g, m + 1, v + 1, 1, 0.5, 0);
    cr_assert_float_eq(w[0], 2.0 - 0.5 * 0.1 * 2.0, 1e-15, "decoupled decay: w -= lr lambda w");
    cr_assert_eq(b[0], 2.0, "no decay where the caller says none");
}

Test(optim, schedules)
{
    cr_assert_eq(optim_schedule(SCHEDULE_CONSTANT, 0.1, 7, 10, 0), 0.1);
    cr_assert_eq(optim_schedule(SCHEDULE_STEP, 1.0, 4, 10, 0), 1.0);
    cr_assert_eq(optim_schedule(SCHEDULE_STEP, 1.0, 5, 10, 0), 0.1);
    cr_assert_eq(optim_schedule(SCHEDULE_STEP, 1.0, 8, 10, 0), 0.01);
    cr_assert_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 0, 10, 0), 1.0);
    cr_assert_float_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 5, 10, 0), 0.5, 1e-15);
    // warm-up: lr/4, 2lr/4, 3lr/4, lr, then the cosine over the 6 steps left
    cr_assert_float_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 0, 10, 4), 0.25, 1e-15);
    cr_assert_float_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 3, 10, 4), 1.0, 1e-15);
    cr_assert_float_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 4, 10, 4), 1.0, 1e-15);
    cr_assert_float_eq(optim_schedule(SCHEDULE_COSINE, 1.0, 7, 10, 4), 0.5, 1e-15);
}

Test(optim, softmax_loss_and_gradient)
{
    double z[6] = {1000.0, 0.0, -1000.0, 1.0, 2.0, 3.0}, y[6], d[6];
    Mat Z = {2, 3, z}, Y = {2, 3, y}, dZ = {2, 3, d};
    const int labels[2] = {2, 2};
    // row 1: the true class 2000 below the largest logit: a large loss, still finite
    const double E = loss_cross_entropy(&Z, labels);
    const double row2 = 3.0 + log(exp(-2.0) + exp(-1.0) + 1.0) - 3.0;
    cr_assert_float_eq(E, (2000.0 + row2) / 2, 1e-9, "E = %g", E);
    loss_softmax(&Y, &Z);
    cr_assert_float_eq(y[0] + y[1] + y[2], 1.0, 1e-15);
    cr_assert_eq(loss_count_correct(&Y, labels), 1);
    loss_softmax_backward(&dZ, &Y, labels);
    cr_assert_float_eq(d[5], (y[5] - 1.0) / 2, 1e-15);
    cr_assert_float_eq(d[3], y[3] / 2, 1e-15);
}

Test(optim, clip_global_norm)
{
    double g[4] = {3.0, 0.0, -4.0, 0.0}, h[4] = {0.3, 0.0, -0.4, 0.0};
    cr_assert_eq(optim_clip_global_norm(g, 4, 1.0), 5.0, "the norm before clipping");
    cr_assert_float_eq(g[0], 0.6, 1e-15, "scaled by 1/5: direction kept, length 1");
    cr_assert_float_eq(g[2], -0.8, 1e-15);
    cr_assert_float_eq(optim_clip_global_norm(h, 4, 1.0), 0.5, 1e-15, "a short gradient");
    cr_assert(h[0] == 0.3 && h[2] == -0.4, "below the limit: left alone");
    double k[2] = {30.0, 40.0};
    cr_assert_eq(optim_clip_global_norm(k, 2, 0.0), 50.0);
    cr_assert(k[0] == 30.0 && k[1] == 40.0, "c = 0: no clipping");
}
