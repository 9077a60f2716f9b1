/*
 * Chapter 05 exercises: the functions of training.h.
 *
 * Each body below is a stub that compiles but gives a wrong answer, so
 * `make ex05` fails until you fill it in. Each TODO names the part of the
 * chapter page it comes from; `make ex05` prints PASS or FAIL for every
 * exercise, with what was expected and a hint.
 */
#include "training.h"

#include <math.h>

double relu(double z)
{
    // TODO: the rectified linear unit of "ReLU".
    // Hint: one comparison.
    (void)z;
    return -1.0;
}

double relu_slope(double z)
{
    // TODO: its slope, as "ReLU" defines it, including at z = 0.
    // Hint: the unit is a straight line on each side of 0.
    (void)z;
    return -1.0;
}

double tanh_slope(double a)
{
    // Puzzle: this slope of tanh, written with the unit's output a = tanh z,
    // is wrong, and networks of tanh units still learn a little with it.
    // Find the mistake with the gradient check the tests run, then fix it.
    // Hint: differentiate tanh z = (e^z - e^-z) / (e^z + e^-z), or recall
    // how chapter 02 wrote the sigmoid's slope with its output.
    return 1.0 - a;
}

double he_std(int fan_in)
{
    // Puzzle: the standard deviation of "Initialisation" for ReLU layers.
    // The test sends random images through 20 ReLU layers started with your
    // value and checks that the signal neither dies nor blows up.
    // Hint: half of a ReLU layer's inputs are 0; what must fan_in * Var(w) be?
    (void)fan_in;
    return 1.0;
}

void init_he(Mat *W, Rng *rng)
{
    // TODO: fill W with He initialisation, "Initialisation": normal numbers
    // (rng_normal) scaled to the standard deviation he_std() gives for W's fan-in.
    // Hint: the fan-in is the number of inputs, W's rows.
    (void)W, (void)rng;
}

void momentum_step(double *w, const double *g, double *v, size_t n, double lr, double mu)
{
    // TODO: one step of "Momentum" for each of the n parameters.
    // Hint: update the velocity v first, then move w along it.
    (void)w, (void)g, (void)v, (void)n, (void)lr, (void)mu;
}

void adam_step(double *w, const double *g, double *m, double *v, size_t n, double lr, double beta1, double beta2,
               double eps, long t)
{
    // TODO: step t (t = 1 first) of "Adam": both moments, their bias
    // corrections, then the update of each of the n parameters.
    // Hint: on the first step the corrected moments are g and g^2 exactly.
    (void)w, (void)g, (void)m, (void)v, (void)n, (void)lr, (void)beta1, (void)beta2, (void)eps, (void)t;
}

void dropout_mask(Mat *M, double p, Rng *rng)
{
    // TODO: the mask of "Dropout": each element dropped (0) with probability p,
    // the others scaled so that the layer's expected output does not change.
    // Hint: one rng_uniform() per element, in order.
    (void)M, (void)p, (void)rng;
}
