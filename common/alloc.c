/**
 * @file alloc.c
 * @brief Checked allocation: stop with one line naming what could not be allocated.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>

#include "cli.h"

static _Noreturn void out_of_memory(size_t count, size_t size, const char *what)
{
    cli_fail(EXIT_FAILURE_IO, "out of memory: %zu x %zu bytes for %s", count, size, what);
}

void *nn_alloc(size_t count, size_t size, const char *what)
{
    if (size != 0 && count > SIZE_MAX / size)
        out_of_memory(count, size, what);
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count, size, what);
    return p;
}

void *nn_realloc(void *p, size_t count, size_t size, const char *what)
{
    if (size != 0 && count > SIZE_MAX / size)
        out_of_memory(count, size, what);
    const size_t bytes = count * size;
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q)
        out_of_memory(count, size, what);
    return q;
}
