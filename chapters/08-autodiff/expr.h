/**
 * @file expr.h
 * @brief Chapter 08: a small expression language whose expressions become scalar graphs.
 *
 *     expression  term (+ term | - term)...
 *     term        unary (* unary | / unary)...
 *     unary       - unary  |  power
 *     power       atom  |  atom ^ number          (a constant exponent, as v_pow())
 *     atom        number  |  name  |  function ( expression )  |  ( expression )
 *     function    exp  log  tanh  sigmoid  relu
 *
 * The names and their values come from a list such as `x=1,y=-2.5`. A name
 * used twice is one node used twice, so its gradient adds up. A mistake is
 * reported as a compiler would: one line with the position (counted from 1)
 * and what was expected there; so is an operation whose result is not a
 * finite number (a log of 0, a division by 0).
 */
#ifndef CH08_EXPR_H
#define CH08_EXPR_H

#include <stddef.h>

#include "value.h"

/** The most names an expression may use. */
#define EXPR_MAX_NAMES 64
/** The longest expression, in characters. */
#define EXPR_MAX_LEN 4096
/** The deepest nesting of brackets, functions and unary minus. */
#define EXPR_MAX_DEPTH 200

/** A name of the expression and its leaf. */
typedef struct {
    char name[32];  /**< the name as written */
    Value *leaf;    /**< its node: its value, and its gradient after the backward pass */
} ExprName;

/** An expression as a graph. */
typedef struct {
    Graph graph;                        /**< every node of the expression */
    Value *root;                        /**< the expression's value */
    ExprName names[EXPR_MAX_NAMES];     /**< the names, in the order of the list */
    int n_names;                        /**< how many */
} Expr;

/**
 * Read the list of names (`x=1,y=2`, may be empty) and the expression text
 * into e, computing its value. Returns 0, or -1 with a one-line message in
 * err that starts with the option (`--set` or `--expr`) and names the place
 * (e is then left empty).
 */
int expr_parse(Expr *e, const char *text, const char *names, char *err, size_t errlen);

/**
 * The backward pass from the expression's value; returns 0, or -1 with a
 * message in err when a gradient is not a finite number.
 */
int expr_gradient(Expr *e, char *err, size_t errlen);

/** Release the graph of an expression. */
void expr_free(Expr *e);

#endif
