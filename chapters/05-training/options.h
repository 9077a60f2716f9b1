/**
 * @file chapters/05-training/options.h
 * @brief What chapter 05's command line chose: main.c reads it with its table of options.
 */
#ifndef CH05_OPTIONS_H
#define CH05_OPTIONS_H

#include "../../common/weights.h"
#include "network.h"

/** `--preset`: a recipe of the page, which sets the options the command line leaves alone. */
typedef enum {
    PRESET_NONE = -1,       /**< no recipe */
    PRESET_SIGMOID_SGD,     /**< chapter 04's network and training */
    PRESET_BEST             /**< the chapter's best */
} Preset;

/** The options of a run, after the preset and the defaults that depend on other options. */
typedef struct {
    const char *data;           /**< `--data`: the directory of the IDX files */
    const char *out;            /**< `--out`: where the files go */
    const char *load;           /**< `--load-weights`: the starting weights (or NULL) */
    const char *gradients;      /**< `--gradients`: where to write the gradient, the other mode (or NULL) */
    long sizes[WEIGHTS_MAX_LAYERS + 1];     /**< `--layers`: the units of each layer, inputs first */
    int n_sizes;                /**< how many sizes */
    int preset;                 /**< `--preset` (a #Preset) */
    NetConfig net;              /**< `--act`, `--dropout`, `--weight-decay` */
    Init init;                  /**< `--init` */
    OptKind opt;                /**< `--opt` */
    Schedule schedule;          /**< `--lr-schedule` */
    double lr;                  /**< `--lr` */
    double mu;                  /**< `--momentum` */
    double beta1;               /**< `--beta1` */
    double beta2;               /**< `--beta2` */
    double eps;                 /**< `--eps` */
    long epochs;                /**< `--epochs` */
    long batch;                 /**< `--batch` */
    long train_limit;           /**< `--train-limit` (0: all) */
    long test_limit;            /**< `--test-limit` (0: all) */
    long val;                   /**< `--val`: the training file's last images held out */
    long early_stop;            /**< `--early-stop` (0: off) */
    long seed;                  /**< `--seed` */
    int shuffle;                /**< `--shuffle` */
    int quiet;                  /**< `--quiet` */
    /** The options that were on the command line, which a preset leaves alone. */
    struct {
        int layers, act, init, opt, lr, batch, schedule, dropout, epochs, val;
    } given;
} Options;

#endif
