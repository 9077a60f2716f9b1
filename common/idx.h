/**
 * @file idx.h
 * @brief Image sets in the IDX format of MNIST and Fashion-MNIST, gzipped or plain.
 *
 * An IDX file is a big-endian header, then unsigned bytes:
 *
 *     0x00 0x00 0x08 D       magic: two zero bytes, type 0x08 (unsigned byte), D dimensions
 *     D x uint32             the size of each dimension, big-endian
 *     bytes                  dims[0] * dims[1] * ... values, the last dimension fastest
 *
 * Images are `0x00000803` (N x rows x cols), labels `0x00000801` (N). A set
 * is two such files in one directory, `NAME-images-idx3-ubyte[.gz]` and
 * `NAME-labels-idx1-ubyte[.gz]` with NAME `train` or `t10k`, as both data
 * sets ship them. zlib's gzread() reads a `.gz` file and a plain one alike.
 *
 * Pixels stay bytes in memory (47 MB for Fashion-MNIST's 60 000 training
 * images, where doubles would take 376 MB); idx_batch() turns the rows a
 * mini-batch needs into doubles \f$x = \text{pixel} / 255\f$.
 */
#ifndef NN_IDX_H
#define NN_IDX_H

#include <stddef.h>

#include "matrix.h"

/** The most dimensions an IDX array of the course may have (images have 3). */
#define IDX_MAX_DIMS 3

/** One IDX file's array of unsigned bytes. */
typedef struct {
    int ndims;                  /**< number of dimensions D */
    long dims[IDX_MAX_DIMS];    /**< dims[0] items (after any limit), each dims[1] x ... bytes */
    unsigned char *data;        /**< dims[0] * ... * dims[D-1] bytes */
} IdxArray;

/**
 * Read the IDX file at path, which must have ndims dimensions of unsigned
 * bytes; with limit > 0 only its first limit items (along dimension 0).
 * Returns 0, or -1 with `path: problem` in err (a is then left empty).
 */
int idx_read(IdxArray *a, const char *path, int ndims, long limit, char *err, size_t errlen);

/** Release an array filled by idx_read(); releasing twice is harmless. */
void idx_free(IdxArray *a);

/** A set of labelled images: image k is pixels[k * rows * cols ...], its class labels[k]. */
typedef struct {
    int n;                  /**< number of images N */
    int rows;               /**< pixel rows per image (28) */
    int cols;               /**< pixel columns per image (28) */
    unsigned char *pixels;  /**< N * rows * cols bytes, 0 (background) to 255 */
    unsigned char *labels;  /**< N classes, each below the n_classes given to idx_load_set() */
} ImageSet;

/**
 * Read the set NAME (`train` or `t10k`) from directory dir: its images and
 * labels files, the first limit of each when limit > 0. Checks that the two
 * files hold as many items and that every label is below n_classes.
 * Returns 0, or -1 with `file: problem` in err (s is then left empty); a file
 * that cannot be opened gets a hint on where the sets come from.
 */
int idx_load_set(ImageSet *s, const char *dir, const char *name, long limit, int n_classes, char *err,
                 size_t errlen);

/** Release a set filled by idx_load_set(); releasing twice is harmless. */
void idx_free_set(ImageSet *s);

/**
 * Gather a mini-batch: row k of X (X.rows images, rows * cols columns) becomes
 * image index[k] of s as doubles pixel / 255.
 */
void idx_batch(Mat *X, const ImageSet *s, const int *index);

/**
 * The batch of up to B images order[start], order[start+1], ... of s (fewer
 * at the end of the set): their pixels into the first rows of X (as
 * idx_batch()) and their classes into labels. Returns those rows of X (mat_rows()).
 */
Mat idx_gather(const ImageSet *s, const int *order, int start, int B, Mat *X, int *labels);

/** A new array 0, 1, ..., n-1: the file's order (free it). */
int *idx_order(int n);

#endif
