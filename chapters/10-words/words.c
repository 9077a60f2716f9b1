/**
 * @file chapters/10-words/words.c
 * @brief Reading a word list, its three sets, and the examples of a set.
 */
#define _POSIX_C_SOURCE 200809L
#include "words.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/alloc.h"

/* A usable word: lowercase a-z only, 1 to WORD_MAX letters. */
static int usable(const char *s, size_t len)
{
    if (len == 0 || len > WORD_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

int words_load(WordList *w, const char *path, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, room = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        w->lines++;
        if ((size_t)len != strlen(line)) {
            snprintf(err, errlen, "%s:%ld: a NUL byte (is this a text file?)", path, w->lines);
            rc = -1;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!usable(line, (size_t)len)) {
            if (w->dropped++ == 0)
                snprintf(w->example, sizeof w->example, "%.40s%s", line, len > 40 ? "..." : "");
            continue;
        }
        if ((size_t)w->n == room) {
            room = room ? 2 * room : 4096;
            w->word = nn_realloc(w->word, room, sizeof *w->word, "the word list");
        }
        w->word[w->n] = nn_alloc((size_t)len + 1, 1, "a word");
        memcpy(w->word[w->n++], line, (size_t)len + 1);
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        rc = -1;
    }
    free(line);
    fclose(f);
    if (rc == 0 && w->n < 10) {
        snprintf(err, errlen, "%s: %d usable word%s of %ld lines (a word is a line of lowercase letters a-z, at most "
                 "%d of them): at least 10 are needed, one in ten for validation and one for the test",
                 path, w->n, w->n == 1 ? "" : "s", w->lines, WORD_MAX);
        rc = -1;
    }
    if (rc != 0)
        words_free(w);
    return rc;
}

void words_free(WordList *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->word[i]);
    free(w->word);
    memset(w, 0, sizeof *w);
}

WordSet word_set(int i)
{
    return i % 10 == 8 ? SET_VAL : i % 10 == 9 ? SET_TEST : SET_TRAIN;
}

int char_id(char c)
{
    return c == '.' ? 0 : c - 'a' + 1;
}

char id_char(int k)
{
    return k == 0 ? '.' : (char)('a' + k - 1);
}

Examples examples_of(const WordList *w, WordSet set, int context, long limit)
{
    long total = 0;                             // each word gives its letters and its end
    for (int i = 0; i < w->n; i++)
        if (word_set(i) == set)
            total += (long)strlen(w->word[i]) + 1;
    if (limit > 0 && total > limit)
        total = limit;
    Examples e = {.n = (int)total, .context = context};
    e.x = nn_alloc((size_t)total * (size_t)context, sizeof(int), "the examples' contexts");
    e.y = nn_alloc((size_t)total, sizeof(int), "the examples' next characters");
    long k = 0;
    for (int i = 0; i < w->n && k < total; i++) {
        if (word_set(i) != set)
            continue;
        int ctx[64] = {0};                      // all '.': the word's start
        for (const char *c = w->word[i];; c++) {
            memcpy(e.x + (size_t)k * context, ctx, sizeof(int) * (size_t)context);
            e.y[k] = *c ? char_id(*c) : 0;
            if (++k == total || !*c)
                break;
            memmove(ctx, ctx + 1, sizeof(int) * (size_t)(context - 1));     // slide the window by one
            ctx[context - 1] = char_id(*c);
        }
    }
    return e;
}

void examples_free(Examples *e)
{
    free(e->x);
    free(e->y);
    e->x = e->y = NULL;
    e->n = 0;
}

int words_contains(const WordList *w, const char *word)
{
    for (int i = 0; i < w->n; i++)
        if (strcmp(w->word[i], word) == 0)
            return 1;
    return 0;
}
