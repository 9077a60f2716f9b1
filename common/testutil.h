/**
 * @file testutil.h
 * @brief Helpers for the Criterion tests: temporary files, random networks, a tiny image set.
 */
#ifndef NN_TESTUTIL_H
#define NN_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "matrix.h"
#include "rng.h"
#include "weights.h"

/**
 * Write text to a new temporary file and return its path in path (which
 * must hold 64 bytes). The tests remove it with remove().
 */
void test_temp_file(char *path, const char *text, size_t len);

/** Read a whole file into a new NUL-terminated buffer (free it), or NULL. */
char *test_read_file(const char *path);

/**
 * Run run() in a child process (a call that exits: a failure, --help) and
 * catch what it writes to file descriptor fd (1 or 2) into buf, and its exit
 * status (as waitpid() gives it) into *status.
 */
void test_output_of(void (*run)(void), int fd, int *status, char *buf, size_t len);

/**
 * A network of the given sizes, weights uniform in [-w_range, w_range] and
 * biases in [-b_range, b_range], drawn layer by layer (W then b) from seed.
 */
Weights test_random_net(int n_layers, const int *sizes, uint64_t seed, double w_range, double b_range);

/**
 * n "images" of d pixels in `classes` classes that a small network learns in a
 * few steps: sample k has class k % classes and is bright (0.8 + noise) in the
 * pixel of its class, dark (noise in [0, 0.2)) elsewhere; the noise comes from
 * rng, row by row. Fills labels[0..n) and returns the n x d inputs.
 */
Mat test_bright_pixels(Rng *rng, int n, int d, int classes, int *labels);

#endif
