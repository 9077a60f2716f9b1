/**
 * @file gradcheck.h
 * @brief Chapter 03: checking every gradient of a network against finite differences.
 */
#ifndef CH03_GRADCHECK_H
#define CH03_GRADCHECK_H

#include "network.h"

/** The gradient check passes when every relative error is below this. */
#define GRADCHECK_LIMIT 1e-7

/** The floor of relative_error() in the epsilon study: only exact zeros are special. */
#define GRADCHECK_TINY 1e-12

/**
 * The floor of relative_error() in the check itself, from the rounding noise
 * of a central difference: E is known to about \f$\epsilon_{mach} E\f$, so
 * \f$(E_+ - E_-) / 2\varepsilon\f$ carries an error of about
 * \f$\epsilon_{mach} E / \varepsilon\f$. A gradient smaller than ten times that
 * noise divided by #GRADCHECK_LIMIT cannot be resolved to #GRADCHECK_LIMIT, so
 * its difference is measured against this floor instead.
 */
double gradcheck_tiny(double E, double eps);

/** The worst relative errors of one layer's weights and bias. */
typedef struct {
    double worst_W;     /**< worst relative error over the entries of W */
    double worst_b;     /**< worst relative error over the entries of b */
    size_t at_W;        /**< index (row-major) of W's worst entry */
    size_t at_b;        /**< index of b's worst entry */
} LayerCheck;

/**
 * The forward difference \f$(E(p + \varepsilon) - E(p)) / \varepsilon\f$ for
 * element i of parameter p of net (compare numerical_gradient(), the central one).
 */
double forward_difference(Weights *net, Mat *p, size_t i, double eps, const Mat *X, const Mat *T,
                          Cache *c);

/**
 * Compare the gradient grad (from net_backward()) with central differences of
 * step eps for every parameter of net, relative errors floored at tiny; fill
 * layers[l] with layer l's worst errors and return the worst over the network.
 */
double gradcheck(Weights *net, const Weights *grad, const Mat *X, const Mat *T, double eps,
                 double tiny, LayerCheck *layers);

/**
 * The worst relative error over all parameters at step eps (floor
 * #GRADCHECK_TINY), for central differences (*central) and forward differences (*forward).
 */
void gradcheck_worst(Weights *net, const Weights *grad, const Mat *X, const Mat *T, double eps,
                     double *central, double *forward);

#endif
