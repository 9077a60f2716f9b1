/*
 * Chapter 05's optimisers and schedules (training.c's momentum_step and
 * adam_step, network.c's opt_step and schedule_lr: the lesson) against
 * common/optim.h, the same arithmetic written once for the chapters after
 * this one: from the same start, over several steps, they must give the same
 * numbers to the last bit. `make check` runs these against the reference only
 * (never against the learner's exercises.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "network.h"
#include "training.h"
#include "../../common/optim.h"
#include "../../common/testutil.h"

TestSuite(agree05, .timeout = 10.0);

enum { N = 40, STEPS = 6 };
static const double lr = 0.01, mu = 0.9, b1 = 0.8, b2 = 0.99, eps = 1e-8;

/* A start w0 and a gradient per step, of every size: around eps, ordinary, large, and zero. */
static void start(double *w0, double g[STEPS][N])
{
    Rng r;
    rng_seed(&r, 31);
    for (int i = 0; i < N; i++)
        w0[i] = rng_range(&r, -1, 1);
    for (int s = 0; s < STEPS; s++)
        for (int i = 0; i < N; i++)
            g[s][i] = i % 8 == 7 ? 0.0 : rng_range(&r, -1, 1) * (i % 4 == 0 ? 1e-8 : i % 4 == 1 ? 1.0 : 1e3);
}

/* The first of n numbers where a and b differ in any bit, or -1. */
static int first_difference(const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(&a[i], &b[i], sizeof(double)) != 0)
            return (int)i;
    return -1;
}

Test(agree05, momentum_step)
{
    double w0[N], g[STEPS][N], w[N], v[N] = {0}, wc[N], mc[N] = {0}, vc[N] = {0};
    start(w0, g);
    memcpy(w, w0, sizeof w), memcpy(wc, w0, sizeof wc);
    Optim o = optim_new(OPTIM_MOMENTUM);
    o.mu = mu;
    for (int s = 0; s < STEPS; s++) {
        momentum_step(w, g[s], v, N, lr, mu);
        optim_begin(&o);
        optim_update(&o, wc, g[s], mc, vc, N, lr, 0);
        const int i = first_difference(w, wc, N), j = first_difference(v, mc, N);
        cr_assert(i < 0 && j < 0, "step %d: momentum_step gives %s[%d] = %.17g, common/optim.h's optim_update %.17g",
                  s + 1, i >= 0 ? "w" : "v", i >= 0 ? i : j, i >= 0 ? w[i] : v[j], i >= 0 ? wc[i] : mc[j]);
    }
}

Test(agree05, adam_step)
{
    double w0[N], g[STEPS][N], w[N], m[N] = {0}, v[N] = {0}, wc[N], mc[N] = {0}, vc[N] = {0};
    start(w0, g);
    memcpy(w, w0, sizeof w), memcpy(wc, w0, sizeof wc);
    Optim o = optim_new(OPTIM_ADAM);
    o.beta1 = b1, o.beta2 = b2, o.eps = eps;
    for (int s = 0; s < STEPS; s++) {
        adam_step(w, g[s], m, v, N, lr, b1, b2, eps, s + 1);
        optim_begin(&o);
        optim_update(&o, wc, g[s], mc, vc, N, lr, 0);
        const int i = first_difference(w, wc, N), at = i < 0 ? 0 : i;
        cr_assert(i < 0, "step %d: adam_step gives w[%d] = %.17g, common/optim.h's optim_update %.17g", s + 1, i,
                  w[at], wc[at]);
    }
}

/* The network's optimiser, each kind (SGD included), against optim_update_weights() on the same gradients. */
Test(agree05, opt_step)
{
    static const char *const kinds[] = {"sgd", "momentum", "adam"};
    const int sizes[] = {5, 4, 3};
    for (int kind = OPT_SGD; kind <= OPT_ADAM; kind++) {
        Weights net = test_random_net(2, sizes, 8, 0.5, 0.1), same = test_random_net(2, sizes, 8, 0.5, 0.1), m, v;
        weights_alloc_like(&m, &net), weights_alloc_like(&v, &net);
        Optimizer opt = opt_new((OptKind)kind, &net, mu, b1, b2, eps);
        Optim o = optim_new((OptimKind)kind);
        o.mu = mu, o.beta1 = b1, o.beta2 = b2, o.eps = eps;
        for (int s = 0; s < STEPS; s++) {
            Weights g = test_random_net(2, sizes, 100 + (uint64_t)s, 2.0, 2.0);
            opt_step(&opt, &net, &g, lr);
            optim_begin(&o);
            optim_update_weights(&o, &same, &g, &m, &v, lr);
            for (int l = 0; l < net.n_layers; l++) {
                cr_assert(first_difference(net.W[l].data, same.W[l].data, mat_size(&net.W[l])) < 0 &&
                          first_difference(net.b[l].data, same.b[l].data, mat_size(&net.b[l])) < 0,
                          "%s, step %d: opt_step's W%d or b%d differs from common/optim.h's optim_update_weights",
                          kinds[kind], s + 1, l + 1, l + 1);
            }
            weights_free(&g);
        }
        opt_free(&opt), weights_free(&net), weights_free(&same), weights_free(&m), weights_free(&v);
    }
}

Test(agree05, schedule_lr)
{
    static const char *const names[] = {"constant", "step", "cosine"};
    const long epochs[] = {1, 3, 4, 7, 20};
    for (int sch = SCHED_CONSTANT; sch <= SCHED_COSINE; sch++)
        for (int n = 0; n < 5; n++)
            for (long e = 0; e < epochs[n]; e++) {
                const double a = schedule_lr((Schedule)sch, 0.003, e, epochs[n]);
                const double b = optim_schedule((OptimSchedule)sch, 0.003, e, epochs[n], 0);
                cr_assert(memcmp(&a, &b, sizeof a) == 0, "%s, epoch %ld of %ld: schedule_lr gives %.17g, "
                          "common/optim.h's optim_schedule (no warm-up) %.17g", names[sch], e, epochs[n], a, b);
            }
}
