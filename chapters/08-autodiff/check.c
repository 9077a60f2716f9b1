/**
 * @file check.c
 * @brief Chapter 08's checks: each engine's gradients against central differences.
 */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/rng.h"
#include "expr.h"
#include "nets.h"

static double relative_error(double a, double n)
{
    return fabs(a - n) / fmax(fmax(fabs(a), fabs(n)), CHECK_TINY);
}

// ----------------------------------------------------------------------------
// scalars, written in --expr's language

static const struct {
    const char *expr, *names;
} SCALAR_CASES[] = {
    {"a + b", "a=0.7,b=-1.3"},     {"a - b", "a=0.7,b=-1.3"},   {"a * b", "a=0.7,b=-1.3"},
    {"a / b", "a=0.7,b=-1.3"},     {"-a", "a=0.7"},             {"a^3", "a=-1.3"},
    {"a^-0.5", "a=0.7"},           {"exp(a)", "a=-1.3"},        {"log(a)", "a=0.7"},
    {"tanh(a)", "a=0.7"},          {"sigmoid(a)", "a=-1.3"},    {"relu(a)", "a=0.7"},
    {"relu(a)", "a=-1.3"},         {"a * a", "a=-1.3"},         {"a / a", "a=0.7"},
    {"a * a * a", "a=0.7"},        {"tanh(a * b + a) / (1 + exp(b * a))", "a=0.7,b=-1.3"},
};

/* The expression's value with name k moved by h. */
static double value_moved(const char *text, const char *names, int k, double h)
{
    Expr e;
    char err[256], list[256] = "";
    if (expr_parse(&e, text, names, err, sizeof err) != 0) {
        fprintf(stderr, "check: %s\n", err);
        exit(1);
    }
    for (int i = 0; i < e.n_names; i++)     // the same list, one value moved
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s=%.17g", i ? "," : "", e.names[i].name,
                 e.names[i].leaf->data + (i == k ? h : 0.0));
    expr_free(&e);
    if (expr_parse(&e, text, list, err, sizeof err) != 0) {
        fprintf(stderr, "check: %s\n", err);
        exit(1);
    }
    const double v = e.root->data;
    expr_free(&e);
    return v;
}

//! [check_scalars]
double check_scalars(void)
{
    double worst = 0.0;
    printf("  %-36s %4s  %19s  %19s  %9s\n", "f", "by", "the engine", "central difference", "rel. err.");
    for (size_t c = 0; c < sizeof SCALAR_CASES / sizeof SCALAR_CASES[0]; c++) {
        const char *text = SCALAR_CASES[c].expr, *names = SCALAR_CASES[c].names;
        Expr e;
        char err[256];
        if (expr_parse(&e, text, names, err, sizeof err) != 0 || expr_gradient(&e, err, sizeof err) != 0) {
            fprintf(stderr, "check: %s\n", err);
            exit(1);
        }
        for (int k = 0; k < e.n_names; k++) {
            const double up = value_moved(text, names, k, CHECK_EPS), down = value_moved(text, names, k, -CHECK_EPS);
            const double numeric = (up - down) / (2.0 * CHECK_EPS), tape = e.names[k].leaf->grad;
            const double r = relative_error(tape, numeric);
            worst = fmax(worst, r);
            printf("  %-36s %4s  %19.12f  %19.12f  %9.1e\n", k ? "" : text, e.names[k].name, tape, numeric, r);
        }
        expr_free(&e);
    }
    return worst;
}
//! [check_scalars]

// ----------------------------------------------------------------------------
// matrices: E = sum(op(P1, P2) * R) for a fixed random R, so that dE/d op's output is R

typedef enum { MATMUL, ADD_ROW, SUB, MUL, MUL_SELF, SCALE, SIGMOID, TANH, RELU, SOFTMAX_CE, MLP_SE, MLP_CE } Op;

typedef struct {
    const char *name;
    Op op;
    int rows[2], cols[2];       // the parameters' shapes (0 x 0: no second parameter)
} TapeCase;

static const TapeCase TAPE_CASES[] = {
    {"matmul(A, B)", MATMUL, {3, 4}, {4, 2}},  {"add_row(A, r)", ADD_ROW, {3, 1}, {4, 4}},
    {"sub(A, B)", SUB, {3, 3}, {4, 4}},        {"mul(A, B)", MUL, {3, 3}, {4, 4}},
    {"mul(A, A)", MUL_SELF, {3, 0}, {4, 0}},   {"scale(A, 2.5)", SCALE, {3, 0}, {4, 0}},
    {"sigmoid(A)", SIGMOID, {3, 0}, {4, 0}},   {"tanh(A)", TANH, {3, 0}, {4, 0}},
    {"relu(A)", RELU, {3, 0}, {4, 0}},         {"softmax_ce(A)", SOFTMAX_CE, {5, 0}, {3, 0}},
};

static const int LABELS[5] = {2, 0, 1, 1, 2};

/* The case's operation on fresh parameter nodes for P[0] (and P[1]). */
static Node *case_out(Tape *t, const TapeCase *c, Mat *P, Node **param)
{
    tape_reset(t);
    param[0] = t_param(t, &P[0]);
    param[1] = c->rows[1] ? t_param(t, &P[1]) : NULL;
    Node *a = param[0], *b = param[1];
    switch (c->op) {
    case MATMUL: return t_matmul(a, b);
    case ADD_ROW: return t_add_row(a, b);
    case SUB: return t_sub(a, b);
    case MUL: return t_mul(a, b);
    case MUL_SELF: return t_mul(a, a);
    case SCALE: return t_scale(a, 2.5);
    case SIGMOID: return t_sigmoid(a);
    case TANH: return t_tanh(a);
    case RELU: return t_relu(a);
    case SOFTMAX_CE: return t_softmax_ce(a, LABELS);
    default: return NULL;
    }
}

/* E = sum(out * R), or out itself when it is a loss already (1 x 1). */
static Node *case_loss(Tape *t, const TapeCase *c, Mat *P, const Mat *R, Node **param)
{
    Node *out = case_out(t, c, P, param);
    return c->op == SOFTMAX_CE ? out : t_sum(t_mul(out, t_input(t, R)));
}

static Mat random_mat(int rows, int cols, Rng *rng)
{
    Mat m = mat_new(rows, cols);
    for (size_t i = 0; i < mat_size(&m); i++)
        m.data[i] = rng_range(rng, -1.5, 1.5);
    return m;
}

/* The worst relative error over every element of the case's parameters, each moved in turn. */
static double check_case(const TapeCase *c, Rng *rng)
{
    Mat P[2] = {random_mat(c->rows[0], c->cols[0], rng), random_mat(c->rows[1], c->cols[1], rng)};
    Tape t;
    tape_init(&t);
    Node *param[2], *q[2];
    const Node *out = case_out(&t, c, P, param);
    Mat R = random_mat(out->val.rows, out->val.cols, rng);
    tape_backward(case_loss(&t, c, P, &R, param));
    Mat grad[2] = {mat_new(P[0].rows, P[0].cols), mat_new(P[1].rows, P[1].cols)};
    for (int p = 0; p < 2 && param[p]; p++)
        mat_copy(&grad[p], &param[p]->grad);        // before the tape is reused for the differences
    double worst = 0.0;
    for (int p = 0; p < 2 && param[p]; p++) {
        const Mat *g = &grad[p];
        for (size_t i = 0; i < mat_size(&P[p]); i++) {
            const double keep = P[p].data[i];
            P[p].data[i] = keep + CHECK_EPS;
            const double up = case_loss(&t, c, P, &R, q)->val.data[0];
            P[p].data[i] = keep - CHECK_EPS;
            const double down = case_loss(&t, c, P, &R, q)->val.data[0];
            P[p].data[i] = keep;
            worst = fmax(worst, relative_error(g->data[i], (up - down) / (2.0 * CHECK_EPS)));
        }
    }
    tape_free(&t);
    mat_free(&P[0]), mat_free(&P[1]), mat_free(&R), mat_free(&grad[0]), mat_free(&grad[1]);
    return worst;
}

/* A network's loss on the tape: chapter 03's squared error, or chapter 04's cross-entropy. */
static Step net_loss(Tape *t, Op op, Weights *w, const Mat *X, const Mat *T, const int *labels)
{
    tape_reset(t);
    return op == MLP_SE ? tape_squared_error(t, w, X, T) : tape_cross_entropy(t, w, X, labels);
}

/* The worst relative error over every weight and bias of a random network with these sizes. */
static double check_net(Op op, int L, const int *sizes, Rng *rng)
{
    Weights w, g;
    weights_alloc(&w, L, sizes);
    for (int l = 0; l < L; l++) {
        mat_free(&w.W[l]), mat_free(&w.b[l]);
        w.W[l] = random_mat(sizes[l], sizes[l + 1], rng);
        w.b[l] = random_mat(1, sizes[l + 1], rng);
    }
    weights_alloc_like(&g, &w);
    const int N = 5, K = sizes[L];
    Mat X = random_mat(N, sizes[0], rng), T = random_mat(N, K, rng);
    int labels[5];
    for (int k = 0; k < N; k++)
        labels[k] = (int)rng_below(rng, (uint64_t)K);
    Tape t;
    tape_init(&t);
    Step s = net_loss(&t, op, &w, &X, &T, labels);
    tape_backward(s.loss);
    step_gradients(&s, &g);
    double worst = 0.0;
    for (int l = 0; l < L; l++)
        for (int m = 0; m < 2; m++) {
            Mat *p = m ? &w.b[l] : &w.W[l];
            const Mat *d = m ? &g.b[l] : &g.W[l];
            for (size_t i = 0; i < mat_size(p); i++) {
                const double keep = p->data[i];
                p->data[i] = keep + CHECK_EPS;
                const double up = net_loss(&t, op, &w, &X, &T, labels).loss->val.data[0];
                p->data[i] = keep - CHECK_EPS;
                const double down = net_loss(&t, op, &w, &X, &T, labels).loss->val.data[0];
                p->data[i] = keep;
                worst = fmax(worst, relative_error(d->data[i], (up - down) / (2.0 * CHECK_EPS)));
            }
        }
    tape_free(&t);
    weights_free(&w), weights_free(&g);
    mat_free(&X), mat_free(&T);
    return worst;
}

double check_tape(void)
{
    Rng rng;
    rng_seed(&rng, 8);
    double worst = 0.0;
    printf("  %-44s  %-16s  %9s\n", "E", "parameters", "worst rel. err.");
    for (size_t c = 0; c < sizeof TAPE_CASES / sizeof TAPE_CASES[0]; c++) {
        const TapeCase *tc = &TAPE_CASES[c];
        const double r = check_case(tc, &rng);
        char shapes[32], E[64];
        snprintf(shapes, sizeof shapes, tc->rows[1] ? "%dx%d, %dx%d" : "%dx%d", tc->rows[0], tc->cols[0], tc->rows[1],
                 tc->cols[1]);
        snprintf(E, sizeof E, tc->op == SOFTMAX_CE ? "%s, labels 2 0 1 1 2" : "sum(%s * R)", tc->name);
        printf("  %-44s  %-16s  %15.1e\n", E, shapes, r);
        worst = fmax(worst, r);
    }
    const int se[4] = {3, 4, 4, 2}, ce[3] = {6, 5, 4};
    double r = check_net(MLP_SE, 3, se, &rng);
    printf("  %-44s  %-16s  %15.1e\n", "a 3-4-4-2 sigmoid network, 1/2 sum (Y - T)^2", "every W and b", r);
    worst = fmax(worst, r);
    r = check_net(MLP_CE, 2, ce, &rng);
    printf("  %-44s  %-16s  %15.1e\n", "a 6-5-4 network, softmax cross-entropy", "every W and b", r);
    return fmax(worst, r);
}

int check_engines(void)
{
    printf("Every operation against central differences, eps %g; relative errors floored at %g\n\n"
           "Scalars (value.c), written in --expr's language:\n", CHECK_EPS, CHECK_TINY);
    const double scalars = check_scalars();
    printf("\nMatrices (tape.c): E = sum(C * R) for a random R, so that dE/dC = R:\n");
    const double worst = fmax(scalars, check_tape());
    const int ok = worst < CHECK_LIMIT;
    printf("\nChecked: %s: the worst relative error, %.1e, is %s %g\n", ok ? "PASSED" : "FAILED", worst,
           ok ? "below" : "not below", CHECK_LIMIT);
    return ok ? 0 : 1;
}
