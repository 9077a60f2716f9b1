/*
 * Tests of chapter 08's exercises. `make check` runs them against the
 * reference chain.c (all must pass) and against the shipped exercises.c
 * (all must fail); `make ex08` runs them against your exercises.c.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "chain.h"
#include "../../common/rng.h"

TestSuite(ex08, .timeout = 10.0);

static int near(double a, double b)
{
    return fabs(a - b) <= 1e-12 * (1.0 + fabs(b));
}

Test(ex08, mul_backward)
{
    Graph g = value_graph_new(8);
    Value *a = value_leaf(&g, 3.0, "a"), *b = value_leaf(&g, -2.0, "b");
    Value *out = v_mul(a, b);
    out->grad = 1.5;                    // dL/d(out), as if out fed more of the graph
    a->grad = 10.0;                     // what a earlier backward step gave a already
    mul_backward(out);
    cr_assert(near(b->grad, 1.5 * 3.0),
              "out = a b with a = 3, b = -2 and dL/d(out) = 1.5: b->grad is %g, expected %g. Hint: d(ab)/db = a, "
              "times out->grad.", b->grad, 4.5);
    cr_assert(near(a->grad, 10.0 + 1.5 * -2.0),
              "out = a b with a = 3, b = -2, dL/d(out) = 1.5, and a->grad 10 before: a->grad is %g, expected %g. "
              "Hint: %s", a->grad, 7.0,
              near(a->grad, -3.0) ? "the 10 is gone: add to a->grad (+=), do not overwrite it."
                                  : "d(ab)/da = b, times out->grad, added to what a->grad held.");
    value_graph_free(&g);
}

Test(ex08, mul_backward_same_node)
{
    Graph g = value_graph_new(8);
    Value *x = value_leaf(&g, 3.0, "x");
    Value *out = v_mul(x, x);           // both operands are the node x
    out->grad = 1.0;
    mul_backward(out);
    cr_assert(near(x->grad, 6.0),
              "out = x * x at x = 3: x->grad is %g, expected d(x^2)/dx = 2x = 6. Hint: %s", x->grad,
              near(x->grad, 3.0) ? "x is both a and b: each of your two lines must add to x->grad, not set it."
                                 : "x is both out->in[0] and out->in[1]; each contributes x * out->grad.");
    value_graph_free(&g);
}

Test(ex08, div_backward_fixed)
{
    Graph g = value_graph_new(8);
    Value *a = value_leaf(&g, 3.0, "a"), *b = value_leaf(&g, 2.0, "b");
    Value *out = v_div(a, b);
    out->grad = 1.0;
    div_backward(out);
    // the central difference of a / b by b, for the learner to compare with
    const double numeric = (3.0 / (2.0 + 1e-6) - 3.0 / (2.0 - 1e-6)) / 2e-6;
    cr_assert(near(a->grad, 0.5), "out = a / b at a = 3, b = 2: a->grad is %g, expected 1/b = 0.5.", a->grad);
    cr_assert(fabs(b->grad - numeric) < 1e-6,
              "out = a / b at a = 3, b = 2: b->grad is %g, but a central difference gives %.6f. Hint: which way "
              "does a / b move when b grows?", b->grad, numeric);
    Value *x = value_leaf(&g, 0.7, "x");
    Value *one = v_div(x, x);
    one->grad = 1.0;
    div_backward(one);
    cr_assert(fabs(x->grad) < 1e-12, "out = x / x is 1 whatever x is, so x->grad must be 0; it is %g.", x->grad);
    value_graph_free(&g);
}

Test(ex08, tanh_backward)
{
    Graph g = value_graph_new(8);
    Value *a = value_leaf(&g, 0.5, "a");
    Value *out = v_tanh(a);
    out->grad = 2.0;
    a->grad = 0.25;
    tanh_backward(out);
    const double want = 0.25 + 2.0 * (1.0 - tanh(0.5) * tanh(0.5));
    cr_assert(near(a->grad, want),
              "out = tanh(a) at a = 0.5, dL/d(out) = 2, a->grad 0.25 before: a->grad is %g, expected %.12f. Hint: %s",
              a->grad, want,
              a->grad == 0.25 ? "nothing was added to a->grad."
              : near(a->grad, want - 0.25) ? "the 0.25 is gone: add to a->grad (+=), do not overwrite it."
                                           : "tanh'(a) = 1 - tanh(a)^2, and tanh(a) is out->data; times out->grad.");
    value_graph_free(&g);
}

/* The place of v in order[0..n), or -1. */
static int place(Value **order, int n, const Value *v)
{
    for (int i = 0; i < n; i++)
        if (order[i] == v)
            return i;
    return -1;
}

Test(ex08, topo_sort)
{
    // x and y; a = x y; b = x + a; c = a b; and z = x * 2, which c does not need
    Graph g = value_graph_new(16);
    Value *x = value_leaf(&g, 2.0, "x"), *y = value_leaf(&g, 3.0, "y");
    Value *a = value_name(v_mul(x, y), "a"), *b = value_name(v_add(x, a), "b");
    Value *z = value_name(v_mul(x, value_leaf(&g, 2.0, "2")), "z");
    Value *c = value_name(v_mul(a, b), "c");
    Value *order[16] = {0};
    const int n = topo_sort(c, order);
    cr_assert(n == 5, "c = a b with a = x y, b = x + a: topo_sort returned %d, expected 5 (x, y, a, b, c: each "
              "once, and not z, which c does not need). Hint: %s", n,
              n == 0 ? "nothing was placed: visit root, and its operands first."
              : n > 5 ? "a node was placed twice: mark a node visited and skip it the next time."
                      : "every node c depends on, through a and through b, must be there.");
    cr_assert(place(order, n, z) < 0, "z = 2 x is not something c depends on, but topo_sort placed it.");
    cr_assert(order[n - 1] == c, "the root, c, must come last: it depends on everything; order[%d] is %s.", n - 1,
              order[n - 1] ? order[n - 1]->name : "NULL");
    Value *nodes[5] = {x, y, a, b, c};
    for (int k = 0; k < 5; k++) {
        const int at = place(order, n, nodes[k]);
        cr_assert(at >= 0, "%s is missing from the order.", nodes[k]->name);
        for (int i = 0; i < 2 && nodes[k]->in[i]; i++)
            cr_assert(place(order, n, nodes[k]->in[i]) < at,
                      "%s comes before its operand %s: every node must come after the nodes it is made from.",
                      nodes[k]->name, nodes[k]->in[i]->name);
    }
    value_graph_free(&g);
}

Test(ex08, backward_through_a_neuron)
{
    // o = w1 tanh(x1 w1 + x2 w2 + b): w1 is used twice; all the exercises together, through value_backward()
    Graph g = value_graph_new(32);
    const double x1 = 2.0, x2 = -1.0, w1 = 0.5, w2 = 1.5, b = 0.3;
    Value *X1 = value_leaf(&g, x1, "x1"), *X2 = value_leaf(&g, x2, "x2"), *W1 = value_leaf(&g, w1, "w1");
    Value *W2 = value_leaf(&g, w2, "w2"), *B = value_leaf(&g, b, "b");
    Value *o = v_mul(W1, v_tanh(v_add(v_add(v_mul(X1, W1), v_mul(X2, W2)), B)));
    Value *order[32];
    const int n = topo_sort(o, order);
    cr_assert(n == g.n, "o = w1 tanh(x1 w1 + x2 w2 + b) depends on all of its graph's %d nodes, but topo_sort "
              "placed %d: the topo_sort exercise must pass first.", g.n, n);
    value_backward(o);
    const double t = tanh(x1 * w1 + x2 * w2 + b), s = 1.0 - t * t;
    const double want[5] = {s * w1 * w1, s * w1 * w2, s * x1 * w1 + t, s * x2 * w1, s * w1};
    Value *leaf[5] = {X1, X2, W1, W2, B};
    for (int k = 0; k < 5; k++)
        cr_assert(near(leaf[k]->grad, want[k]),
                  "o = w1 tanh(x1 w1 + x2 w2 + b) at x = (2, -1), w = (0.5, 1.5), b = 0.3: do/d%s is %g, expected "
                  "%.12f. Hint: value_backward() runs topo_sort() and then each node's backward function, so each "
                  "of the exercises above must pass first.", leaf[k]->name, leaf[k]->grad, want[k]);
    value_graph_free(&g);
}

static Mat random_mat(int rows, int cols, Rng *rng)
{
    Mat m = mat_new(rows, cols);
    for (size_t i = 0; i < mat_size(&m); i++)
        m.data[i] = rng_range(rng, -1.0, 1.0);
    return m;
}

Test(ex08, matmul_backward)
{
    Rng rng;
    rng_seed(&rng, 3);
    Mat A = random_mat(3, 4, &rng), B = random_mat(4, 2, &rng), R = random_mat(3, 2, &rng);
    Tape t;
    tape_init(&t);
    Node *a = t_param(&t, &A), *b = t_param(&t, &B);
    Node *c = t_matmul(a, b);
    mat_copy(&c->grad, &R);             // dE/dC = R
    matmul_backward(c);
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 4; k++) {
            double want = 0.0;          // (R B^T)_ik
            for (int j = 0; j < 2; j++)
                want += mat_get(&R, i, j) * mat_get(&B, k, j);
            cr_assert(near(mat_get(&a->grad, i, k), want),
                      "C = A B, A 3x4, B 4x2: dA[%d][%d] is %g, expected %.12f. Hint: dA = dC B^T, a 3x4 "
                      "matrix like A (mat_mul_nt).", i, k, mat_get(&a->grad, i, k), want);
        }
    for (int k = 0; k < 4; k++)
        for (int j = 0; j < 2; j++) {
            double want = 0.0;          // (A^T R)_kj
            for (int i = 0; i < 3; i++)
                want += mat_get(&A, i, k) * mat_get(&R, i, j);
            cr_assert(near(mat_get(&b->grad, k, j), want),
                      "C = A B, A 3x4, B 4x2: dB[%d][%d] is %g, expected %.12f. Hint: dB = A^T dC, a 4x2 "
                      "matrix like B (mat_mul_tn).", k, j, mat_get(&b->grad, k, j), want);
        }
    const double once = b->grad.data[0];
    matmul_backward(c);
    cr_assert(near(b->grad.data[0], 2.0 * once),
              "a second matmul_backward() must add the same again (a matrix used twice gets both "
              "contributions): dB[0][0] went from %g to %g.", once, b->grad.data[0]);
    // an input (no gradient) as A: only B's gradient is computed
    tape_reset(&t);
    Node *x = t_input(&t, &A), *w = t_param(&t, &B);
    c = t_matmul(x, w);
    mat_copy(&c->grad, &R);
    matmul_backward(c);
    cr_assert(near(mat_get(&w->grad, 0, 0), once),
              "C = X W with X an input: dW[0][0] is %g, expected %g; X has no gradient to fill "
              "(its needs_grad is 0), W has.", mat_get(&w->grad, 0, 0), once);
    tape_free(&t);
    mat_free(&A), mat_free(&B), mat_free(&R);
}
