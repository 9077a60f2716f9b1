/**
 * @file text.h
 * @brief Part three's running text: the fortunes (or any text file), split in two, as byte ids.
 *
 * The corpus is the plain-text files of Debian's fortunes (those of
 * /usr/share/games/fortunes without an extension: not the `.dat` indexes, not
 * the `.u8` links), read in name order and joined. A fortune ends at a line
 * holding only `%` (that line belongs to it); numbering them from 0 in reading
 * order, fortune k is validation text when k % 10 == 9, training text
 * otherwise, each set its fortunes joined in order. Any other text file
 * (`--text FILE`) is split the same way when it has `%` lines, else its last
 * tenth is validation. The tokens are bytes: the vocabulary is the distinct
 * bytes of the whole text (both sets), sorted by value, a byte's id its rank.
 */
#ifndef NN_TEXT_H
#define NN_TEXT_H

#include <stddef.h>
#include <stdio.h>

/** The fortunes' directory (Debian's fortunes and fortunes-min). */
#define TEXT_FORTUNES "/usr/share/games/fortunes"

/** A text split in two and its vocabulary. */
typedef struct {
    int *train;                 /**< the training text as ids */
    long n_train;               /**< its length */
    int *val;                   /**< the validation text as ids */
    long n_val;                 /**< its length */
    int vocab;                  /**< V: the distinct bytes */
    unsigned char byte_of[256]; /**< byte_of[id]: the byte of an id */
    int id_of[256];             /**< id_of[byte]: its id, or -1 for a byte the text does not have */
    int files;                  /**< files read */
    long pieces;                /**< fortunes (the `%` pieces); 0 when split by the last tenth */
} Text;

/**
 * Read the corpus: the directory dir of fortune files (dir with `/` at the end
 * or TEXT_FORTUNES), or the single file path. Returns 0, or -1 with `path:
 * problem` in err (unreadable, a directory without text files, a text too short
 * to split: both sets need at least 2 bytes).
 */
int text_load(Text *t, const char *path, char *err, size_t errlen);

/** Release a text filled by text_load(). */
void text_free(Text *t);

/**
 * The ids of the bytes of s (n bytes) into ids; returns -1 and the position of
 * the first byte outside the vocabulary in *bad, else 0.
 */
int text_encode(const Text *t, const char *s, long n, int *ids, long *bad);

/** A byte for printing: itself when printable ASCII, else a `\xNN` escape (out holds 5 chars). */
const char *text_show(unsigned char byte, char out[5]);

/**
 * The ids of a prompt to start made-up text from, n of them (chapters 11 and
 * 12's --prompt): prompt's bytes, or without one (NULL) `%` and a newline, the
 * end of a fortune, when the text has both bytes, else its first byte. Returns
 * the ids (the caller frees them), or NULL with `--prompt: problem` in err (an
 * empty prompt, a byte outside the vocabulary).
 */
int *text_prompt(const Text *t, const char *prompt, long *n, char *err, size_t errlen);

/**
 * Print n bytes of made-up text two spaces in: a line break at each newline and
 * at a space past column 100, other unprintable bytes as `\xNN` (text_show()).
 */
void text_print_indented(FILE *f, const char *s, long n);

#endif
