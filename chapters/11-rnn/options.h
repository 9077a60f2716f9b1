/**
 * @file chapters/11-rnn/options.h
 * @brief Chapter 11's options: one table for cli_parse(), its defaults, and --preset best.
 */
#ifndef CH11_OPTIONS_H
#define CH11_OPTIONS_H

/** Everything the command line sets. */
typedef struct {
    const char *text;       /**< --text: the corpus (a fortunes directory, or a file) */
    const char *out;        /**< --out */
    const char *load;       /**< --load-weights */
    const char *gradients;  /**< --gradients FILE */
    const char *prompt;     /**< --prompt TEXT (NULL: none) */
    int cell;               /**< --cell: 0 rnn, 1 lstm */
    int schedule;           /**< --lr-schedule: 0 constant, 1 cosine */
    int preset;             /**< --preset best */
    int study;              /**< --study: the gradient-norm experiment instead of the training */
    int quiet;              /**< --quiet */
    long hidden;            /**< --hidden H */
    long seq;               /**< --seq T */
    long batch;             /**< --batch B: streams */
    long steps;             /**< --steps */
    long epochs;            /**< --epochs (0: --steps decides) */
    long reset;             /**< --reset N: the state set to 0 every N chunks (0: only when a stream wraps) */
    long grad_seqs;         /**< --grad-seqs K */
    long sample;            /**< --sample N characters */
    long eval_every;        /**< --eval-every N steps */
    long val_slice;         /**< --val-slice N bytes of validation text during training */
    long threads;           /**< --threads */
    double lr;              /**< --lr */
    double clip;            /**< --clip (0: none) */
    double temperature;     /**< --temperature */
    double whh;             /**< --whh: the scale of Whh's starting weights */
    unsigned long seed;     /**< --seed */
} Options;

/** Read the command line (stops with exit 2 on a bad option, exit 0 after --help). */
Options options_parse(int argc, char **argv);

#endif
