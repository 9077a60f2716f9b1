/**
 * @file draw.c
 * @brief Chapter 08: writing a scalar graph in Graphviz's dot language.
 */
#include "draw.h"

#include <stdlib.h>

#include "../../common/alloc.h"

/* Text inside a record label: the characters that structure a record, escaped. */
static void put_label(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '{' || *s == '}' || *s == '|' || *s == '<' || *s == '>' || *s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
}

void draw_graph(FILE *f, Value *root, const char *title)
{
    Value **order = nn_alloc((size_t)root->graph->n, sizeof(Value *), "the graph's order");
    if (!order) {
        fprintf(stderr, "draw: out of memory\n");
        exit(1);
    }
    const int n = value_order(root, order);
    fprintf(f, "digraph graph_%d {\n  rankdir=LR; nodesep=0.15; ranksep=0.3;\n"
               "  node [fontname=\"DejaVu Sans\", fontsize=10];\n", root->id);
    if (title) {
        fprintf(f, "  labelloc=t; fontname=\"DejaVu Sans\"; fontsize=14; label=\"");
        put_label(f, title);
        fprintf(f, "\";\n");
    }
    for (int i = 0; i < n; i++) {
        const Value *v = order[i];
        fprintf(f, "  v%d [shape=record, style=\"%s\", fillcolor=\"%s\", label=\"", v->id,
                v == root ? "filled,bold" : "filled", v->op ? "#ffffff" : "#dbe9f6");
        if (v->name[0]) {
            put_label(f, v->name);
            fprintf(f, " | ");
        }
        fprintf(f, "value %.4g | grad %.4g\"];\n", v->data + 0.0, v->grad + 0.0);    // + 0.0: no "-0"
        if (!v->op)
            continue;
        fprintf(f, "  op%d [label=\"", v->id);
        put_label(f, v->op);
        fprintf(f, "\", shape=ellipse, style=filled, fillcolor=\"#fde0c5\"];\n  op%d -> v%d;\n", v->id, v->id);
        for (int k = 0; k < 2 && v->in[k]; k++)
            fprintf(f, "  v%d -> op%d;\n", v->in[k]->id, v->id);
    }
    fprintf(f, "}\n");
    free(order);
}
