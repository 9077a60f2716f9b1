/**
 * @file testutil.h
 * @brief Helpers for the Criterion tests: temporary files with given contents.
 */
#ifndef NN_TESTUTIL_H
#define NN_TESTUTIL_H

#include <stddef.h>

/**
 * Write text to a new temporary file and return its path in path (which
 * must hold 64 bytes). The tests remove it with remove().
 */
void test_temp_file(char *path, const char *text, size_t len);

/** Read a whole file into a new NUL-terminated buffer (free it), or NULL. */
char *test_read_file(const char *path);

#endif
