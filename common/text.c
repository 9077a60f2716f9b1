/**
 * @file text.c
 * @brief Reading part three's corpus: the fortune files in name order, split by fortune.
 */
#define _POSIX_C_SOURCE 200809L
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"

/* A growing buffer of bytes. */
typedef struct {
    unsigned char *b;
    long n, room;
} Bytes;

static void append(Bytes *s, const unsigned char *p, long n)
{
    if (n <= 0)
        return;
    if (s->n + n > s->room) {
        s->room = (s->n + n) * 2 + 4096;
        s->b = nn_realloc(s->b, (size_t)s->room, 1, "the text");
    }
    memcpy(s->b + s->n, p, (size_t)n);
    s->n += n;
}

/* Append the whole file at path; 0, or -1 with the reason in err. */
static int read_file(Bytes *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        append(s, buf, (long)got);
    const int bad = ferror(f);
    const int e = errno;
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(e));
        return -1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fortune files of dir (no '.' in the name, regular files), in name order, joined into s. */
static int read_fortunes(Bytes *s, const char *dir, int *files, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    int n = 0, rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[4200];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strchr(e->d_name, '.') || lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;                           // the indexes (.dat), the links (.u8), '.' and '..'
        names = nn_realloc(names, (size_t)n + 1, sizeof *names, "the fortune files' names");
        names[n] = nn_alloc(strlen(e->d_name) + 1, 1, "a file name");
        strcpy(names[n++], e->d_name);
    }
    closedir(d);
    if (n > 0)                                  // (names is NULL when there are none: qsort must not see it)
        qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n && rc == 0; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = read_file(s, path, err, errlen);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    *files = n;
    if (rc == 0 && n == 0) {
        snprintf(err, errlen, "%s: no fortune files (text files without a '.' in their name)", dir);
        rc = -1;
    }
    return rc;
}

/* Split s at its '%' lines into the two sets; returns the number of pieces (0: no '%' line). */
static long split(const Bytes *s, Bytes *train, Bytes *val)
{
    long pieces = 0, start = 0;
    for (long i = 0; i < s->n; i++) {
        const int line_start = i == 0 || s->b[i - 1] == '\n';
        if (line_start && s->b[i] == '%' && (i + 1 == s->n || s->b[i + 1] == '\n')) {
            const long end = i + 1 < s->n ? i + 2 : i + 1;         // the '%' line belongs to the fortune
            append(pieces % 10 == 9 ? val : train, s->b + start, end - start);
            pieces++, start = end;
            i = end - 1;
        }
    }
    if (pieces == 0)
        return 0;
    if (start < s->n) {                          // text after the last '%': one more fortune
        append(pieces % 10 == 9 ? val : train, s->b + start, s->n - start);
        pieces++;
    }
    return pieces;
}

int text_load(Text *t, const char *path, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    Bytes all = {0}, train = {0}, val = {0};
    struct stat st;
    int rc;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        rc = read_fortunes(&all, path, &t->files, err, errlen);
    else
        rc = read_file(&all, path, err, errlen), t->files = 1;
    if (rc == 0) {
        t->pieces = split(&all, &train, &val);
        if (t->pieces == 0) {                    // no '%' lines: the last tenth is validation
            const long cut = all.n - all.n / 10;
            append(&train, all.b, cut);
            append(&val, all.b + cut, all.n - cut);
        }
        if (train.n < 2 || val.n < 2) {
            snprintf(err, errlen, "%s: %ld bytes%s: too short to split into training and validation text "
                     "(each needs at least 2 bytes)", path, all.n, t->pieces ? " in its pieces" : "");
            rc = -1;
        }
    }
    if (rc == 0) {
        int seen[256] = {0};
        for (long i = 0; i < all.n; i++)
            seen[all.b[i]] = 1;
        for (int b = 0; b < 256; b++) {
            t->id_of[b] = seen[b] ? t->vocab : -1;
            if (seen[b])
                t->byte_of[t->vocab++] = (unsigned char)b;
        }
        t->n_train = train.n, t->n_val = val.n;
        t->train = nn_alloc((size_t)train.n, sizeof(int), "the training text's ids");
        t->val = nn_alloc((size_t)val.n, sizeof(int), "the validation text's ids");
        for (long i = 0; i < train.n; i++)
            t->train[i] = t->id_of[train.b[i]];
        for (long i = 0; i < val.n; i++)
            t->val[i] = t->id_of[val.b[i]];
    }
    free(all.b), free(train.b), free(val.b);
    return rc;
}

void text_free(Text *t)
{
    free(t->train);
    free(t->val);
    memset(t, 0, sizeof *t);
}

int text_encode(const Text *t, const char *s, long n, int *ids, long *bad)
{
    for (long i = 0; i < n; i++) {
        const int id = t->id_of[(unsigned char)s[i]];
        if (id < 0) {
            *bad = i;
            return -1;
        }
        ids[i] = id;
    }
    return 0;
}

const char *text_show(unsigned char byte, char out[5])
{
    if (byte >= 32 && byte < 127)
        out[0] = (char)byte, out[1] = '\0';
    else
        snprintf(out, 5, "\\x%02x", byte);
    return out;
}

int *text_prompt(const Text *t, const char *prompt, long *n, char *err, size_t errlen)
{
    const char *s = prompt;
    if (!s)
        s = t->id_of['%'] >= 0 && t->id_of['\n'] >= 0 ? "%\n" : NULL;
    *n = s ? (long)strlen(s) : 1;
    if (s && *n == 0) {
        snprintf(err, errlen, "--prompt: empty (leave it out for the default, the end of a fortune)");
        return NULL;
    }
    int *ids = nn_alloc((size_t)*n + 1, sizeof(int), "the prompt");
    long bad;
    if (!s) {
        ids[0] = t->train[0];
    } else if (text_encode(t, s, *n, ids, &bad) != 0) {
        char shown[5];
        snprintf(err, errlen, "--prompt: byte %ld ('%s') is not in the text's vocabulary of %d bytes", bad + 1,
                 text_show((unsigned char)s[bad], shown), t->vocab);
        free(ids);
        return NULL;
    }
    return ids;
}

void text_print_indented(FILE *f, const char *s, long n)
{
    fputs("  ", f);
    for (long i = 0, column = 2; i < n; i++) {
        char shown[5];
        const unsigned char b = (unsigned char)s[i];
        if (b == '\n' || (b == ' ' && column >= 100)) {
            fputs(i + 1 < n ? "\n  " : "\n", f);
            column = 2;
        } else {
            const char *text = b == '\t' ? "\t" : text_show(b, shown);
            fputs(text, f);
            column += b == '\t' ? 8 : (long)strlen(text);
        }
    }
    if (n == 0 || s[n - 1] != '\n')
        fputc('\n', f);
}
