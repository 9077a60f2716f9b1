/**
 * @file chain.h
 * @brief Chapter 08: the pieces of the chain rule that the exercises ask for (exercises.c).
 *
 * Three backward functions of scalar operations, the order in which a
 * backward pass visits the nodes, and the backward pass of the matrix
 * product. A backward function receives the node its operation made, `out`,
 * whose `grad` holds \f$\bar{out} = \partial L / \partial\, out\f$, and
 * **adds** \f$\frac{\partial\, out}{\partial\, a}\, \bar{out}\f$ to each
 * operand a's grad.
 */
#ifndef CH08_CHAIN_H
#define CH08_CHAIN_H

#include "tape.h"
#include "value.h"

/** The backward pass of out = a b: \f$\bar a \mathrel{+}= b\,\bar{out}\f$, \f$\bar b \mathrel{+}= a\,\bar{out}\f$. */
void mul_backward(Value *out);

/** The backward pass of out = a / b: \f$\bar a \mathrel{+}= \bar{out} / b\f$, \f$\bar b \mathrel{+}= -a\,\bar{out} / b^2\f$. */
void div_backward(Value *out);

/** The backward pass of out = tanh a: \f$\bar a \mathrel{+}= (1 - out^2)\,\bar{out}\f$. */
void tanh_backward(Value *out);

/**
 * Every node that root depends on, root included, each once, into order,
 * every node after its operands (a topological order); returns how many.
 * Marks the nodes it visits with `visited = 1`; on entry every mark is 0.
 */
int topo_sort(Value *root, Value **order);

/**
 * The backward pass of the matrix product C = A B: \f$\bar A \mathrel{+}= \bar C B^T\f$
 * and \f$\bar B \mathrel{+}= A^T \bar C\f$, each only when that operand needs a gradient.
 */
void matmul_backward(Node *out);

#endif
