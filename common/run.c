/**
 * @file run.c
 * @brief Reading a program's inputs and writing its weights, or one line and an exit.
 */
#include "run.h"

#include <math.h>

#include "cli.h"

void run_load_csv(Dataset *d, const char *path, int n_out)
{
    char err[ERR_LEN];
    if (data_load(d, path, n_out, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

void run_load_text(Text *t, const char *path)
{
    char err[ERR_LEN];
    if (text_load(t, path, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

void run_load_images(ImageSet *s, const char *dir, const char *name, long limit, int classes, int pixels)
{
    char err[ERR_LEN];
    if (idx_load_set(s, dir, name, limit, classes, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
    if (pixels > 0 && s->rows * s->cols != pixels) {
        const int rows = s->rows, cols = s->cols;
        idx_free_set(s);
        cli_fail(EXIT_USAGE, "%s: the %s images are %dx%d, but this network takes %d pixels", dir, name, rows, cols,
                 pixels);
    }
}

void run_load_train_test(ImageSet *train, ImageSet *test, const char *dir, long train_limit, long test_limit,
                         int classes, int pixels)
{
    run_load_images(train, dir, "train", train_limit, classes, pixels);
    run_load_images(test, dir, "t10k", test_limit, classes, pixels);
    if (test->rows != train->rows || test->cols != train->cols) {
        const int r = test->rows, c = test->cols;
        idx_free_set(test);
        cli_fail(EXIT_USAGE, "%s: the test images are %dx%d but the training images %dx%d", dir, r, c, train->rows,
                 train->cols);
    }
}

void run_load_weights(Weights *w, const char *path)
{
    char err[ERR_LEN];
    if (weights_read(w, path, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

void run_load_weights_conv(Weights *w, const char *path)
{
    char err[ERR_LEN];
    if (weights_read_conv(w, path, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

void run_save_weights(const Weights *w, const char *dir, const char *name, const char *comment)
{
    FILE *f = cli_open(dir, name, NULL);
    weights_print(f, w, comment);
    cli_done(f);
}

void run_save_gradients(const Weights *g, const char *path, const char *comment)
{
    FILE *f = cli_open_path(path);
    weights_print(f, g, comment);
    cli_done(f);
}

void run_load_params(const Param *p, int n, const char *path)
{
    char err[ERR_LEN];
    if (params_read(p, n, path, err, sizeof err) != 0)
        cli_fail(EXIT_USAGE, "%s", err);
}

void run_save_params(const Param *p, int n, const char *dir, const char *name, const char *comment)
{
    FILE *f = dir ? cli_open(dir, name, NULL) : cli_open_path(name);
    params_print(f, p, n, comment);
    cli_done(f);
}

void run_check_diverged(const Weights *w, double loss, long epoch)
{
    if (!isfinite(loss) || (w && !(weights_max_abs(w) <= WEIGHTS_DIVERGED)))
        cli_fail(EXIT_FAILURE_IO, "epoch %ld: training diverged (a weight passed %g or the loss is not finite); "
                 "lower --lr", epoch, WEIGHTS_DIVERGED);
}
