/**
 * @file chapters/12-gpt/generate.h
 * @brief Making text up: the next byte's logits with a KV cache (one position's work) or without (the whole window).
 */
#ifndef CH12_GENERATE_H
#define CH12_GENERATE_H

#include "../../common/rng.h"
#include "train.h"

/**
 * A model reading one byte at a time. The window is the bytes it reads, at most
 * T: when it is full, it keeps its last T/2 bytes and goes on from there
 * (positions restart at 0, so keys and values must be computed again).
 * With the cache, each block keeps the keys and values of the window's
 * positions, and a new byte costs one position's work; without it, each byte
 * runs the model over the whole window.
 */
typedef struct {
    Shape s;            /**< the model's layout */
    const float *w;     /**< its weights */
    int cached;         /**< 1: keep keys and values; 0: the whole window each time */
    int *window;        /**< the bytes it reads now (at most T) */
    int n;              /**< how many */
    float *k;           /**< L T x E: each block's keys of the window's positions */
    float *v;           /**< L T x E: and their values */
    float *x;           /**< E: one position's stream */
    float *ln;          /**< E: a layer norm of it */
    float *qkv;         /**< 3E: its query, key and value */
    float *heads;       /**< E: the heads' outputs */
    float *mid;         /**< E: the stream after attention */
    float *hid;         /**< 4E: the MLP's hidden layer */
    float *act;         /**< 4E: after GELU */
    float *att;         /**< T: one head's weights */
    float *logits;      /**< V: the next byte's logits */
    Acts_f32 full;      /**< one sequence's forward pass: without the cache, and to refill it */
} Reader;

/** A reader of the model w (laid out as s), with the KV cache or without. */
Reader reader_new(const Shape *s, const float *w, int cached);

/** Release it. */
void reader_free(Reader *r);

/** Read one more byte id: r->logits become the logits of the byte after it. */
void reader_push(Reader *r, int id);

/**
 * Draw the next byte id from r->logits at this temperature, from the top_k likeliest
 * (0: all), through common/sample.h's sample_logits().
 */
int reader_draw(const Reader *r, double temperature, int top_k, Rng *rng);

#endif
