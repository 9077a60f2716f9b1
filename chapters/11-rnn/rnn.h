/**
 * @file chapters/11-rnn/rnn.h
 * @brief The vanilla RNN: one step forward and back, backpropagation through time, clipping.
 *
 * With the notation of the chapter page (B streams, one row each):
 *
 *     a_t = x_t Wxh + h_{t-1} Whh + bh        B x H   (x_t one-hot: row x_t of Wxh)
 *     h_t = tanh(a_t)
 *
 * These are the functions the exercises ask for (exercises.c holds them as
 * stubs): the step's backward pass, the loop over time that carries
 * dE/dh_t backwards, and clipping a gradient by its global norm.
 */
#ifndef CH11_RNN_H
#define CH11_RNN_H

#include <stddef.h>

#include "model.h"

/** One step of the B streams: h = tanh(x Wxh + h_prev Whh + bh), x the B ids of the step. */
void rnn_step_forward(const Model *m, const int *x, const Mat *h_prev, Mat *h);

/**
 * Its backward pass. In: dh = dE/dh_t (B x H), h_prev and h the step's
 * h_{t-1} and h_t. Out: dh overwritten with dE/da_t = dh (1 - h_t^2); the
 * step's share of the gradient added to g's Wxh (rows x), Whh and bh; and
 * dh_prev = dE/da_t Whh^T, what flows back into h_{t-1}.
 */
void rnn_step_backward(const Model *m, const int *x, const Mat *h_prev, const Mat *h, Mat *dh, Model *g,
                       Mat *dh_prev);

/**
 * Backpropagation through the chunk of the last model_forward(): with
 * c->dH (dE/dh_t from the output layer) filled, for t = T-1 down to 0:
 * dE/dh_t = c->dH's rows of step t + what came back from step t+1, its norm
 * into c->dh_norm[t], then rnn_step_backward(). Adds to g's Wxh, Whh, bh (the
 * caller clears them); dE/dh_{-1}, the state before the chunk, into dh0.
 */
void rnn_bptt(const Model *m, const int *x, Chunk *c, Model *g, Mat *dh0);

/**
 * Clip the gradient g (n numbers) by its global norm: when
 * \f$\|g\| = \sqrt{\sum_i g_i^2} > c\f$, scale all of g by \f$c / \|g\|\f$
 * (its direction kept). c <= 0: no clipping. Returns the norm before.
 */
double clip_global_norm(double *g, size_t n, double c);

#endif
