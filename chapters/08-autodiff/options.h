/**
 * @file chapters/08-autodiff/options.h
 * @brief Chapter 08's options, as main.c's parse_options() reads them (see `ch08 --help`).
 */
#ifndef CH08_OPTIONS_H
#define CH08_OPTIONS_H

#include "../../common/weights.h"

/** Which network part 2 trains through the tape. */
typedef enum {
    TASK_XOR,       /**< chapter 02's 2-H-1 network on data/xor.csv */
    TASK_SPIRALS,   /**< chapter 03's 2-8-8-1 network on data/spirals.csv */
    TASK_FASHION,   /**< chapter 04's 784-H-10 network on Fashion-MNIST */
} Task;

/** The options that only training reads, in the order of --help: indexes of Options::given. */
enum {
    G_DATA,         /**< --data */
    G_LAYERS,       /**< --layers */
    G_HIDDEN,       /**< --hidden */
    G_LR,           /**< --lr */
    G_EPOCHS,       /**< --epochs */
    G_BATCH,        /**< --batch */
    G_SHUFFLE,      /**< --shuffle */
    G_TRAIN_LIMIT,  /**< --train-limit */
    G_TEST_LIMIT,   /**< --test-limit */
    G_SEED,         /**< --seed */
    N_GIVEN,        /**< how many */
};

/** What the command line asked for, every default filled in. */
typedef struct {
    int task;                               /**< a Task */
    const char *data;                       /**< --data: the CSV file, or the directory of the IDX files */
    const char *out;                        /**< --out: where the files go */
    const char *load;                       /**< --load-weights, or NULL */
    const char *gradients;                  /**< --gradients FILE, or NULL */
    const char *against;                    /**< --against FILE, or NULL */
    const char *expr;                       /**< --expr TEXT, or NULL */
    const char *set;                        /**< --set NAMES, or NULL */
    long sizes[WEIGHTS_MAX_LAYERS + 1];     /**< --layers */
    int n_sizes;                            /**< how many --layers gave; 0 when it was not given */
    long hidden;                            /**< --hidden: xor's and fashion's hidden units */
    long epochs;                            /**< --epochs */
    long batch;                             /**< --batch (fashion) */
    long train_limit;                       /**< --train-limit (fashion; 0: all) */
    long test_limit;                        /**< --test-limit (fashion; 0: all) */
    long seed;                              /**< --seed */
    double lr;                              /**< --lr */
    int shuffle;                            /**< --shuffle (fashion) */
    int quiet;                              /**< --quiet */
    int check;                              /**< --check */
    int task_given;                         /**< 1 when --task was given (else the whole chapter runs) */
    int given[N_GIVEN];                     /**< which training options were given (G_DATA, ...) */
    char training_option[32];               /**< the first of them in --help's order ("--lr"), for messages */
} Options;

#endif
