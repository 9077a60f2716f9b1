/**
 * @file optim.h
 * @brief The optimisers chapter 05 teaches, and its learning-rate schedules, for the chapters after it.
 *
 * Chapter 05 derives each update and keeps its own version as the lesson
 * (chapters/05-training/training.c); its tests check that these agree with it to
 * the bit. Later chapters use these. The parameters are flat arrays, so that any
 * network (a Weights, or one array holding every parameter) can be stepped:
 * - SGD: \f$w \leftarrow w - \eta g\f$;
 * - momentum: \f$v \leftarrow \mu v + g,\ w \leftarrow w - \eta v\f$;
 * - Adam (Kingma and Ba, 2015): running means of \f$g\f$ and \f$g^2\f$ with
 *   decays \f$\beta_1, \beta_2\f$, corrected for their start at zero, and
 *   \f$w \leftarrow w - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)\f$;
 * - AdamW (Loshchilov and Hutter, 2019): Adam with the weight decay taken out
 *   of the gradient, \f$w \leftarrow w - \eta \lambda w\f$ before the step,
 *   for the arrays the caller says (weights, not biases or gains).
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stddef.h>

#include "weights.h"

/** Which update. */
typedef enum { OPTIM_SGD, OPTIM_MOMENTUM, OPTIM_ADAM } OptimKind;

/** An optimiser's settings and its count of steps (its state lives in arrays beside the parameters). */
typedef struct {
    OptimKind kind;         /**< which update */
    double mu;              /**< momentum's decay (0.9) */
    double beta1;           /**< Adam's decay of the gradient's running mean (0.9) */
    double beta2;           /**< Adam's decay of the gradient's running mean square (0.999) */
    double eps;             /**< Adam's guard against dividing by 0 (1e-8) */
    double weight_decay;    /**< AdamW's decoupled decay lambda (0: none) */
    long t;                 /**< steps begun, 1 on the first (Adam's bias correction needs it) */
} Optim;

/** An optimiser of this kind with the usual settings (above) and no step taken. */
Optim optim_new(OptimKind kind);

/** "sgd", "momentum" or "adam". */
const char *optim_name(OptimKind kind);

/** Start a step: count it (call once per step, before optim_update() on each array). */
void optim_begin(Optim *o);

/**
 * Update the n parameters w from their gradient g: m is momentum's velocity
 * or Adam's first moment, v Adam's second moment (n each, zero at the start;
 * SGD uses neither, momentum only m). decay: apply the weight decay to these.
 */
void optim_update(const Optim *o, double *w, const double *g, double *m, double *v, size_t n, double lr, int decay);

/** optim_update() on every W and b of w, with state m and v shaped like w (weights_alloc_like()); no decay. */
void optim_update_weights(const Optim *o, Weights *w, const Weights *g, Weights *m, Weights *v, double lr);

/**
 * Clip a gradient by its global norm (chapter 11): when
 * \f$\|g\| = \sqrt{\sum_i g_i^2}\f$ over all n numbers exceeds c > 0, scale
 * every g_i by \f$c / \|g\|\f$, so that the step keeps its direction and
 * its length is c; c <= 0 clips nothing. Returns the norm before clipping.
 * Chapter 11 keeps its own version as the lesson; its test checks that the two
 * agree to the bit.
 */
double optim_clip_global_norm(double *g, size_t n, double c);

/** The learning-rate schedules. */
typedef enum { SCHEDULE_CONSTANT, SCHEDULE_STEP, SCHEDULE_COSINE } OptimSchedule;

/** "constant", "step" or "cosine". */
const char *optim_schedule_name(OptimSchedule s);

/**
 * The learning rate at step e = 0 .. n-1 (an epoch or a batch) of n: after
 * warmup steps rising linearly from lr/warmup to lr, constant lr; step: lr,
 * then lr/10 from half way and lr/100 from three quarters; cosine:
 * \f$\eta \cdot \frac12 (1 + \cos(\pi e' / n'))\f$ over the steps after the warm-up.
 */
double optim_schedule(OptimSchedule s, double lr, long e, long n, long warmup);

#endif
