/**
 * @file tape.h
 * @brief Chapter 08: the same automatic differentiation on matrices, recorded on a tape.
 *
 * A node now holds a whole matrix and its gradient, a matrix of the same
 * shape: \f$\bar V = \partial E / \partial V\f$ for a scalar loss E. Each
 * operation appends its node to the tape; since a node is always made after
 * its operands, the order of the tape is already a topological order, and
 * the backward pass walks it from the end. Each operation's backward pass
 * adds to its operands' gradients, as on scalars:
 *
 *     C = A B          dA += dC B^T,        dB += A^T dC     (matmul_backward, an exercise)
 *     C = A + 1 r      dA += dC,            dr += sum over rows of dC   (r: a bias row)
 *     C = A - B        dA += dC,            dB -= dC
 *     C = A * B        dA += dC * B,        dB += dC * A     (element by element)
 *     C = s A          dA += s dC
 *     c = sum A        dA += c-bar (every element)
 *     C = f(A)         dA += dC * f'(A)     (sigmoid, tanh, ReLU)
 *     e = CE(softmax(Z), labels)    dZ += e-bar (Y - T) / B
 *
 * Only nodes that lead back to a parameter (t_param()) get a gradient:
 * the inputs and targets (t_input()) do not, and nothing is computed for them.
 * Every node and every matrix of a step come from the tape's arena, and
 * tape_reset() frees them at once.
 */
#ifndef CH08_TAPE_H
#define CH08_TAPE_H

#include "../../common/matrix.h"
#include "arena.h"

/** A matrix of a computation (below). */
typedef struct Node Node;
/** The nodes of one step (below). */
typedef struct Tape Tape;

/** A tape: the nodes of one step, newest last, and the memory they live in. */
struct Tape {
    Arena arena;    /**< every node and matrix of the step */
    Node *last;     /**< the newest node; each links to the one made before it */
    int n;          /**< nodes on the tape */
};

//! [node]
/** One matrix of a computation, and how it was made. */
struct Node {
    Mat val;                    /**< the value the forward pass computed */
    Mat grad;                   /**< dE/d(val), the same shape; empty unless needs_grad */
    Node *in[2];                /**< the operands (NULL: none, or a function of one) */
    Node *prev;                 /**< the node made just before: the tape, walked backwards */
    const char *op;             /**< "matmul", "sigmoid", ...; "input" or "param" for a leaf */
    void (*backward)(Node *out);/**< adds this node's gradient, through its local derivatives, to its operands' */
    double k;                   /**< t_scale()'s factor */
    const int *labels;          /**< t_softmax_ce(): the class of each row */
    Mat probs;                  /**< t_softmax_ce(): the softmax of each row, kept for the backward pass */
    Tape *tape;                 /**< the tape that holds the node */
    int needs_grad;             /**< 1 when a parameter is upstream: its gradient is computed */
};
//! [node]

/** An empty tape. */
void tape_init(Tape *t);

/** Forget every node at once (the next step reuses the memory). */
void tape_reset(Tape *t);

/** Release the tape's memory. */
void tape_free(Tape *t);

/** A rows x cols matrix from the tape's arena, valid until tape_reset(); not zeroed. */
Mat tape_mat(Tape *t, int rows, int cols);

/** Add a contribution to node n's gradient: \f$\bar n \mathrel{+}= c\f$ (the shapes must agree). */
void grad_add(Node *n, const Mat *c);

/** A constant on the tape: inputs, targets. It shares m's numbers and gets no gradient. */
Node *t_input(Tape *t, const Mat *m);

/** A parameter on the tape: it shares m's numbers, and tape_backward() fills its grad. */
Node *t_param(Tape *t, Mat *m);

/** A B, the matrix product: (N x K)(K x M) -> N x M. */
Node *t_matmul(Node *a, Node *b);

/** A + 1 r: the 1 x M row r added to every row of the N x M matrix A (a bias). */
Node *t_add_row(Node *a, Node *row);

/** A - B, element by element. */
Node *t_sub(Node *a, Node *b);

/** A * B, element by element. */
Node *t_mul(Node *a, Node *b);

/** s A, every element times the constant s. */
Node *t_scale(Node *a, double s);

/** The sum of every element of A: a 1 x 1 node. */
Node *t_sum(Node *a);

/** The sigmoid of every element. */
Node *t_sigmoid(Node *a);

/** tanh of every element. */
Node *t_tanh(Node *a);

/** max(0, x) of every element. */
Node *t_relu(Node *a);

/**
 * The mean cross-entropy of the softmax of each row of the B x K logits Z
 * against labels (B classes), a 1 x 1 node: chapter 04's loss,
 * \f$\frac1B \sum_k \big(\log \sum_j e^{Z_{kj}} - Z_{k, c_k}\big)\f$. Its
 * probabilities stay in the node's probs.
 */
Node *t_softmax_ce(Node *logits, const int *labels);

/**
 * Backpropagate from a 1 x 1 loss node: \f$\bar E = 1\f$, then every node from
 * the loss back to the start of the tape runs its backward function.
 */
void tape_backward(Node *loss);

#endif
