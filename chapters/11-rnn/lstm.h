/**
 * @file chapters/11-rnn/lstm.h
 * @brief The LSTM cell (Hochreiter and Schmidhuber, 1997, with a forget gate): one step forward and back.
 *
 * The pre-activations of the four gates come from one product, B x 4H, its
 * columns in four blocks of H:
 *
 *     [a_i | a_f | a_g | a_o] = x_t Wx + h_{t-1} Wh + b
 *     i = s(a_i), f = s(a_f), o = s(a_o)     input, forget and output gates (sigmoid)
 *     g = tanh(a_g)                          the candidate
 *     c_t = f c_{t-1} + i g                  the memory: kept by f, written by i
 *     h_t = o tanh(c_t)                      what the cell shows
 *
 * (all products element by element). The weight file holds `Wx V 4H`,
 * `Wh H 4H`, `b 1 4H`, `Why H V`, `by 1 V`; in each of the first three, columns
 * 0..H-1 belong to i, H..2H-1 to f, 2H..3H-1 to g, 3H..4H-1 to o.
 */
#ifndef CH11_LSTM_H
#define CH11_LSTM_H

#include "model.h"

/**
 * One step of the B streams: the activated gates [i | f | g | o] into act
 * (B x 4H), then c and h from c_prev and h_prev.
 */
void lstm_step_forward(const Model *m, const int *x, const Mat *h_prev, const Mat *c_prev, Mat *act, Mat *c, Mat *h);

/**
 * Its backward pass. In: dh = dE/dh_t, dc = dE/dc_t from the steps after
 * (B x H each), the step's act, c_prev and c. Out: the step's share of the
 * gradient added to g's Wx (rows x), Wh and b; dh_prev and dc_prev, what
 * flows back into h_{t-1} and c_{t-1}; dpre (B x 4H) is workspace.
 */
void lstm_step_backward(const Model *m, const int *x, const Mat *h_prev, const Mat *c_prev, const Mat *act,
                        const Mat *c, const Mat *dh, const Mat *dc, Model *g, Mat *dpre, Mat *dh_prev, Mat *dc_prev);

/** rnn_bptt() for the lstm: dE/dh_t and dE/dc_t carried back; dh0, dc0 (may be NULL) the state before the chunk. */
void lstm_bptt(const Model *m, const int *x, Chunk *c, Model *g, Mat *dh0, Mat *dc0);

#endif
