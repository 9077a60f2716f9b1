/**
 * @file training.h
 * @brief Chapter 05: the pieces that make training work: ReLU, He initialisation,
 *        momentum and Adam, inverted dropout.
 *
 * These are the chapter's exercises (exercises.c). The optimisers work on a
 * parameter matrix as a flat array of n numbers w with its gradient g and
 * the optimiser's own state (v, or m and v), one number per parameter.
 */
#ifndef CH05_TRAINING_H
#define CH05_TRAINING_H

#include <stddef.h>

#include "../../common/matrix.h"
#include "../../common/rng.h"

/** The rectified linear unit \f$r(z) = \max(0, z)\f$. */
double relu(double z);

/** Its slope \f$r'(z)\f$: 1 for \f$z > 0\f$, 0 otherwise (0 at \f$z = 0\f$ itself, by convention). */
double relu_slope(double z);

/** The tanh unit's slope written with its output \f$a = \tanh z\f$. */
double tanh_slope(double a);

/** The standard deviation of He initialisation for a ReLU layer with fan_in inputs. */
double he_std(int fan_in);

/** Fill W (fan_in x fan_out) with independent normal numbers of mean 0 and standard deviation he_std(fan_in), row by row. */
void init_he(Mat *W, Rng *rng);

/**
 * One step of gradient descent with momentum \f$\mu\f$:
 * \f$v \leftarrow \mu v + g\f$, \f$w \leftarrow w - \eta v\f$, element by element.
 */
void momentum_step(double *w, const double *g, double *v, size_t n, double lr, double mu);

/**
 * One step of Adam, the t-th (t = 1 for the first):
 * \f$m \leftarrow \beta_1 m + (1 - \beta_1) g\f$, \f$v \leftarrow \beta_2 v + (1 - \beta_2) g^2\f$,
 * \f$\hat m = m / (1 - \beta_1^t)\f$, \f$\hat v = v / (1 - \beta_2^t)\f$,
 * \f$w \leftarrow w - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)\f$.
 */
void adam_step(double *w, const double *g, double *m, double *v, size_t n, double lr, double beta1, double beta2,
               double eps, long t);

/**
 * Inverted dropout's mask for a layer's outputs: each element of M is 0 with
 * probability p (the unit is dropped) and \f$1 / (1 - p)\f$ otherwise, so that
 * \f$A \odot M\f$ has the same expected value as A. Uses rng_uniform() once per element, row by row.
 */
void dropout_mask(Mat *M, double p, Rng *rng);

#endif
