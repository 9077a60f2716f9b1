/**
 * @file chapters/12-gpt/options.h
 * @brief Chapter 12's options: one table for cli_parse(), its defaults, and --preset best.
 */
#ifndef CH12_OPTIONS_H
#define CH12_OPTIONS_H

/** Everything the command line sets. */
typedef struct {
    const char *text;       /**< --text: the corpus (a fortunes directory, or a file) */
    const char *out;        /**< --out */
    const char *load;       /**< --load-weights */
    const char *gradients;  /**< --gradients FILE */
    const char *prompt;     /**< --prompt TEXT (NULL: the end of a fortune) */
    int preset;             /**< --preset best */
    int check;              /**< --check: the backward passes against finite differences and the tape */
    int quiet;              /**< --quiet */
    long layers;            /**< --layers L */
    long heads;             /**< --heads H */
    long embed;             /**< --embed E */
    long context;           /**< --context T */
    long batch;             /**< --batch B */
    long steps;             /**< --steps */
    long epochs;            /**< --epochs (0: --steps decides) */
    long warmup;            /**< --warmup: steps of rising learning rate */
    long grad_seqs;         /**< --grad-seqs K */
    long sample;            /**< --sample N bytes */
    long top_k;             /**< --top-k K (0: every byte) */
    long eval_every;        /**< --eval-every N steps */
    long val_slice;         /**< --val-slice N bytes of validation text during training */
    long threads;           /**< --threads */
    double lr;              /**< --lr */
    double weight_decay;    /**< --weight-decay */
    double clip;            /**< --clip (0: none) */
    double temperature;     /**< --temperature */
    unsigned long seed;     /**< --seed */
    int given[4];           /**< 1 for each of --layers, --heads, --embed, --context given */
} Options;

/** Read the command line (stops with exit 2 on a bad option, exit 0 after --help). */
Options options_parse(int argc, char **argv);

#endif
