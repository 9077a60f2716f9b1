/*
 * Shared by the fuzz targets: the libFuzzer entry point, and a temporary file
 * for the readers, which take paths.
 */
#ifndef NN_FUZZ_H
#define NN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/** The entry point each target defines (libFuzzer's, or replay.c's caller). */
int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

/** Write the bytes to this process's temporary file and return its path. */
const char *fuzz_write_temp(const uint8_t *bytes, size_t size);

#endif
