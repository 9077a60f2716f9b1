/**
 * @file arena.h
 * @brief Chapter 08: one block of memory per training step, handed out in pieces and freed at once.
 *
 * The tape makes a dozen nodes and their matrices on every step and forgets
 * them all when the step is done. Asking malloc() for each and free() for each
 * would work; an arena does it with one pointer: arena_alloc() moves it
 * forward, arena_reset() moves it back to the start. When a step needs more
 * than the block holds, a new block is chained on; the next reset replaces the
 * chain by one block as large as the whole step, so from the second step on
 * a training loop allocates nothing.
 */
#ifndef CH08_ARENA_H
#define CH08_ARENA_H

#include <stddef.h>

/** One block of the chain (a header, then the bytes handed out). */
typedef struct ArenaBlock ArenaBlock;

/** An arena: the current block, the blocks that filled up before it, and how much a step took. */
typedef struct {
    ArenaBlock *block;  /**< the block pieces come from now; it links to the ones before it */
    size_t used;        /**< bytes handed out from this block */
    size_t step;        /**< bytes handed out since the last reset, in every block */
    size_t peak;        /**< the most bytes one step has needed */
} Arena;

/** An empty arena (its first arena_alloc() makes a block). */
void arena_init(Arena *a);

/** bytes of memory, aligned for any type, valid until arena_reset(); stops the program if memory runs out. */
void *arena_alloc(Arena *a, size_t bytes);

/** Forget every piece at once; keep one block large enough for the largest step so far. */
void arena_reset(Arena *a);

/** Release every block. */
void arena_free(Arena *a);

#endif
