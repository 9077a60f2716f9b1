/**
 * @file arena.c
 * @brief A bump allocator: a chain of blocks, reset to one block after each step.
 */
#include "arena.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"

#define ALIGN 16            // every piece starts on 16 bytes: doubles, pointers, vector loads
#define FIRST_BLOCK 65536   // a first step's block; it grows to what a step needs

struct ArenaBlock {
    ArenaBlock *older;      // the block that filled up before this one
    size_t size;            // bytes after the header
    _Alignas(ALIGN) unsigned char bytes[];
};

static ArenaBlock *block_new(size_t size, ArenaBlock *older)
{
    ArenaBlock *b = nn_alloc(1, sizeof(ArenaBlock) + size, "a block of the tape's arena");
    b->older = older;
    b->size = size;
    return b;
}

void arena_init(Arena *a)
{
    *a = (Arena){0};
}

void *arena_alloc(Arena *a, size_t bytes)
{
    bytes = (bytes + ALIGN - 1) / ALIGN * ALIGN;
    if (!a->block || a->used + bytes > a->block->size) {
        const size_t last = a->block ? a->block->size : FIRST_BLOCK / 2;
        a->block = block_new(2 * last > bytes ? 2 * last : bytes, a->block);
        a->used = 0;
    }
    void *p = a->block->bytes + a->used;
    a->used += bytes;
    a->step += bytes;
    return p;
}

void arena_reset(Arena *a)
{
    if (a->step > a->peak)
        a->peak = a->step;
    if (a->block && a->block->older) {      // the step outgrew its block: one block for all of it
        arena_free(a);
        a->block = block_new(a->peak, NULL);
    }
    a->used = 0;
    a->step = 0;
}

void arena_free(Arena *a)
{
    for (ArenaBlock *b = a->block, *older; b; b = older) {
        older = b->older;
        free(b);
    }
    const size_t peak = a->peak;
    *a = (Arena){.peak = peak};
}
