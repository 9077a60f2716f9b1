/**
 * @file value.c
 * @brief Chapter 08's scalar engine: each operation's forward pass beside its backward pass.
 */
#include "value.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"

#include "chain.h"

// ----------------------------------------------------------------------------
// the graph: a pool of nodes

Graph value_graph_new(int capacity)
{
    Graph g = {nn_alloc((size_t)(capacity > 0 ? capacity : 0), sizeof(Value), "the graph's nodes"), 0, capacity};
    if (!g.nodes) {
        fprintf(stderr, "value: out of memory for %d nodes\n", capacity);
        exit(1);
    }
    return g;
}

void value_graph_free(Graph *g)
{
    free(g->nodes);
    *g = (Graph){0};
}

/* A new node in g: its value, its operands, and what it does in the backward pass. */
static Value *value_op(Graph *g, double data, Value *a, Value *b, const char *op, ValueBackward backward)
{
    if (g->n == g->capacity) {
        fprintf(stderr, "value: the graph is full (%d nodes): make it larger\n", g->capacity);
        abort();    // a bug in the caller, as a shape error is for the matrix module
    }
    Value *v = &g->nodes[g->n];
    *v = (Value){.data = data, .in = {a, b}, .op = op, .backward = backward, .graph = g, .id = g->n};
    g->n++;
    return v;
}

Value *value_leaf(Graph *g, double data, const char *name)
{
    return value_name(value_op(g, data, NULL, NULL, NULL, NULL), name);
}

Value *value_name(Value *v, const char *name)
{
    snprintf(v->name, sizeof v->name, "%s", name ? name : "");
    return v;
}

/* Both operands must live in one graph: a node can only point at nodes that outlive it. */
static Graph *graph_of(const Value *a, const Value *b)
{
    assert(!b || a->graph == b->graph);
    return a->graph;
}

// ----------------------------------------------------------------------------
// the operations: out = f(a, b), then what out's gradient gives a and b

//! [add]
static void add_backward(Value *out)
{
    out->in[0]->grad += out->grad;          // d(a + b)/da = 1
    out->in[1]->grad += out->grad;          // d(a + b)/db = 1
}

Value *v_add(Value *a, Value *b)
{
    return value_op(graph_of(a, b), a->data + b->data, a, b, "+", add_backward);
}
//! [add]

static void sub_backward(Value *out)
{
    out->in[0]->grad += out->grad;          // d(a - b)/da = 1
    out->in[1]->grad -= out->grad;          // d(a - b)/db = -1
}

Value *v_sub(Value *a, Value *b)
{
    return value_op(graph_of(a, b), a->data - b->data, a, b, "-", sub_backward);
}

//! [mul]
Value *v_mul(Value *a, Value *b)
{
    return value_op(graph_of(a, b), a->data * b->data, a, b, "*", mul_backward);   // chain.c: an exercise
}
//! [mul]

Value *v_div(Value *a, Value *b)
{
    return value_op(graph_of(a, b), a->data / b->data, a, b, "/", div_backward);   // chain.c: an exercise
}

static void neg_backward(Value *out)
{
    out->in[0]->grad -= out->grad;          // d(-a)/da = -1
}

Value *v_neg(Value *a)
{
    return value_op(a->graph, -a->data, a, NULL, "neg", neg_backward);
}

//! [pow]
static void pow_backward(Value *out)
{
    Value *a = out->in[0];
    a->grad += out->k * pow(a->data, out->k - 1.0) * out->grad;    // d(a^k)/da = k a^(k-1)
}

Value *v_pow(Value *a, double k)
{
    Value *v = value_op(a->graph, pow(a->data, k), a, NULL, "^", pow_backward);
    v->k = k;
    return v;
}
//! [pow]

//! [exp]
static void exp_backward(Value *out)
{
    out->in[0]->grad += out->data * out->grad;          // (e^a)' = e^a, which is out
}

Value *v_exp(Value *a)
{
    return value_op(a->graph, exp(a->data), a, NULL, "exp", exp_backward);
}
//! [exp]

static void log_backward(Value *out)
{
    out->in[0]->grad += out->grad / out->in[0]->data;   // (ln a)' = 1/a
}

Value *v_log(Value *a)
{
    return value_op(a->graph, log(a->data), a, NULL, "log", log_backward);
}

//! [tanh]
Value *v_tanh(Value *a)
{
    return value_op(a->graph, tanh(a->data), a, NULL, "tanh", tanh_backward);     // chain.c: an exercise
}
//! [tanh]

//! [sigmoid]
static void sigmoid_backward(Value *out)
{
    out->in[0]->grad += out->data * (1.0 - out->data) * out->grad;  // s' = s (1 - s)
}

Value *v_sigmoid(Value *a)
{
    return value_op(a->graph, 1.0 / (1.0 + exp(-a->data)), a, NULL, "sigmoid", sigmoid_backward);
}
//! [sigmoid]

static void relu_backward(Value *out)
{
    out->in[0]->grad += (out->data > 0.0) * out->grad;  // 1 where a > 0, else 0 (and 0 at a = 0)
}

Value *v_relu(Value *a)
{
    return value_op(a->graph, a->data > 0.0 ? a->data : 0.0, a, NULL, "relu", relu_backward);
}

// ----------------------------------------------------------------------------
// the backward pass

int value_order(Value *root, Value **order)
{
    Graph *g = root->graph;
    for (int i = 0; i < g->n; i++)
        g->nodes[i].visited = 0;
    const int n = topo_sort(root, order);
    assert(n >= 1 && n <= g->n && order[n - 1] == root);     // every node once, root last
    return n;
}

//! [backward]
void value_backward(Value *root)
{
    Value **order = nn_alloc((size_t)root->graph->n, sizeof(Value *), "the graph's order");
    if (!order) {
        fprintf(stderr, "value: out of memory for the order of %d nodes\n", root->graph->n);
        exit(1);
    }
    const int n = value_order(root, order);     // each node after its operands
    root->grad = 1.0;                           // dL/dL
    for (int i = n - 1; i >= 0; i--)            // so each node before its operands
        if (order[i]->backward)
            order[i]->backward(order[i]);
    free(order);
}
//! [backward]

void value_zero_grad(Graph *g)
{
    for (int i = 0; i < g->n; i++)
        g->nodes[i].grad = 0.0;
}
