/**
 * @file alloc.h
 * @brief The course's one checked allocation: memory, or a one-line message that says what for.
 *
 * A program that runs out of memory stops with exit 1 and a line such as
 *     ch04: out of memory: 60000 x 784 bytes for the training images
 * through cli_fail(), so that the files it was writing are removed like on any
 * other failure. Nothing in the course calls malloc() or calloc() directly.
 */
#ifndef NN_ALLOC_H
#define NN_ALLOC_H

#include <stddef.h>

/**
 * count elements of size bytes each, all zero (calloc()), for what (said in
 * the message when memory runs out, or count x size overflows). A count of 0
 * still gives a valid pointer, to be freed with free().
 */
void *nn_alloc(size_t count, size_t size, const char *what);

/** realloc(p, count x size) with the same checks and message as nn_alloc(); new memory is not cleared. */
void *nn_realloc(void *p, size_t count, size_t size, const char *what);

#endif
