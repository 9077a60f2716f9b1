/**
 * @file chapters/12-gpt/train.h
 * @brief Training in float on double master weights: batches, a step of AdamW, and the loss over a text.
 */
#ifndef CH12_TRAIN_H
#define CH12_TRAIN_H

#define REAL_F32
#include "gpt.h"
#undef REAL_F32
#include "../../common/rng.h"

/** Everything a training run keeps from step to step. */
typedef struct {
    Shape s;            /**< the model's layout */
    double *w;          /**< the master weights (the caller's), double */
    float *wf;          /**< their float copy, which the forward and backward passes read */
    float *gf;          /**< the gradient in float */
    double *g;          /**< the gradient in double, clipped, for AdamW */
    AdamW opt;          /**< AdamW's state */
    Acts_f32 acts;      /**< the passes' memory, for B sequences */
    int *x;             /**< a batch: B sequences of T ids */
    int *y;             /**< their targets (the ids shifted by one) */
    long step;          /**< steps done */
    long steps;         /**< steps in all */
    double lr;          /**< the peak learning rate */
    long warmup;        /**< steps of warm-up */
    double clip;        /**< the global norm to clip to (0: none) */
    double norm;        /**< the last step's gradient norm before clipping */
} Trainer;

/** A trainer for the weights w (laid out as s), B sequences a step. */
Trainer trainer_new(const Shape *s, double *w, int B, long steps, double lr, long warmup, double weight_decay,
                    double clip);

/** Release it (not the weights). */
void trainer_free(Trainer *t);

/** The float copy of the master weights (n numbers). */
void weights_to_float(float *wf, const double *w, size_t n);

/** One step: a batch of B random windows of the training ids (n of them), forward, backward, clip, AdamW. Returns the batch's loss. */
double train_step(Trainer *t, const int *ids, long n, Rng *rng);

/**
 * The mean cross-entropy (nats a byte) of the model wf on the ids (n of
 * them), over windows of T bytes T/2 apart, each scoring its last T - T/2
 * predictions (the first window all): every byte of the text predicted from
 * at least T/2 bytes before it. With limit > 0, about limit bytes' worth of
 * windows spread evenly over the text instead.
 */
double evaluate(const Shape *s, const float *wf, Acts_f32 *a, const int *ids, long n, long limit);

#endif
