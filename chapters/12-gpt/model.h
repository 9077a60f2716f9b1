/**
 * @file chapters/12-gpt/model.h
 * @brief Chapter 12's model as numbers: its shape, where each matrix lives in one array, its
 *        starting weights, and AdamW on the double-precision master copy.
 *
 * Every parameter lives in one array, in the order of the weight file, so that one
 * loop converts, clips or updates them all; a matrix is an offset into it:
 *
 * | name | shape | meaning |
 * | --- | --- | --- |
 * | `tok` | V x E | token embeddings: row i is byte id i's vector |
 * | `pos` | T x E | position embeddings: row t is added at position t |
 * | `ln1_g<l>`, `ln1_b<l>` | 1 x E | block l's first layer norm: gain and bias |
 * | `Wqkv<l>`, `bqkv<l>` | E x 3E, 1 x 3E | queries, keys, values: columns [0,E) Q, [E,2E) K, [2E,3E) V |
 * | `Wo<l>`, `bo<l>` | E x E, 1 x E | the heads' outputs, concatenated, back to the stream |
 * | `ln2_g<l>`, `ln2_b<l>` | 1 x E | block l's second layer norm |
 * | `W1<l>`, `b1<l>` | E x 4E, 1 x 4E | the MLP's first layer (then GELU) |
 * | `W2<l>`, `b2<l>` | 4E x E, 1 x E | the MLP's second layer |
 * | `lnf_g`, `lnf_b` | 1 x E | the final layer norm |
 * | `Wout`, `bout` | E x V, 1 x V | the logits of the next byte |
 */
#ifndef CH12_MODEL_H
#define CH12_MODEL_H

#include <stddef.h>

#include "../../common/optim.h"
#include "../../common/rng.h"
#include "../../common/weights.h"

/** The most blocks a model may have. */
#define MAX_LAYERS 16

/** Where each of a block's matrices starts, counted from the block's own start (the table above). */
typedef struct {
    size_t ln1_g;   /**< the first layer norm's gain */
    size_t ln1_b;   /**< and its bias */
    size_t Wqkv;    /**< queries, keys and values */
    size_t bqkv;    /**< their biases */
    size_t Wo;      /**< the heads' outputs back to the stream */
    size_t bo;      /**< its bias */
    size_t ln2_g;   /**< the second layer norm's gain */
    size_t ln2_b;   /**< and its bias */
    size_t W1;      /**< the MLP's first layer */
    size_t b1;      /**< its bias */
    size_t W2;      /**< the MLP's second layer */
    size_t b2;      /**< its bias */
} BlockAt;

/** A model's sizes, and where each of its matrices lives in the array of parameters. */
typedef struct {
    int L;              /**< blocks */
    int H;              /**< heads of attention in each block */
    int E;              /**< features of the residual stream (the embedding's size) */
    int T;              /**< the context: the most positions the model reads */
    int V;              /**< the vocabulary: distinct bytes */
    size_t tok;         /**< where the token embeddings start (0) */
    size_t pos;         /**< the position embeddings */
    size_t block[MAX_LAYERS];   /**< where block l starts */
    BlockAt at;         /**< each matrix's place within a block */
    size_t lnf_g;       /**< the final layer norm's gain */
    size_t lnf_b;       /**< and its bias */
    size_t Wout;        /**< the logits' weights */
    size_t bout;        /**< and their bias */
    size_t n;           /**< every parameter */
} Shape;

/** The layout of a model of these sizes (E must be a multiple of H; the caller checks). */
Shape shape_new(int L, int H, int E, int T, int V);

/** The longest first line of a weight file: the shape's words and 2 hex digits for each of 256 bytes. */
#define SHAPE_LEN 640

/**
 * The file's first line for this shape and the bytes its ids stand for, byte_of[0 .. V-1]:
 * "layers 4 heads 4 embed 128 context 64 vocab 114 bytes 0a202122..." (two hex digits a byte), so
 * that weights made on another text of as many distinct bytes are not read as this text's.
 */
void shape_comment(const Shape *s, const unsigned char *byte_of, char out[SHAPE_LEN]);

/**
 * Read a shape from a weight file's first line (shape_comment()'s words after `# `), and in
 * byte_of the bytes of its ids. Returns 1 when the line lists them, 0 when it does not (a file
 * written before it did), or -1 with `path:1: problem` in err.
 */
int shape_read(Shape *s, unsigned char byte_of[256], const char *path, char *err, size_t errlen);

/** The matrices of an array of parameters (or of its gradient) under their names in the file. */
typedef struct {
    int n;                      /**< how many: 4 + 12 L + 4 */
    Param p[4 + 12 * MAX_LAYERS + 4];   /**< each one's name, shape and numbers */
    char names[12 * MAX_LAYERS][12];    /**< the blocks' names: "Wqkv3" */
} Params;

/** The named matrices of w, an array laid out as s says. */
void params_of(Params *out, const Shape *s, double *w);

/** Whether AdamW decays the matrix of this name: the embeddings and the W's, not the biases or the gains. */
int decays(const char *name);

/**
 * The starting weights, GPT-2's: every matrix normal with standard deviation
 * 0.02, except Wo and W2, which write into the residual stream, 0.02 / sqrt(2L)
 * (2L of them add up along it); biases 0, layer norm gains 1.
 */
void model_init(const Shape *s, double *w, Rng *rng);

/** AdamW's settings and state: the master weights are double, whatever precision the model runs in. */
typedef struct {
    Optim opt;          /**< Adam's constants and step count, with the decay lambda */
    double *m;          /**< the running mean of the gradient, one per parameter */
    double *v;          /**< the running mean of its square */
    Shape s;            /**< the model's layout: which parameters decay() */
} AdamW;

/** AdamW for the parameters of s, decoupled weight decay lambda on the matrices decays() names. */
AdamW adamw_new(const Shape *s, double lambda);

/** One step of AdamW at learning rate lr: w from its gradient g (both n long). */
void adamw_step(AdamW *a, double *w, const double *g, double lr);

/** Release AdamW's state. */
void adamw_free(AdamW *a);

#endif
