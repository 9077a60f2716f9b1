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

#include "alloc.h"

static const char *prog_name = "nn";
static void (*exit_hook)(int) = NULL;
static int quiet_errors = 0;

/* Files cli_open() opened and cli_done() has not finished: their final names. */
#define MAX_OPEN 32
static struct {
    FILE *f;
    char path[4096];
    size_t dir_len;     // path[0..dir_len) is the directory, path + dir_len + 1 the name
} open_files[MAX_OPEN];

/* The files the run finished, in order: what cli_print_files() lists. */
typedef struct {
    char *dir, *name;
} Written;
static Written *written;
static int n_written, room_written;

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

/*
 * The next option of argv, as getopt_long() returns it, with the course's
 * messages for an unknown option, a missing value, and an option given twice
 * (seen[val] counts them; vals below nseen are tracked).
 */
static int next_option(int argc, char **argv, const char *shortopts, const struct option *longopts,
                       unsigned char *seen, int nseen)
{
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
    if (c >= 0 && c < nseen && seen[c]++) {
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

/* Open path.partial for writing, remembering path (its directory the first dir_len characters). */
static FILE *open_partial(const char *path, size_t dir_len)
{
    char partial[4200];
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
    open_files[slot].dir_len = dir_len;
    return f;
}

static FILE *create(const char *dir, const char *name, char *path, size_t pathlen)
{
    if ((size_t)snprintf(path, pathlen, "%s/%s", dir, name) >= pathlen || strlen(path) >= 4096)
        cli_fail(EXIT_USAGE, "--out: path '%s/%s' is too long", dir, name);
    return open_partial(path, strlen(dir));
}

FILE *cli_open(const char *dir, const char *name, const char *header)
{
    char path[4096];
    cli_make_dir(dir);
    FILE *f = create(dir, name, path, sizeof path);
    if (header)
        fprintf(f, "%s\n", header);
    return f;
}

FILE *cli_open_path(const char *path)
{
    if (strlen(path) >= 4096)
        cli_fail(EXIT_USAGE, "path '%.40s...' is too long", path);
    const char *slash = strrchr(path, '/');
    return open_partial(path, slash ? (size_t)(slash - path) : 0);
}

/* At exit: the list goes (so that valgrind sees nothing left). */
static void forget_written(void)
{
    for (int i = 0; i < n_written; i++)
        free(written[i].dir), free(written[i].name);
    free(written);
    written = NULL;
    n_written = room_written = 0;
}

void cli_wrote(const char *dir, const char *name)
{
    for (int i = 0; i < n_written; i++)
        if (strcmp(written[i].dir, dir) == 0 && strcmp(written[i].name, name) == 0)
            return; // written again: it keeps its place
    if (n_written == room_written) {
        room_written = room_written ? 2 * room_written : 32;
        written = nn_realloc(written, (size_t)room_written, sizeof *written, "the list of files written");
        if (n_written == 0)
            atexit(forget_written);
    }
    written[n_written].dir = nn_alloc(strlen(dir) + 1, 1, "a file's directory");
    written[n_written].name = nn_alloc(strlen(name) + 1, 1, "a file's name");
    strcpy(written[n_written].dir, dir);
    strcpy(written[n_written].name, name);
    n_written++;
}

static void close_file(FILE *f, const char *path)
{
    size_t dir_len = (size_t)-1;
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_files[i].f == f) {
            open_files[i].f = NULL;
            dir_len = open_files[i].dir_len;
        }
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
    if (dir_len != (size_t)-1) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", (int)dir_len, path);
        cli_wrote(dir_len ? dir : ".", path + dir_len + (dir_len > 0));
    }
}

void cli_done(FILE *f)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_files[i].f == f) {
            char path[4096];
            strcpy(path, open_files[i].path);
            close_file(f, path);
            return;
        }
    assert(!"cli_done: not a file of cli_open()");
}

void cli_print_files(const char *dir)
{
    char line[4300];
    int n = 0, len = snprintf(line, sizeof line, "Files in %s:", dir);
    for (int i = 0; i < n_written; i++)
        if (strcmp(written[i].dir, dir) == 0)
            len += snprintf(line + len, sizeof line - (size_t)len, "%s %s", n++ ? "," : "", written[i].name);
    if (n == 0)
        return;
    if (len <= 100) {
        printf("%s\n", line);
        return;
    }
    printf("Files in %s:\n ", dir); // under the heading, a line at most 100 wide
    int width = 1;
    for (int i = 0, k = 0; i < n_written; i++) {
        if (strcmp(written[i].dir, dir) != 0)
            continue;
        const int w = (int)strlen(written[i].name) + 2;     // " name," or " name"
        if (k > 0 && width + w > 100) {
            printf(",\n ");
            width = 1;
        } else if (k > 0) {
            putchar(',');
        }
        printf(" %s", written[i].name);
        width += w;
        k++;
    }
    putchar('\n');
}

// ----------------------------------------------------------------------------
// a program's options as one table

#define MAX_OPTIONS 64
#define HELP_COLUMN 24      // where the help text starts in --help

/* The default of option o, as its value stands before parsing, into buf ("" for none). */
static void default_text(const CliOption *o, char *buf, size_t len)
{
    buf[0] = '\0';
    switch (o->kind) {
    case CLI_LONG: snprintf(buf, len, "%ld", *(const long *)o->value); break;
    case CLI_DOUBLE:
    case CLI_POSITIVE: snprintf(buf, len, "%g", *(const double *)o->value); break;
    case CLI_TEXT:
    case CLI_DIR:
        if (*(const char *const *)o->value)
            snprintf(buf, len, "%s", *(const char *const *)o->value);
        break;
    case CLI_YES_NO: snprintf(buf, len, "%s", *(const int *)o->value ? "yes" : "no"); break;
    case CLI_CHOICE: {
        const char *w = o->choices;
        for (int k = *(const int *)o->value; k > 0 && w; k--)
            w = strchr(w, '|') ? strchr(w, '|') + 1 : NULL;
        if (w)
            snprintf(buf, len, "%.*s", (int)strcspn(w, "|"), w);
        break;
    }
    case CLI_DOUBLES:
    case CLI_LONGS:
        for (int k = 0; o->count && k < *o->count; k++) {
            const size_t at = strlen(buf);
            if (o->kind == CLI_DOUBLES)
                snprintf(buf + at, len - at, "%s%g", k ? "," : "", ((const double *)o->value)[k]);
            else
                snprintf(buf + at, len - at, "%s%ld", k ? "," : "", ((const long *)o->value)[k]);
        }
        break;
    case CLI_FLAG:
    case CLI_CUSTOM: break;
    }
}

/* --help: the usage line, about, then a line (or more) per option of the table. */
static _Noreturn void print_help(const char *about, const CliOption *options, char defaults[][128])
{
    printf("Usage: %s [options]\n%s\n\n", prog_name, about);
    for (int i = 0; options[i].name || options[i].help; i++) {
        const CliOption *o = &options[i];
        if (o->alias_of)
            continue;
        if (!o->name) { // a heading
            printf("%s%s\n", i ? "\n" : "", o->help);
            continue;
        }
        char left[128];
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        printf("  %-*s", HELP_COLUMN - 4, left);
        if (strlen(left) > HELP_COLUMN - 4) // too wide: the help starts on the next line
            printf("\n%*s", HELP_COLUMN - 2, "");
        printf("  ");
        for (const char *h = o->help; *h; h++) {
            putchar(*h);
            if (*h == '\n')
                printf("%*s", HELP_COLUMN, "");
        }
        if (defaults[i][0] && !strstr(o->help, "(default"))
            printf(" (default %s)", defaults[i]);
        putchar('\n');
    }
    printf("  %-*s  show this help\n", HELP_COLUMN - 4, "--help");
    fflush(stdout);
    cli_exit(0);
}

/* Store text as the value of option o, named opt ("--lr") in messages. */
static void set_value(const CliOption *o, const char *opt, const char *text)
{
    switch (o->kind) {
    case CLI_FLAG: *(int *)o->value = 1; break;
    case CLI_TEXT: *(const char **)o->value = text; break;
    case CLI_DIR: *(const char **)o->value = cli_dir(opt, text); break;
    case CLI_LONG: *(long *)o->value = cli_long(opt, text, o->min, o->max); break;
    case CLI_DOUBLE: *(double *)o->value = cli_double(opt, text); break;
    case CLI_POSITIVE: *(double *)o->value = cli_positive(opt, text); break;
    case CLI_YES_NO: *(int *)o->value = cli_yes_no(opt, text); break;
    case CLI_CHOICE: {
        int k = 0;
        for (const char *w = o->choices; w; w = strchr(w, '|') ? strchr(w, '|') + 1 : NULL, k++) {
            const size_t n = strcspn(w, "|");
            if (strlen(text) == n && strncmp(w, text, n) == 0) {
                *(int *)o->value = k;
                return;
            }
        }
        // "expected sgd, momentum or adam"
        char words[256] = "";
        k = 0;
        for (const char *w = o->choices; w; w = strchr(w, '|') ? strchr(w, '|') + 1 : NULL, k++) {
            const int last = strchr(w, '|') == NULL;
            const size_t at = strlen(words);
            snprintf(words + at, sizeof words - at, "%s%.*s", k == 0 ? "" : last ? " or " : ", ",
                     (int)strcspn(w, "|"), w);
        }
        cli_fail(EXIT_USAGE, "%s: expected %s, got '%s'", opt, words, text);
    }
    case CLI_DOUBLES: *o->count = cli_doubles(opt, text, (double *)o->value, (int)o->max); break;
    case CLI_LONGS: *o->count = cli_longs(opt, text, (long *)o->value, o->items, o->min, o->max); break;
    case CLI_CUSTOM: o->parse(text, o->value); break;
    }
}

void cli_parse(int argc, char **argv, const char *about, const CliOption *options)
{
    struct option longopts[MAX_OPTIONS + 2];
    static char defaults[MAX_OPTIONS][128];     // static: a program's table is read once
    unsigned char seen[MAX_OPTIONS + 1] = {0};
    int m = 0; // getopt's table: the options without the headings
    for (int n = 0; options[n].name || options[n].help; n++) {
        assert(n < MAX_OPTIONS);
        const CliOption *o = &options[n];
        default_text(o, defaults[n], sizeof defaults[n]);
        if (!o->name)
            continue;
        int target = n; // an old name counts as the option it stands for
        for (int k = 0; o->alias_of && k < n; k++)
            if (options[k].name && strcmp(options[k].name, o->alias_of) == 0)
                target = k;
        assert(!o->alias_of || target != n);
        longopts[m++] = (struct option){o->name, o->kind == CLI_FLAG ? no_argument : required_argument, NULL, target};
    }
    longopts[m] = (struct option){"help", no_argument, NULL, MAX_OPTIONS};
    longopts[m + 1] = (struct option){0, 0, 0, 0};
    optind = 0; // glibc: a new parse
    int c;
    while ((c = next_option(argc, argv, "", longopts, seen, MAX_OPTIONS + 1)) != -1) {
        if (c == MAX_OPTIONS)
            print_help(about, options, defaults);
        const CliOption *o = &options[c];
        char opt[80];
        snprintf(opt, sizeof opt, "--%s", o->name);
        set_value(o, opt, optarg);
        if (o->given)
            *o->given = 1;
    }
    cli_no_operands(argc, argv);
}
