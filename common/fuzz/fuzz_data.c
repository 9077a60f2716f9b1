/*
 * libFuzzer target: the CSV reader (data_load) on arbitrary bytes.
 * Properties: it never crashes or leaks; it either fails with a message that
 * starts with the file's name, or returns a data set whose shapes agree and
 * whose values are all finite.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../data.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *path = fuzz_write_temp(bytes, size);
    for (int n_out = 1; n_out <= 2; n_out++) {
        Dataset d;
        char err[512] = "";
        if (data_load(&d, path, n_out, err, sizeof err) != 0) {
            assert(strncmp(err, path, strlen(path)) == 0 && strchr(err, '\n') == NULL);
            continue;
        }
        assert(d.n > 0 && d.n_in > 0 && d.n_out == n_out);
        assert(d.X.rows == d.n && d.X.cols == d.n_in && d.T.rows == d.n && d.T.cols == n_out);
        for (size_t i = 0; i < mat_size(&d.X); i++)
            assert(isfinite(d.X.data[i]));
        for (size_t i = 0; i < mat_size(&d.T); i++)
            assert(isfinite(d.T.data[i]));
        data_free(&d);
    }
    return 0;
}
