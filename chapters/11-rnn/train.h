/**
 * @file chapters/11-rnn/train.h
 * @brief Reading a text as B streams of chunks, training with Adam on them, and the loss on a text.
 */
#ifndef CH11_TRAIN_H
#define CH11_TRAIN_H

#include <stdio.h>

#include "../../common/optim.h"
#include "model.h"

/**
 * B streams over a text of n ids: stream k reads [k L, (k+1) L), L = n / B,
 * T characters a chunk (and the one after them, the last target); all streams
 * move together, and come back to their start (their state reset) when the
 * next chunk would pass their end.
 */
typedef struct {
    const int *ids;     /**< the text */
    long n;             /**< its length */
    int B;              /**< streams */
    int T;              /**< steps a chunk */
    long L;             /**< each stream's length */
    long pos;           /**< where the next chunk starts in each stream */
    long chunks;        /**< chunks read */
    int *x;             /**< T B inputs of the current chunk, time-major */
    int *y;             /**< T B targets: the characters one further */
} Streams;

/** Streams of B x T chunks over ids (n of them); needs n >= B (T + 1). */
Streams streams_new(const int *ids, long n, int B, int T);

/** Release them. */
void streams_free(Streams *s);

/**
 * The next chunk into s->x and s->y; returns 1 when the streams came back to
 * their start (the caller resets the state), else 0.
 */
int streams_next(Streams *s);

/**
 * The mean cross-entropy of the model on the text ids (n >= 2): up to 64
 * streams from evenly spaced places, chunks of T, the state carried and never
 * reset, every character but each stream's first predicted. With limit > 0,
 * each stream reads only limit / 64 characters (a slice spread over the text).
 */
double evaluate(const Model *m, const int *ids, long n, int T, long limit);

/** An optimiser and its state, shaped like the model. */
typedef struct {
    Model grad;         /**< the gradient of the last step */
    Model m1;           /**< Adam's first moment */
    Model m2;           /**< Adam's second moment */
    Optim opt;          /**< Adam's settings and its count of steps */
    State state;        /**< the carried state of the B streams */
    Chunk chunk;        /**< the forward pass's cache */
    long step;          /**< steps taken */
    long steps;         /**< steps in all (the schedule runs over them) */
    double lr;          /**< the peak learning rate */
    int cosine;         /**< the schedule: cosine, else constant */
    double clip;        /**< clip the gradient to this global norm (0: no) */
    long reset;         /**< reset the state every reset chunks (0: only when the streams wrap) */
    double norm;        /**< the last step's gradient norm, before clipping */
} Trainer;

/** A trainer for this model, B streams of chunks of T. */
Trainer trainer_new(const Model *m, int B, int T, long steps, double lr, int cosine, double clip, long reset);

/** Release it. */
void trainer_free(Trainer *t);

/** One step: the next chunk forward and back, clip, Adam. Returns the chunk's mean loss. */
double train_step(Model *m, Trainer *t, Streams *s);

#endif
