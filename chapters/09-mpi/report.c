/**
 * @file chapters/09-mpi/report.c
 * @brief Chapter 09's report (rank 0's): the run's header, a line per epoch, the test set's result.
 */
#include "report.h"

#include "../../common/weights.h"
#include "share.h"

void report_header(const Options *o, const Dist *d, const Net *net, const ImageSet *train, const ImageSet *test,
                   const TrainState *st)
{
    printf("Chapter 09: chapter 04's %d-", weights_units(&net->w, 0));
    if (net->L == 2)
        printf("%d-", weights_units(&net->w, 1));
    printf("%d network on %d rank%s (MPI processes)\n", CLASSES, d->size, d->size == 1 ? "" : "s");
    int first, count;
    share_of((int)o->batch, o->deterministic ? DET_SHARES : d->size, 0, &first, &count);
    printf("%d training images, %d test images; %ld epoch%s of batches of %ld, lr %g%s, %s\n", train->n, test->n,
           o->epochs, o->epochs == 1 ? "" : "s", o->batch, o->lr, o->momentum > 0 ? ", momentum" : "",
           o->shuffle ? "reshuffled every epoch" : "in file order");
    if (o->deterministic)
        printf("Deterministic: every batch cut into %d shares of about %d, added in share order (%d per rank)\n",
               DET_SHARES, count, DET_SHARES / d->size);
    else
        printf("Each rank computes the gradient of its share of a batch (%d images for rank 0), one\n"
               "MPI_Allreduce adds the %d sums (%zu numbers), every rank takes the same step\n", count, d->size,
               net->n + NET_EXTRA);
    if (st->step > 0)
        printf("Resumed from %s at step %ld: epoch %ld, after its batch %ld\n", o->resume, st->step, st->epoch,
               st->batch);
    printf("\n");
}

void report_epoch_titles(void)
{
    printf("  %5s  %10s  %9s  %9s  %8s  %7s  %9s  %6s\n", "epoch", "train loss", "train acc", "test loss", "test acc",
           "seconds", "samples/s", "comm");
}

void report_epoch(const Options *o, const Dist *d, FILE *epochs, FILE *timing, const Epoch *e)
{
    fprintf(epochs, "%ld,%.9g,%.4f,%.9g,%.4f\n", e->epoch, e->train_loss, e->train_accuracy, e->test_loss,
            e->test_accuracy);
    fprintf(timing, "%ld,%d,%ld,%.4g,%.4g,%.0f\n", e->epoch, d->size, o->batch, e->seconds, e->comm_seconds,
            e->samples / e->seconds);
    if (!o->quiet)
        printf("  %5ld  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %7.2f  %9.0f  %5.1f%%\n", e->epoch, e->train_loss,
               e->train_accuracy, e->test_loss, e->test_accuracy, e->seconds, e->samples / e->seconds,
               100.0 * e->comm_seconds / e->seconds);
    fflush(stdout);
}

void report_test(const Options *o, const Dist *d, long right, int n, double loss)
{
    printf("%sTest accuracy: %.2f%% (%ld of %d images), mean cross-entropy %.4f, on %d rank%s\n", o->quiet ? "" : "\n",
           100.0 * right / n, right, n, loss, d->size, d->size == 1 ? "" : "s");
}
