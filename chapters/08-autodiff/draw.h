/**
 * @file draw.h
 * @brief Chapter 08: a scalar graph drawn by Graphviz, every node with its value and gradient.
 */
#ifndef CH08_DRAW_H
#define CH08_DRAW_H

#include <stdio.h>

#include "value.h"

/**
 * Write everything root depends on in Graphviz's dot language, from left
 * to right: a box per node (its name, value and gradient; leaves shaded,
 * root outlined) and an oval per operation between its operands and its
 * result; title (may be NULL) above. `dot -Tpng FILE -o PNG` draws it.
 */
void draw_graph(FILE *f, Value *root, const char *title);

#endif
