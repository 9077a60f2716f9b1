/**
 * @file chapters/08-autodiff/fashion.c
 * @brief `--task fashion`: chapter 04's network through the tape, its epochs, its report.
 */
#include "fashion.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../common/alloc.h"
#include "../../common/cli.h"
#include "../../common/loss.h"
#include "../../common/progress.h"
#include "../../common/run.h"
#include "../../common/timing.h"
#include "nets.h"
#include "report.h"
#include "tape.h"

void fashion_network(Weights *net, const Options *o, int inputs, Rng *rng)
{
    if (o->load) {
        run_load_weights(net, o->load);
        const int in = weights_units(net, 0), out = weights_units(net, net->n_layers);
        if (in != inputs || out != CLASSES) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: the network takes %d inputs and gives %d outputs, but the images have 784 "
                     "pixels and 10 classes", o->load, in, out);
        }
        const int hidden = net->n_layers == 2 ? weights_units(net, 1) : 0;
        if (net->n_layers > 2 || (o->given[G_HIDDEN] && o->hidden != hidden)) {
            weights_free(net);
            cli_fail(EXIT_USAGE, "%s: chapter 04's networks are 784-10 or 784-H-10 (with --hidden H, the same H)",
                     o->load);
        }
        return;
    }
    const int sizes[3] = {inputs, (int)o->hidden, CLASSES}, two[2] = {inputs, CLASSES};
    weights_alloc(net, o->hidden ? 2 : 1, o->hidden ? sizes : two);
    weights_init_glorot(net, rng);
}

typedef struct {
    double loss;    // mean cross-entropy
    int correct;    // images whose largest output is their class
} Eval;

static Eval evaluate(Weights *net, const ImageSet *s, Tape *tape)
{
    Mat X = mat_new(EVAL_BATCH, s->rows * s->cols);
    int *order = idx_order(s->n), labels[EVAL_BATCH];
    Eval e = {0};
    for (int start = 0; start < s->n; start += EVAL_BATCH) {
        Mat Xb = idx_gather(s, order, start, EVAL_BATCH, &X, labels);
        tape_reset(tape);
        const Node *loss = tape_cross_entropy(tape, net, &Xb, labels).loss;
        e.loss += loss->val.data[0] * Xb.rows;
        e.correct += loss_count_correct(&loss->probs, labels);
    }
    e.loss /= s->n;
    free(order);
    mat_free(&X);
    return e;
}

//! [train_epoch]
/* One pass over the training set in batches through the tape; returns the mean loss, adds to *correct. */
static double train_epoch(Weights *net, const ImageSet *s, const int *order, const Options *o, long epoch,
                          Tape *tape, int *correct)
{
    const int B = (int)o->batch;
    Mat X = mat_new(B, s->rows * s->cols);
    int *labels = nn_alloc((size_t)B, sizeof(int), "a batch's labels");
    char label[64];
    snprintf(label, sizeof label, "epoch %ld/%ld", epoch, o->epochs);
    Progress bar;
    progress_start(&bar, label, s->n, o->quiet);
    double sum = 0.0;
    for (int start = 0; start < s->n; start += B) {
        Mat Xb = idx_gather(s, order, start, B, &X, labels);   // the last batch may be smaller
        tape_reset(tape);
        Step step = tape_cross_entropy(tape, net, &Xb, labels);
        tape_backward(step.loss);
        step_update(&step, net, o->lr);
        const double loss = step.loss->val.data[0];
        if (!isfinite(loss))
            run_check_diverged(net, loss, epoch);
        *correct += loss_count_correct(&step.loss->probs, labels);  // outputs before this step's update
        sum += loss * Xb.rows;
        progress_update(&bar, start + Xb.rows);
    }
    progress_end(&bar);
    run_check_diverged(net, sum, epoch);
    free(labels);
    mat_free(&X);
    return sum / s->n;
}
//! [train_epoch]

/* The epochs, a line each in epochs.csv and the report; the test set evaluated after each. */
static void train_images(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o,
                         Rng *rng, Tape *tape)
{
    FILE *csv = cli_open(o->out, "epochs.csv", "epoch,train_loss,train_accuracy,test_loss,test_accuracy");
    int *order = idx_order(train_set->n);
    if (!o->quiet)
        printf("  %5s  %10s  %9s  %9s  %8s  %7s  %9s\n", "epoch", "train loss", "train acc", "test loss", "test acc",
               "seconds", "samples/s");
    for (long epoch = 1; epoch <= o->epochs; epoch++) {
        const double t0 = timing_now();
        if (o->shuffle)
            rng_shuffle(rng, order, train_set->n);     // the same orders as chapter 04
        int correct = 0;
        const double loss = train_epoch(net, train_set, order, o, epoch, tape, &correct);
        const double t1 = timing_now();
        const Eval test = evaluate(net, test_set, tape);
        const double t2 = timing_now();
        const double train_acc = 100.0 * correct / train_set->n, test_acc = 100.0 * test.correct / test_set->n;
        fprintf(csv, "%ld,%.9g,%.4f,%.9g,%.4f\n", epoch, loss, train_acc, test.loss, test_acc);
        if (!o->quiet)
            printf("  %5ld  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %7.1f  %9.0f\n", epoch, loss, train_acc, test.loss,
                   test_acc, t2 - t0, train_set->n / (t1 - t0));
        fflush(stdout);
    }
    cli_done(csv);
    free(order);
}

void fashion_train(Weights *net, const ImageSet *train_set, const ImageSet *test_set, const Options *o, Rng *rng)
{
    if (!o->quiet) {
        printf("Part 2: the tape. Chapter 04's ");
        report_shape(net);
        printf(" network on %s,\ntrained through the tape: ", o->data);
        printf("%d training images, %d test images;\n%ld epoch%s of batches of %ld, lr %g, %s\n\n", train_set->n,
               test_set->n, o->epochs, o->epochs == 1 ? "" : "s", o->batch, o->lr,
               o->shuffle ? "reshuffled every epoch" : "in file order");
    }
    Tape tape;
    tape_init(&tape);
    train_images(net, train_set, test_set, o, rng, &tape);
    const Eval test = evaluate(net, test_set, &tape);
    printf("%sTest accuracy: %.2f%% (%d of %d images), mean cross-entropy %.4f\n", o->quiet ? "" : "\n",
           100.0 * test.correct / test_set->n, test.correct, test_set->n, test.loss);
    if (!o->quiet)
        printf("Each step puts %d nodes on the tape; the arena grew to %.1f MB for the largest step\n"
               "(the test images, up to %d at a time).\n", tape.n, tape.arena.peak / 1e6, EVAL_BATCH);
    tape_free(&tape);
    run_save_weights(net, o->out, "weights.txt", "ch08 weights after training through the tape");
}
