/**
 * @file data.h
 * @brief Reading a data set: CSV with a header line, inputs first, targets last.
 *
 *     x1,x2,t
 *     -1,-1,-1
 *     -1,1,1
 *
 * Accepted: Unix or Windows (CRLF) line ends, a UTF-8 byte-order mark, spaces
 * around values, blank lines (skipped). Rejected, with `file:line: problem`:
 * a missing or unreadable file, an empty file, a header without samples, a
 * header that is all numbers (forgotten header), a row with the wrong number
 * of values, a value that is not a finite number.
 */
#ifndef NN_DATA_H
#define NN_DATA_H

#include "matrix.h"

/** A data set: N samples, each a row of X (inputs) and of T (targets). */
typedef struct {
    int n;          /**< number of samples N */
    int n_in;       /**< number of input columns */
    int n_out;      /**< number of target columns */
    char **names;   /**< the n_in + n_out column names from the header */
    Mat X;          /**< N x n_in inputs */
    Mat T;          /**< N x n_out targets */
    int *line;      /**< the file line of each sample, for messages */
} Dataset;

/**
 * Read the CSV file at path, whose last n_out columns are targets.
 * Returns 0, or -1 with a one-line message `path:line: problem` in err.
 * On failure d is left empty and needs no data_free().
 */
int data_load(Dataset *d, const char *path, int n_out, char *err, size_t errlen);

/** Release a data set filled by data_load(). */
void data_free(Dataset *d);

/**
 * Check that every target is one of the given values (e.g. -1 and 1).
 * Returns 0, or -1 with `path:line: t is 0.5, expected one of -1, 1` in err.
 */
int data_check_targets(const Dataset *d, const char *path, const double *allowed, int n_allowed,
                       char *err, size_t errlen);

#endif
