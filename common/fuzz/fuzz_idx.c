/*
 * libFuzzer target: the IDX reader (idx_read) on arbitrary bytes, gzipped or
 * not. Properties: it never crashes or leaks; it either fails with one line
 * that starts with the file's name, or returns an array whose dimensions are
 * all positive, within the limit asked for, and whose bytes can all be read.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../idx.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *path = fuzz_write_temp(bytes, size);
    for (int ndims = 1; ndims <= IDX_MAX_DIMS; ndims += 2) {
        for (long limit = 0; limit <= 2; limit += 2) {
            IdxArray a;
            char err[512] = "";
            if (idx_read(&a, path, ndims, limit, err, sizeof err) != 0) {
                assert(strncmp(err, path, strlen(path)) == 0 && strchr(err, '\n') == NULL);
                assert(a.data == NULL);
                continue;
            }
            assert(a.ndims == ndims && (limit == 0 || a.dims[0] <= limit));
            size_t n = 1;
            for (int d = 0; d < ndims; d++) {
                assert(a.dims[d] > 0);
                n *= (size_t)a.dims[d];
            }
            unsigned sum = 0;
            for (size_t i = 0; i < n; i++) // every byte is there (ASan would see a short buffer)
                sum += a.data[i];
            (void)sum;
            idx_free(&a);
        }
    }
    return 0;
}
