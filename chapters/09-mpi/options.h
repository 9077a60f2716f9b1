/**
 * @file chapters/09-mpi/options.h
 * @brief Chapter 09: what a run was asked to do (its options), shared by main.c and sets.c.
 */
#ifndef CH09_OPTIONS_H
#define CH09_OPTIONS_H

/** Fashion-MNIST's ten classes: the network's outputs. */
#define CLASSES 10

/** The options of a run: training (the default), `--gradients FILE` or `--bench-allreduce`. */
typedef struct {
    const char *data;           /**< --data: the IDX files (rank 0 reads them) */
    const char *out;            /**< --out: where rank 0 writes the files */
    const char *load;           /**< --load-weights, or NULL */
    const char *gradients;      /**< --gradients FILE, or NULL */
    const char *resume;         /**< --resume DIR, or NULL */
    long hidden;                /**< --hidden: sigmoid hidden units (0: softmax regression) */
    int hidden_given;           /**< 1 when --hidden was given: a loaded network must agree */
    long epochs;                /**< --epochs */
    long batch;                 /**< --batch: samples per step, all the ranks together */
    long train_limit;           /**< --train-limit (0: all) */
    long test_limit;            /**< --test-limit (0: all) */
    long seed;                  /**< --seed */
    long checkpoint_every;      /**< --checkpoint-every N (0: no checkpoints) */
    long fail_at[2];            /**< --fail-at R:S: rank fail_at[0] dies before step fail_at[1] (rank -1: none) */
    double lr;                  /**< --lr */
    double momentum;            /**< --momentum */
    int shuffle;                /**< --shuffle */
    int quiet;                  /**< --quiet */
    int deterministic;          /**< --deterministic: every batch in #DET_SHARES shares, added in order */
    int bench;                  /**< --bench-allreduce */
    double min_time;            /**< --min-time: the seconds --bench-allreduce times each size for, at least */
    int min_time_given;         /**< whether --min-time was given */
} Options;

/** --deterministic: a batch is always cut into this many shares. */
#define DET_SHARES 4

/** --fail-at R:S into value, a long[2] {R, S}; stops with exit 2 on anything else. */
void parse_fail_at(const char *text, void *value);

/** --momentum X into value, a double in [0, 1); stops with exit 2 on anything else. */
void parse_momentum(const char *text, void *value);

/** --ranks P: always a mistake (exit 2), which names the launcher's command that runs P ranks. */
void refuse_ranks(const char *text, void *value);

#endif
