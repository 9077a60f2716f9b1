/**
 * @file cli.c
 * @brief Program name, strict number parsing, options and output files.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *prog_name = "nn";
static void (*exit_hook)(int) = NULL;
static int quiet_errors = 0;

/* Files cli_create() opened and cli_close() has not finished: their final names. */
#define MAX_OPEN 32
static struct {
    FILE *f;
    char path[4096];
} open_files[MAX_OPEN];

void cli_init(const char *prog)
{
    prog_name = prog;
}

const char *cli_prog(void)
{
    return prog_name;
}

void cli_set_exit_hook(void (*hook)(int code))
{
    exit_hook = hook;
}

void cli_set_quiet_errors(int quiet)
{
    quiet_errors = quiet;
}

void cli_exit(int code)
{
    if (exit_hook)
        exit_hook(code);
    exit(code);
}

/* Remove the files that were being written: what they hold is not a result. */
static void remove_partial_files(void)
{
    char partial[4200];
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_files[i].f) {
            fclose(open_files[i].f);
            snprintf(partial, sizeof partial, "%s.partial", open_files[i].path);
            remove(partial);
            open_files[i].f = NULL;
        }
}

void cli_fail(int code, const char *fmt, ...)
{
    fflush(stdout); // the report so far comes before the error
    if (!quiet_errors) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "%s: ", prog_name);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
    remove_partial_files();
    cli_exit(code);
}

// ----------------------------------------------------------------------------
// options

/* Edit distance between a[0..na) and b[0..nb): insertions, deletions, substitutions. */
static int edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    int row[64];
    if (na >= 64 || nb >= 64)
        return 64;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            const int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/*
 * Stop on an unknown long option, naming the real one it most likely meant:
 * a typo (--seeed), a name with an extra ending (--lrate for --lr) or the
 * start of several names (--l), so that the learner need not read --help.
 */
static _Noreturn void unknown_option(const char *arg, const struct option *longopts)
{
    const char *given = arg + strspn(arg, "-");
    const size_t n = strcspn(given, "=");
    const char *best = NULL, *also = NULL;
    int best_d = 3, prefix_of = 0;
    for (const struct option *o = longopts; o->name; o++)
        if (given[n] == '=' && o->has_arg == no_argument && strlen(o->name) == n &&
            strncmp(o->name, given, n) == 0)
            cli_fail(EXIT_USAGE, "option '--%s' takes no value, got '%s'", o->name, arg);
    for (const struct option *o = longopts; o->name; o++) {
        const size_t len = strlen(o->name);
        if (n >= 1 && n < len && strncmp(o->name, given, n) == 0) { // getopt's ambiguous prefix
            if (prefix_of++ == 0)
                best = o->name;
            else if (prefix_of == 2)
                also = o->name;
            best_d = 0;
            continue;
        }
        if (prefix_of)
            continue;
        int d = edit_distance(given, n, o->name, len);
        if (len >= 2 && n > len && strncmp(o->name, given, len) == 0)
            d = 1; // the real name with something after it
        if (d < best_d && (size_t)d * 3 <= (n > len ? n : len)) {
            best_d = d;
            best = o->name;
        }
    }
    if (prefix_of >= 2)
        cli_fail(EXIT_USAGE, "option '%.*s' is ambiguous: --%s, --%s%s (try --help)", (int)(given - arg + n),
                 arg, best, also, prefix_of > 2 ? ", ..." : "");
    if (best)
        cli_fail(EXIT_USAGE, "unknown option '%.*s' (did you mean --%s? try --help)", (int)(given - arg + n),
                 arg, best);
    cli_fail(EXIT_USAGE, "unknown option '%s' (try --help)", arg);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    static unsigned char seen[256];
    if (optind <= 1) // a new parse
        memset(seen, 0, sizeof seen);
    opterr = 0; // we print our own one-line messages
    // a leading ':' makes getopt tell a missing value (':') from an unknown option ('?')
    char spec[64] = ":";
    strncat(spec, shortopts, sizeof spec - 2);
    int c = getopt_long(argc, argv, spec, longopts, NULL);
    if (c == '?') {
        // getopt sets optopt for a long option given a value it does not take, too
        if (strncmp(argv[optind - 1], "--", 2) == 0)
            unknown_option(argv[optind - 1], longopts);
        cli_fail(EXIT_USAGE, "unknown option '-%c' (try --help)", optopt);
    }
    if (c == ':')
        cli_fail(EXIT_USAGE, "option '%s' needs a value (try --help)", argv[optind - 1]);
    if (c >= 0 && c < 256 && seen[c]++) {
        const char *name = "?";
        for (const struct option *o = longopts; o->name && name[0] == '?'; o++)
            if (o->val == c)
                name = o->name; // the first name: an old alias comes after it
        cli_fail(EXIT_USAGE, "option '--%s' is given twice (give each option once)", name);
    }
    return c;
}

void cli_no_operands(int argc, char **argv)
{
    if (optind < argc)
        cli_fail(EXIT_USAGE, "unexpected argument '%s' (options start with --; try --help)",
                 argv[optind]);
}

/* Parse all of text as a finite double; 0 on success. */
static int parse_double(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(v) || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

/* Parse all of text as a long; 0 on success. */
static int parse_long(const char *text, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

double cli_double(const char *opt, const char *text)
{
    double v;
    if (parse_double(text, &v) != 0)
        cli_fail(EXIT_USAGE, "%s: expected a finite number, got '%s'", opt, text);
    return v;
}

double cli_positive(const char *opt, const char *text)
{
    double v = cli_double(opt, text);
    if (!(v > 0.0))
        cli_fail(EXIT_USAGE, "%s: must be greater than 0, got '%s'", opt, text);
    return v;
}

int cli_yes_no(const char *opt, const char *text)
{
    if (strcmp(text, "yes") == 0)
        return 1;
    if (strcmp(text, "no") == 0)
        return 0;
    cli_fail(EXIT_USAGE, "%s: expected yes or no, got '%s'", opt, text);
}

long cli_long(const char *opt, const char *text, long min, long max)
{
    long v;
    if (parse_long(text, &v) != 0)
        cli_fail(EXIT_USAGE, "%s: expected a whole number, got '%s'", opt, text);
    if (v < min || v > max)
        cli_fail(EXIT_USAGE, "%s: must be between %ld and %ld, got %ld", opt, min, max, v);
    return v;
}

/*
 * Split text at commas and hand each item to parse; an empty item ("1,,2"),
 * too many items or an item parse rejects stops the program.
 */
static int split_list(const char *opt, const char *text, int max, const char *what,
                      int (*parse)(const char *item, int index, void *ctx), void *ctx)
{
    char item[128];
    int n = 0;
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0)
            cli_fail(EXIT_USAGE, "%s: empty item %d in '%s' (expected %s separated by commas)",
                     opt, n + 1, text, what);
        if (n == max)
            cli_fail(EXIT_USAGE, "%s: too many items in '%s' (at most %d)", opt, text, max);
        if (len >= sizeof item)
            cli_fail(EXIT_USAGE, "%s: item %d is too long", opt, n + 1);
        memcpy(item, p, len);
        item[len] = '\0';
        if (parse(item, n, ctx) != 0)
            cli_fail(EXIT_USAGE, "%s: item %d is '%s', expected %s", opt, n + 1, item, what);
        n++;
        if (!comma)
            return n;
        p = comma + 1;
    }
}

static int double_item(const char *item, int index, void *ctx)
{
    return parse_double(item, (double *)ctx + index);
}

int cli_doubles(const char *opt, const char *text, double *out, int max)
{
    return split_list(opt, text, max, "finite numbers", double_item, out);
}

struct long_ctx {
    long *out, min, lim;
};

static int long_item(const char *item, int index, void *ctx)
{
    struct long_ctx *c = ctx;
    long v;
    if (parse_long(item, &v) != 0 || v < c->min || v > c->lim)
        return -1;
    c->out[index] = v;
    return 0;
}

int cli_longs(const char *opt, const char *text, long *out, int max, long min, long lim)
{
    char what[96];
    snprintf(what, sizeof what, "whole numbers from %ld to %ld", min, lim);
    struct long_ctx ctx = {out, min, lim};
    return split_list(opt, text, max, what, long_item, &ctx);
}

const char *cli_dir(const char *opt, const char *dir)
{
    if (dir[0] == '\0')
        cli_fail(EXIT_USAGE, "%s: the directory name is empty", opt);
    if (strlen(dir) >= 4096)
        cli_fail(EXIT_USAGE, "%s: directory name is too long", opt);
    return dir;
}

// ----------------------------------------------------------------------------
// output files

void cli_make_dir(const char *dir)
{
    char path[4096];
    if (dir[0] == '\0')
        cli_fail(EXIT_USAGE, "--out: the directory name is empty");
    if (strlen(dir) >= sizeof path)
        cli_fail(EXIT_USAGE, "--out: directory name is too long");
    strcpy(path, dir);
    // create each prefix ending at a '/', then the whole path
    for (char *p = path + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                cli_fail(EXIT_FAILURE_IO, "cannot create directory '%s': %s", path, strerror(errno));
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        cli_fail(EXIT_FAILURE_IO, "cannot use '%s' as output directory: not a directory", dir);
}

FILE *cli_create(const char *dir, const char *name, char *path, size_t pathlen)
{
    char partial[4200];
    if ((size_t)snprintf(path, pathlen, "%s/%s", dir, name) >= pathlen || strlen(path) >= 4096)
        cli_fail(EXIT_USAGE, "--out: path '%s/%s' is too long", dir, name);
    int slot = 0;
    while (slot < MAX_OPEN && open_files[slot].f)
        slot++;
    assert(slot < MAX_OPEN);
    snprintf(partial, sizeof partial, "%s.partial", path);
    FILE *f = fopen(partial, "w");
    if (!f)
        cli_fail(EXIT_FAILURE_IO, "cannot write '%s': %s", path, strerror(errno));
    open_files[slot].f = f;
    strcpy(open_files[slot].path, path);
    return f;
}

void cli_close(FILE *f, const char *path)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_files[i].f == f)
            open_files[i].f = NULL;
    char partial[4200];
    snprintf(partial, sizeof partial, "%s.partial", path);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(partial);
        cli_fail(EXIT_FAILURE_IO, "error writing '%s' (disk full?)", path);
    }
    if (rename(partial, path) != 0) {
        int e = errno;
        remove(partial);
        cli_fail(EXIT_FAILURE_IO, "cannot write '%s': %s", path, strerror(e));
    }
}
