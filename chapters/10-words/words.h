/**
 * @file chapters/10-words/words.h
 * @brief Chapter 10's data: a list of words, split three ways, and the examples a model learns from.
 *
 * The alphabet is `.` (id 0), which marks where a word starts and ends, and
 * the letters a-z (ids 1-26). Of a word list (one word a line), the words of
 * lowercase letters only are kept, in file order; word i of them is for
 * validation when i % 10 == 8, for the test when i % 10 == 9, for training
 * otherwise. An example is a context of the N characters before a position
 * (`.` before the word's start) and the character at it: `emma` gives
 * `...` -> e, `..e` -> m, `.em` -> m, `emm` -> a, `mma` -> `.`.
 */
#ifndef CH10_WORDS_H
#define CH10_WORDS_H

#include <stddef.h>

/** The alphabet's size: `'.'` and a-z. */
#define VOCAB 27
/** The longest word kept (longer lines are dropped, and said). */
#define WORD_MAX 40

/** The three sets a word belongs to. */
typedef enum { SET_TRAIN, SET_VAL, SET_TEST } WordSet;

/** A word list: the usable words, the set of each, and what was left out. */
typedef struct {
    char **word;            /**< the usable words, in file order */
    int n;                  /**< how many */
    long lines;             /**< lines read */
    long dropped;           /**< lines left out: not lowercase a-z only, or longer than WORD_MAX */
    char example[48];       /**< the first line left out, for the report */
} WordList;

/**
 * Read the word list at path. Returns 0, or -1 with `path: problem` in err
 * (unreadable, a NUL byte, fewer than 10 usable words: every set needs one).
 */
int words_load(WordList *w, const char *path, char *err, size_t errlen);

/** Release a list filled by words_load(). */
void words_free(WordList *w);

/** The set word i belongs to: i % 10 == 8 validation, i % 10 == 9 test, training otherwise. */
WordSet word_set(int i);

/** The id of character c: `'.'` 0, a-z 1-26. */
int char_id(char c);

/** The character of id k (0-26). */
char id_char(int k);

/** Examples: n contexts of `context` ids (row-major in x) and the id that follows each (y). */
typedef struct {
    int n;          /**< how many */
    int context;    /**< ids per context (N) */
    int *x;         /**< n x context ids, the oldest first */
    int *y;         /**< n ids: the character that follows */
} Examples;

/**
 * The examples of the words of one set, word after word in list order, a
 * word's own examples in order; at most limit of them when limit > 0.
 */
Examples examples_of(const WordList *w, WordSet set, int context, long limit);

/** Release examples made by examples_of(). */
void examples_free(Examples *e);

/** 1 when word (a NUL-terminated string) is one of the list's words (any set). */
int words_contains(const WordList *w, const char *word);

#endif
