/**
 * @file chapters/12-gpt/tape_attention.h
 * @brief Chapter 08's tape, and the four operations a transformer needs that it did not have.
 *
 * Chapter 08's engine (its tape.h) is used as it is; tape_attention.c compiles
 * chapter 08's files and adds, each forward pass beside its backward pass:
 *
 *     C = A + B            dA += dC, dB += dC
 *     C = A^T              dA += dC^T
 *     C = softmax(A) rows  dA_ij += C_ij (dC_ij - sum_k C_ik dC_ik)
 *     C = 1 / sqrt(A + e)  dA += dC * (-1/2) C^3
 *
 * With these and chapter 08's own, check.c writes the whole model out on the
 * tape: layer norm, GELU, the heads (rows and columns picked by products with
 * constant 0/1 matrices), the causal mask (a constant added to the scores).
 */
#ifndef CH12_TAPE_ATTENTION_H
#define CH12_TAPE_ATTENTION_H

#include "../08-autodiff/tape.h"

/** A + B, element by element. */
Node *t_add(Node *a, Node *b);

/** A^T. */
Node *t_transpose(Node *a);

/** The softmax of each row of A. */
Node *t_softmax_rows(Node *a);

/** 1 / sqrt(A + e) of every element (layer norm's rstd). */
Node *t_rsqrt(Node *a, double e);

#endif
