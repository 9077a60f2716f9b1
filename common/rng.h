/**
 * @file rng.h
 * @brief The course's seeded random generator: the same numbers on every machine.
 *
 * Algorithm: xoshiro256** (Blackman and Vigna, 2018), a 256-bit state
 * advanced with shifts, rotations and xors, so every compiler and machine
 * produces the same 64-bit sequence. The seed is spread over the state with
 * splitmix64, as the authors recommend, so nearby seeds give unrelated streams.
 *
 * - uniform doubles take the top 53 bits: `(x >> 11) * 2^-53`, in [0, 1);
 * - normal doubles use Marsaglia's polar method, which needs only `log` and
 *   `sqrt` (no trigonometry), and returns the pair's second value on the next call.
 *
 * Nothing in the course calls rand(): every random choice flows from one Rng
 * seeded by the program's `--seed`.
 */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stdint.h>

/** Generator state; initialise with rng_seed() before use. */
typedef struct {
    uint64_t s[4];    /**< xoshiro256** state, never all zero */
    int has_spare;    /**< 1 when `spare` holds the second normal of a pair */
    double spare;     /**< the saved second normal */
} Rng;

/** Start the generator from a seed; any value, including 0, is fine. */
void rng_seed(Rng *r, uint64_t seed);

/** The next 64 random bits. */
uint64_t rng_next(Rng *r);

/** A uniform double in [0, 1). */
double rng_uniform(Rng *r);

/** A uniform double in [lo, hi). */
double rng_range(Rng *r, double lo, double hi);

/** A standard normal double (mean 0, variance 1). */
double rng_normal(Rng *r);

/** A uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(Rng *r, uint64_t n);

/**
 * Put the n numbers of a into a uniformly random order, each of the n!
 * orders equally likely (the Fisher-Yates shuffle, which chapter 04's puzzle
 * asks the learner to write), so that every chapter that reshuffles its
 * training set draws the same orders.
 */
void rng_shuffle(Rng *r, int *a, int n);

#endif
