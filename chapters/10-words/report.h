/**
 * @file chapters/10-words/report.h
 * @brief Chapter 10's words made up by the model, and the files its plots read.
 */
#ifndef CH10_REPORT_H
#define CH10_REPORT_H

#include "../../common/rng.h"
#include "counting.h"
#include "mlp.h"
#include "words.h"

/** The longest word sample_word() makes up (the model may never choose the end). */
#define SAMPLE_MAX 30

/**
 * A word made up by the model: from the context of `'.'` only, each next
 * character drawn by sample_next() at temperature T, until the model picks
 * `'.'` or the word reaches SAMPLE_MAX letters. out holds SAMPLE_MAX + 1 chars.
 */
void sample_word(const Mlp *m, MlpCache *c, double T, Rng *rng, char *out);

/**
 * Print a made-up word after a space, `*` after it when it is a real word,
 * starting a new line first when the line would pass 100 characters; *column
 * is the current line's length (1 for a new line), updated.
 */
void print_word(const char *word, int real, long *column);

/** bigram.csv: the 27 x 27 counts, a line per (previous, next) pair with their characters. */
void write_bigram(const char *dir, const Bigram *b);

/**
 * embedding.csv: each character's row of C projected on the two directions
 * along which the 27 rows vary most (principal component analysis), with the
 * share of the variance they hold in the header comment.
 */
void write_embedding(const char *dir, const Mat *C);

#endif
