/**
 * @file chapters/08-autodiff/report.c
 * @brief Part 1's demonstrations, --against's comparison, --expr's answer, and their files.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>

#include "../../common/cli.h"
#include "../../common/rng.h"
#include "../../common/run.h"
#include "draw.h"
#include "nets.h"
#include "tape.h"

/* root's graph drawn by Graphviz into dir/name. */
static void write_graph(Value *root, const char *dir, const char *name, const char *title)
{
    FILE *f = cli_open(dir, name, NULL);
    draw_graph(f, root, title);
    cli_done(f);
}

// ----------------------------------------------------------------------------
// part 1: scalars

//! [part1_neuron]
void part1_neuron(const char *dir, int quiet)
{
    Graph g = value_graph_new(16);
    const double x[2] = {2.0, -1.0}, w[2] = {0.5, 1.5};
    Neuron u = scalar_neuron(&g, x, w, 0.3);
    value_backward(u.o);                                    // every node's do/d(node)
    if (!quiet) {
        printf("Part 1: scalars. A neuron, o = tanh(x1 w1 + x2 w2 + b), %d nodes; the backward pass from o:\n",
               g.n);
        printf("  %-12s %10s %12s\n", "node", "value", "do/d(node)");
        for (int i = 0; i < g.n; i++)
            printf("  %-12s %10.4f %12.4f\n", g.nodes[i].name, g.nodes[i].data, g.nodes[i].grad);
        printf("Along the path from o back to w1: do/dw1 = tanh'(n) x1 = (1 - o^2) x1 = %.4f x %g = %.4f.\n\n",
               1.0 - u.o->data * u.o->data, x[0], u.w1->grad);
    }
    write_graph(u.o, dir, "graph-neuron.dot", "o = tanh(x1 w1 + x2 w2 + b): each node's value, and do/d(node)");
    value_graph_free(&g);
}
//! [part1_neuron]

/* The scalars' gradient (leaves, in the weight file's order) beside the tape's (by_tape), a line each unless
 * quiet, and how many are equal to the last bit. */
static void report_same_gradient(Value *const *leaves, const Weights *by_tape, int quiet)
{
    if (!quiet) {
        printf("The same network on the matrix tape (part 2) gives the same gradient:\n");
        printf("  %-9s %10s %14s %14s\n", "parameter", "value", "dE/dw scalars", "dE/dw tape");
    }
    int n = 0, equal = 0;
    for (int l = 0; l < by_tape->n_layers; l++)
        for (int m = 0; m < 2; m++) {
            const Mat *G = m ? &by_tape->b[l] : &by_tape->W[l];
            for (size_t i = 0; i < mat_size(G); i++, n++) {
                equal += leaves[n]->grad == G->data[i];
                if (!quiet)
                    printf("  %-9s %10.4f %14.8f %14.8f\n", leaves[n]->name, leaves[n]->data, leaves[n]->grad,
                           G->data[i]);
            }
        }
    if (!quiet)
        printf("%d of %d gradients equal to the last bit: the same products and sums in the same order.\n\n", equal,
               n);
}

void part1_network(const char *dir, unsigned long seed, int quiet)
{
    const int sizes[3] = {2, 2, 1};
    Weights net, by_tape;
    weights_alloc(&net, 2, sizes);
    weights_alloc_like(&by_tape, &net);
    Rng rng;
    rng_seed(&rng, seed);
    weights_init_glorot(&net, &rng);
    mat_fill(&net.b[0], 0.1);                               // biases not 0, so that their paths show
    mat_fill(&net.b[1], -0.2);
    double x[2] = {1.0, 0.0}, t[1] = {1.0};

    Graph g = value_graph_new(64);
    Value *leaves[9];
    Value *E = scalar_mlp_loss(&g, &net, x, t, leaves);
    value_backward(E);

    Tape tape;
    tape_init(&tape);
    Mat X = {1, 2, x}, T = {1, 1, t};
    Step s = tape_squared_error(&tape, &net, &X, &T);
    tape_backward(s.loss);
    step_gradients(&s, &by_tape);

    if (!quiet)
        printf("A 2-2-1 sigmoid network on XOR's sample x = (1, 0), t = 1: E = 1/2 (y - t)^2 = %.6f, %d nodes.\n",
               E->data, g.n);
    report_same_gradient(leaves, &by_tape, quiet);
    write_graph(E, dir, "graph-network.dot", "a 2-2-1 sigmoid network on one sample: E = 1/2 (y - t)^2");
    value_graph_free(&g);
    tape_free(&tape);
    weights_free(&net);
    weights_free(&by_tape);
}

void report_shape(const Weights *net)
{
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
}

// ----------------------------------------------------------------------------
// part 2, xor and spirals

void report_csv_intro(const Weights *net, int samples, const Options *o)
{
    printf("%sChapter %s's ", o->task_given ? "" : "Part 2: the tape. ", o->task == TASK_XOR ? "02" : "03");
    report_shape(net);
    printf(" sigmoid network on %s (%d samples),\ntrained through the tape.\n", o->data, samples);
    if (o->task == TASK_SPIRALS)
        printf("The gradient at the starting weights (weights0.txt) is in gradients.txt; chapter 03's program\n"
               "writes its hand-written one with --load-weights %s/weights0.txt --gradients FILE.\n\n", o->out);
    else
        printf("The starting weights are in weights0.txt, the gradient there in gradients.txt; chapter 02's\n"
               "program, started from them with --load-weights %s/weights0.txt, trains to the same weights.\n\n",
               o->out);
    printf("Training: lr %g, %ld epochs, loss E = 1/2 sum (y - t)^2\n", o->lr, o->epochs);
}

/* Share of samples whose every output is on its target's side of 0.5. */
static double csv_accuracy(Weights *net, const Dataset *d, Tape *tape)
{
    tape_reset(tape);
    const Mat *Y = &tape_squared_error(tape, net, &d->X, &d->T).out->val;
    int right = 0;
    for (int k = 0; k < d->n; k++) {
        int ok = 1;
        for (int j = 0; j < d->n_out; j++)
            ok = ok && (mat_get(Y, k, j) > 0.5) == (mat_get(&d->T, k, j) > 0.5);
        right += ok;
    }
    return (double)right / d->n;
}

void report_csv_result(Weights *net, const Dataset *d, double E, Tape *tape, int quiet)
{
    const int nodes = tape->n;              // a training step's, before csv_accuracy() uses the tape
    const size_t bytes = tape->arena.peak;
    printf("Final loss E = %.6g; %.1f%% of the samples on their target's side of 0.5\n", E,
           100.0 * csv_accuracy(net, d, tape));
    if (!quiet)
        printf("Each step put %d nodes on the tape, in %.1f KB of its arena.\n", nodes, bytes / 1e3);
}

// ----------------------------------------------------------------------------
// --against

/* Stop with exit 2 unless other has tape's layers, of the same shapes. */
static void check_shapes(const Weights *tape, Weights *other, const char *path)
{
    for (int l = 0; l < tape->n_layers || l < other->n_layers; l++)
        if (l >= tape->n_layers || l >= other->n_layers || tape->W[l].rows != other->W[l].rows ||
            tape->W[l].cols != other->W[l].cols) {
            weights_free(other);
            cli_fail(EXIT_USAGE, "%s: its shapes differ from the network's (give the weights it was computed at "
                     "with --load-weights)", path);
        }
}

void report_against(const Weights *tape, const char *path, const char *dir)
{
    Weights other;
    run_load_weights(&other, path);
    check_shapes(tape, &other, path);
    FILE *f = cli_open(dir, "agreement.csv", "index,matrix,row,column,tape,other,relative_difference");
    double worst = 0.0;
    int n = 0, equal = 0;
    char at[48] = "", name[48];
    for (int l = 0; l < tape->n_layers; l++)
        for (int m = 0; m < 2; m++) {
            const Mat *a = m ? &tape->b[l] : &tape->W[l], *b = m ? &other.b[l] : &other.W[l];
            for (int i = 0; i < a->rows; i++)
                for (int j = 0; j < a->cols; j++, n++) {
                    const double x = mat_get(a, i, j), y = mat_get(b, i, j);
                    const double r = x == y ? 0.0 : fabs(x - y) / fmax(fabs(x), fabs(y));
                    snprintf(name, sizeof name, "%s%d[%d,%d]", m ? "b" : "W", l + 1, i + 1, j + 1);
                    fprintf(f, "%d,%s%d,%d,%d,%.17g,%.17g,%.3g\n", n, m ? "b" : "W", l + 1, i + 1, j + 1, x, y, r);
                    equal += x == y;
                    if (r > worst || !at[0])
                        worst = r, snprintf(at, sizeof at, "%s", name);
                }
        }
    cli_done(f);
    weights_free(&other);
    printf("The tape's gradient against %s: %d numbers, %d equal to the last bit;\n", path, n, equal);
    if (equal == n)
        printf("no difference at all. Written to %s/agreement.csv.\n", dir);
    else
        printf("the largest relative difference is %.3g (at %s). Written to %s/agreement.csv.\n", worst, at, dir);
}

// ----------------------------------------------------------------------------
// --expr

void report_expr(Expr *e, const char *text, const char *dir, int quiet)
{
    FILE *f = cli_open(dir, "expr.csv", "name,value,gradient");
    for (int k = 0; k < e->n_names; k++)
        fprintf(f, "%s,%.17g,%.17g\n", e->names[k].name, e->names[k].leaf->data, e->names[k].leaf->grad);
    fprintf(f, "f,%.17g,1\n", e->root->data);
    cli_done(f);
    value_name(e->root, "f");
    write_graph(e->root, dir, "graph-expr.dot", text);
    printf("f = %s\n  = %.17g   (a graph of %d node%s)\n", text, e->root->data, e->graph.n, e->graph.n == 1 ? "" : "s");
    if (!quiet) {
        printf("  %-12s %14s %22s\n", "name", "value", "df/d(name)");
        for (int k = 0; k < e->n_names; k++)
            printf("  %-12s %14.10g %22.15g\n", e->names[k].name, e->names[k].leaf->data, e->names[k].leaf->grad);
        cli_print_files(dir);
    }
}
