/**
 * @file chapters/05-training/report.c
 * @brief Chapter 05's report: the epoch table, the last words, and the files besides the epochs.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>

#include "../../common/cli.h"
#include "../../common/run.h"

void report_header(const Weights *net, const Sets *d, const Options *o)
{
    printf("Chapter 05: a ");
    for (int l = 0; l <= net->n_layers; l++)
        printf("%s%d", l ? "-" : "", weights_units(net, l));
    printf(" network of %s units on %s\ninit %s, %s, lr %g (%s), batch %ld, dropout %g, weight decay %g\n"
           "%d training, %d validation, %d test images\n\n", act_name(o->net.act), o->data,
           o->load ? "from file" : init_name(o->init), opt_name(o->opt), o->lr, schedule_name(o->schedule), o->batch,
           o->net.dropout, o->net.weight_decay, d->train.n, d->val.n, d->test.n);
}

void write_gradients(const Weights *net, const NetConfig *cfg, const ImageSet *s, const char *path, const char *data)
{
    Weights g;
    weights_alloc_like(&g, net);
    gradient_over(net, cfg, s, 0, &g);
    char comment[512];
    snprintf(comment, sizeof comment, "gradient of the mean cross-entropy%s over the first %d training images of %s",
             cfg->weight_decay > 0 ? " plus weight decay" : "", s->n, data);
    run_save_gradients(&g, path, comment);
    weights_free(&g);
}

void write_gradnorms(const char *dir, const double *norms, int n_layers)
{
    FILE *f = cli_open(dir, "gradnorms.csv", "layer,norm");
    for (int l = 0; l < n_layers; l++)
        fprintf(f, "%d,%.6g\n", l + 1, norms[l]);
    cli_done(f);
}

void report_epoch_titles(int has_val)
{
    printf("  %5s  %9s  %10s  %9s  %8s  %8s  %8s  %8s  %7s  %9s\n", "epoch", "lr", "train loss", "train acc",
           "val loss", "val acc", "test acc", has_val ? "val best" : "", "seconds", "samples/s");
}

void report_epoch(FILE *csv, const Epoch *e, int quiet)
{
    fprintf(csv, "%ld,%.9g,%.9g,%.4f,%.9g,%.4f,%.9g,%.4f\n", e->epoch, e->lr, e->loss, e->accuracy, e->val.loss,
            e->val.accuracy, e->test.loss, e->test.accuracy);
    if (quiet)
        return;
    char vl[32] = "-", va[32] = "-";            // no validation set: nothing to show, not NaN
    if (e->has_val)
        snprintf(vl, sizeof vl, "%.4f", e->val.loss), snprintf(va, sizeof va, "%.2f%%", e->val.accuracy);
    printf("  %5ld  %9.2e  %10.4f  %8.2f%%  %9s  %8s  %7.2f%%  %8s  %7.1f  %9.0f\n", e->epoch, e->lr, e->loss,
           e->accuracy, vl, va, e->test.accuracy, e->best ? "*" : "", e->seconds, e->per_second);
}

void report_end(double last, long best_epoch, double best_loss, int kept, Eval test)
{
    // chapter 04's yardstick: a network that cannot tell the K classes apart scores log K
    if (last > log((double)CLASSES))
        printf("\nThe last epoch's loss, %.4f, is above that of a network that cannot tell the %d classes apart:\n"
               "the steps overshoot (lower --lr).\n", last, CLASSES);
    if (kept)
        printf("\nThe weights of epoch %ld, the best validation loss (%.4f), are kept.\n", best_epoch, best_loss);
    else if (best_epoch > 0)
        printf("\nThe best validation loss (%.4f) was at epoch %ld; --early-stop would have kept those weights.\n",
               best_loss, best_epoch);
    printf("\nTest accuracy: %.2f%%, mean cross-entropy %.4f\n", test.accuracy, test.loss);
}

void write_best(const char *dir, long best_epoch, double best_loss)
{
    FILE *f = cli_open(dir, "best.csv", "best_epoch,val_loss");
    fprintf(f, "%ld,%.9g\n", best_epoch, best_loss);
    cli_done(f);
}
