/**
 * @file chapters/11-rnn/model.h
 * @brief Chapter 11's model: a recurrent cell (vanilla tanh RNN or LSTM) read over a chunk of text.
 *
 * A batch is B streams of text read side by side, T characters at a time (a
 * chunk); ids are stored time-major, `x[t * B + k]` the character of stream k
 * at step t. For each step the cell turns the character x_t and the state
 * h_{t-1} (and, for the LSTM, its memory c_{t-1}) into h_t; the output layer
 * reads every h_t:
 *
 *     Z_t = h_t Why + by                  B x V: logits of the next character
 *     E   = mean over the T B positions of -log softmax(Z_t)[target]
 *
 * The parameters live in one array in the order of the weight file, so one
 * call of an optimiser updates them all; the matrices are views into it:
 *
 * | cell | file | shape | meaning |
 * | --- | --- | --- | --- |
 * | rnn | `Wxh` | V x H | input to hidden: row x_t is x_t's one-hot times Wxh |
 * | rnn | `Whh` | H x H | hidden to hidden |
 * | rnn | `bh` | 1 x H | hidden bias |
 * | lstm | `Wx` | V x 4H | input to the four gates, columns [i \| f \| g \| o], H each |
 * | lstm | `Wh` | H x 4H | previous h to the four gates, the same columns |
 * | lstm | `b` | 1 x 4H | the gates' biases, the same columns |
 * | both | `Why` | H x V | hidden to the logits |
 * | both | `by` | 1 x V | the logits' bias |
 *
 * (i: input gate, f: forget gate, g: the candidate, o: output gate; see lstm.h.)
 */
#ifndef CH11_MODEL_H
#define CH11_MODEL_H

#include <stddef.h>

#include "../../common/matrix.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** Which recurrent cell. */
typedef enum { CELL_RNN, CELL_LSTM } CellKind;

/** The parameters (or their gradient: the same layout). */
typedef struct {
    CellKind cell;  /**< rnn or lstm */
    int V;          /**< the vocabulary: inputs and outputs */
    int H;          /**< hidden units (the state's size) */
    int G;          /**< the pre-activations per step: H for the rnn, 4H for the lstm */
    double *p;      /**< every parameter, in the weight file's order */
    size_t n;       /**< how many */
    Mat Wx;         /**< V x G: `Wxh` (rnn) or `Wx` (lstm) */
    Mat Wh;         /**< H x G: `Whh` (rnn) or `Wh` (lstm) */
    Mat b;          /**< 1 x G: `bh` (rnn) or `b` (lstm) */
    Mat Why;        /**< H x V */
    Mat by;         /**< 1 x V */
} Model;

/** The state carried from one step to the next, for B streams: h (and the lstm's c), B x H each. */
typedef struct {
    Mat h;          /**< the hidden state */
    Mat c;          /**< the lstm's memory cell (unused by the rnn, but allocated) */
} State;

/** What the forward pass over a chunk keeps for the backward pass (chunks of up to T steps of B streams). */
typedef struct {
    int B;          /**< streams */
    int T;          /**< steps of the chunk the last forward pass read */
    int capacity;   /**< the most steps */
    Mat hs;         /**< (T+1)B x H: rows [0, B) the state before the chunk, rows [(t+1)B, (t+2)B) h_t */
    Mat cs;         /**< (T+1)B x H: the same for the lstm's c */
    Mat acts;       /**< TB x G: the lstm's gates after their activations, [i | f | g | o] */
    Mat Z;          /**< TB x V: the logits, then dE/dZ */
    Mat dH;         /**< TB x H: dE/dh_t from the output layer at each step */
    Mat dh;         /**< B x H: dE/dh_t, all of it (the step's own output and the steps after) */
    Mat dh_next;    /**< B x H: dE/dh_{t-1} coming back from step t */
    Mat dc;         /**< B x H: the lstm's dE/dc_t */
    Mat dc_next;    /**< B x H: the lstm's dE/dc_{t-1} */
    Mat dpre;       /**< B x G: dE/d(pre-activations) of one step */
    double *dh_norm;/**< capacity: the norm of dE/dh_t at each step (the Frobenius norm over the B streams) */
} Chunk;

/** The number of parameters of a cell of H units over V characters. */
size_t model_size(CellKind cell, int V, int H);

/** "rnn" or "lstm". */
const char *cell_name(CellKind cell);

/** A model with every parameter 0 (see model_init()). */
Model model_new(CellKind cell, int V, int H);

/**
 * The starting weights: Wx normal with standard deviation 0.5 (a one-hot
 * input picks one row: each character starts with its own push on every unit);
 * Wh normal with standard deviation whh / sqrt(H) (whh = 1 keeps the state's
 * size through a step; below 1 it shrinks, above it grows); Why normal,
 * 0.1 / sqrt(H), so that the first predictions are nearly uniform; biases 0
 * except the lstm's forget gate, 1 (it starts by remembering).
 */
void model_init(Model *m, Rng *rng, double whh);

/** Release a model. */
void model_free(Model *m);

/** The model's five matrices under their names in the weight file. */
void model_params(const Model *m, Param p[5]);

/** A state of B streams of H units, all 0. */
State state_new(int B, int H);

/** Release a state. */
void state_free(State *s);

/** Set stream k's state to 0 (a reset: that stream starts afresh). */
void state_reset(State *s, int k);

/** A chunk's cache for B streams and up to T steps. */
Chunk chunk_new(const Model *m, int B, int T);

/** Release a chunk. */
void chunk_free(Chunk *c);

/**
 * Read T steps of the B streams x (time-major, T B ids) from the state s, which
 * becomes the state after the chunk; the logits in c->Z. With targets y (T B
 * ids, time-major), returns the mean cross-entropy over the T B positions (else 0).
 */
double model_forward(const Model *m, const int *x, const int *y, int T, State *s, Chunk *c);

/**
 * The gradient of the mean loss of the last model_forward() into g
 * (overwritten); with s0 (may be NULL), dE/d(the state before the chunk) into
 * s0. Fills c->dh_norm. Truncated BPTT: nothing flows into the chunk before.
 */
void model_backward(const Model *m, const int *x, const int *y, Chunk *c, Model *g, State *s0);

/** model_backward()'s first half: dE/dZ into c->Z, dE/dWhy and dE/dby into g, dE/dh_t into c->dH. */
void output_backward(const Model *m, const int *y, Chunk *c, Model *g);

#endif
