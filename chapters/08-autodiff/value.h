/**
 * @file value.h
 * @brief Chapter 08: reverse-mode automatic differentiation on scalars.
 *
 * Every number a computation makes is a node, a Value, that remembers the
 * operation that made it and its operands: the computation becomes a graph.
 * Backward from one output L, in reverse topological order, each node adds
 * its gradient \f$\bar v = \partial L / \partial v\f$ times its local
 * derivatives to its operands' gradients: for \f$v = f(a, b)\f$,
 * \f[ \bar a \mathrel{+}= \frac{\partial f}{\partial a}\,\bar v, \qquad
 *     \bar b \mathrel{+}= \frac{\partial f}{\partial b}\,\bar v. \f]
 * The gradients **add up**: a node used twice (\f$x \cdot x\f$, a weight
 * shared by two units) receives one contribution from each use.
 *
 * The operations make their nodes in a Graph, a pool that value_graph_free()
 * releases at once; an operation finds the graph through its operands:
 *
 *     Graph g = value_graph_new(16);
 *     Value *x = value_leaf(&g, 3.0, "x");
 *     Value *y = v_add(v_mul(x, x), x);        // y = x^2 + x
 *     value_backward(y);                       // x->grad = 2x + 1 = 7
 *     value_graph_free(&g);
 */
#ifndef CH08_VALUE_H
#define CH08_VALUE_H

/** A number of a computation (below). */
typedef struct Value Value;

/** A node's part of the backward pass: add out->grad times each local derivative to its operands' grads. */
typedef void (*ValueBackward)(Value *out);

/** A pool of nodes, in the order they were made. */
typedef struct {
    Value *nodes;   /**< capacity nodes; the first n are in use */
    int n;          /**< nodes made so far */
    int capacity;   /**< the most nodes the graph can hold */
} Graph;

//! [value]
/** One number of a computation, and how it was made. */
struct Value {
    double data;            /**< the number the forward pass computed */
    double grad;            /**< dL/d(this node), after value_backward(L) */
    Value *in[2];           /**< the operands: both NULL for a leaf, in[1] NULL for a function of one */
    double k;               /**< v_pow()'s exponent (a constant, not a node) */
    const char *op;         /**< "+", "*", "tanh", ...; NULL for a leaf */
    char name[16];          /**< a label for reports and drawings ("w1"), or empty */
    ValueBackward backward; /**< NULL for a leaf: nothing is upstream of it */
    Graph *graph;           /**< the graph that holds the node */
    int id;                 /**< its place in graph->nodes: the order of making */
    int visited;            /**< topo_sort()'s mark */
};
//! [value]

/** A graph with room for capacity nodes; exceeding it is a bug and stops the program. */
Graph value_graph_new(int capacity);

/** Release every node of the graph at once. */
void value_graph_free(Graph *g);

/** A leaf: an input or a parameter, with a value and a name (may be NULL). */
Value *value_leaf(Graph *g, double data, const char *name);

/** Give a node a name for the reports and drawings; returns v. */
Value *value_name(Value *v, const char *name);

/** a + b */
Value *v_add(Value *a, Value *b);
/** a - b */
Value *v_sub(Value *a, Value *b);
/** a b (its backward pass, mul_backward(), is an exercise: chain.h) */
Value *v_mul(Value *a, Value *b);
/** a / b (its backward pass, div_backward(), is an exercise: chain.h) */
Value *v_div(Value *a, Value *b);
/** -a */
Value *v_neg(Value *a);
/** \f$a^k\f$ for a constant k */
Value *v_pow(Value *a, double k);
/** \f$e^a\f$ */
Value *v_exp(Value *a);
/** \f$\ln a\f$ */
Value *v_log(Value *a);
/** tanh a (its backward pass, tanh_backward(), is an exercise: chain.h) */
Value *v_tanh(Value *a);
/** the sigmoid \f$s(a) = 1 / (1 + e^{-a})\f$ */
Value *v_sigmoid(Value *a);
/** max(0, a) */
Value *v_relu(Value *a);

/**
 * The nodes root depends on, root last, each after its operands (topo_sort()
 * with every mark cleared first), into order, which must have room for every
 * node of root's graph; returns how many.
 */
int value_order(Value *root, Value **order);

/**
 * Backpropagate from root: set \f$\bar{root} = 1\f$, then run each node's
 * backward function, root first, in reverse topological order (topo_sort()).
 * Gradients add to what the nodes already hold: value_zero_grad() first
 * unless adding is what you want.
 */
void value_backward(Value *root);

/** Set every node's grad in the graph to 0. */
void value_zero_grad(Graph *g);

#endif
