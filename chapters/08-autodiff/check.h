/**
 * @file check.h
 * @brief Chapter 08: every operation of both engines checked against central differences.
 *
 * Chapter 03's method: move one input by \f$\pm\varepsilon\f$, and compare
 * \f$(f(p + \varepsilon) - f(p - \varepsilon)) / 2\varepsilon\f$ with the
 * gradient the engine computed. The relative error is
 * \f$|a - n| / \max(|a|, |n|, \tau)\f$ with the floor \f$\tau\f$ = #CHECK_TINY,
 * below which a gradient is compared absolutely (the rounding noise of a
 * central difference is about \f$10^{-10}\f$ here).
 */
#ifndef CH08_CHECK_H
#define CH08_CHECK_H

/** The step of the central differences. */
#define CHECK_EPS 1e-5
/** The floor of the relative error. */
#define CHECK_TINY 1e-3
/** A gradient passes when its relative error is below this. */
#define CHECK_LIMIT 1e-6

/**
 * Every scalar operation, and a node used twice and three times, through
 * --expr's language: print a line per derivative; returns the worst relative error.
 */
double check_scalars(void);

/**
 * Every matrix operation of the tape on small random matrices, and two small
 * networks: print a line per case with its worst relative error over every
 * element of every parameter; returns the worst.
 */
double check_tape(void);

/**
 * Both checks, check_scalars() then check_tape(), under a heading each, and
 * the verdict: `Checked: PASSED` when the worst relative error is below
 * #CHECK_LIMIT. Returns 0 then, else 1.
 */
int check_engines(void);

#endif
