/*
 * libFuzzer target: the weight-file reader on arbitrary bytes.
 * Properties: it never crashes or leaks; it fails with a message that starts
 * with the file's name, or it returns weights whose shapes chain (W_l+1 has
 * as many rows as W_l has columns, each b one row as wide as its W), and
 * writing them and reading them back gives the same doubles.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../weights.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *path = fuzz_write_temp(bytes, size);
    Weights w;
    char err[512] = "";
    if (weights_read(&w, path, err, sizeof err) != 0) {
        assert(strncmp(err, path, strlen(path)) == 0 && strchr(err, '\n') == NULL);
        return 0;
    }
    assert(w.n_layers >= 1 && w.n_layers <= WEIGHTS_MAX_LAYERS);
    for (int l = 0; l < w.n_layers; l++) {
        assert(w.b[l].rows == 1 && w.b[l].cols == w.W[l].cols);
        assert(l == 0 || w.W[l].rows == w.W[l - 1].cols);
    }
    char again[600];
    snprintf(again, sizeof again, "%s.again", path);
    Weights back;
    assert(weights_write(&w, again, "round trip", err, sizeof err) == 0);
    assert(weights_read(&back, again, err, sizeof err) == 0);
    assert(back.n_layers == w.n_layers);
    for (int l = 0; l < w.n_layers; l++) {
        assert(memcmp(w.W[l].data, back.W[l].data, mat_size(&w.W[l]) * sizeof(double)) == 0);
        assert(memcmp(w.b[l].data, back.b[l].data, mat_size(&w.b[l]) * sizeof(double)) == 0);
    }
    remove(again);
    weights_free(&w);
    weights_free(&back);
    return 0;
}
