/**
 * @file cli.h
 * @brief What every chapter program shares: its name in messages, strict
 *        option values, GNU long options, and the output directory.
 *
 * The promise the README makes ("What the programs accept, and what they
 * promise"): errors are one line on stderr that start with the program's name;
 * exit 2 for bad options or bad input (#EXIT_USAGE), 1 for other failures such
 * as an unwritable file (#EXIT_FAILURE_IO).
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

/** Exit code for a bad option or bad input data. */
#define EXIT_USAGE 2
/** Exit code for other failures (a file that cannot be written). */
#define EXIT_FAILURE_IO 1
/** Size of the buffers that receive one-line error messages. */
#define ERR_LEN 512

/** Remember the program's name for messages ("ch01"). */
void cli_init(const char *prog);

/** The name given to cli_init(). */
const char *cli_prog(void);

/**
 * Print `prog: <message>` on one line to stderr, remove the output files that
 * were not finished (see cli_open()), and exit with code.
 */
_Noreturn void cli_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** Leave the program with code: exit(code), or the hook that cli_set_exit_hook() installed. */
_Noreturn void cli_exit(int code);

/**
 * Make cli_exit() (and so cli_fail()) call hook instead of exit(); the hook
 * must not return (it exits or longjmps). For tests and fuzzers, and for a
 * program that must finish something first (chapter 09 ends MPI). NULL restores exit().
 */
void cli_set_exit_hook(void (*hook)(int code));

/**
 * In a parallel run every process meets the same bad option; only the first
 * should say so. With quiet set, cli_fail() prints nothing (it still removes
 * partial files and exits with its code).
 */
void cli_set_quiet_errors(int quiet);

/** How an option's value is read and checked, and where it goes (CliOption::value). */
typedef enum {
    CLI_FLAG,       /**< no value; *(int *)value = 1 */
    CLI_TEXT,       /**< any text; *(const char **)value */
    CLI_DIR,        /**< a directory name, checked by cli_dir(); *(const char **)value */
    CLI_LONG,       /**< a whole number in [min, max]; *(long *)value */
    CLI_DOUBLE,     /**< a finite number; *(double *)value */
    CLI_POSITIVE,   /**< a finite number > 0; *(double *)value */
    CLI_YES_NO,     /**< yes (1) or no (0); *(int *)value */
    CLI_CHOICE,     /**< one of the words of choices ("sgd|momentum|adam"): its index; *(int *)value */
    CLI_DOUBLES,    /**< at most max comma-separated finite numbers; (double *)value, how many in *count */
    CLI_LONGS,      /**< at most items comma-separated whole numbers in [min, max]; (long *)value, *count */
    CLI_CUSTOM,     /**< parse(text, value) reads it, and stops with cli_fail() on a bad one */
} CliKind;

/**
 * One option of a program's table: its name, what it takes, where the value
 * goes and one line of help. A program lists its options once, as an array
 * ended by `{0}`, and cli_parse() reads the command line, writes `--help`
 * (the default of each option read from where its value goes, unless the help
 * says "(default"), and stops on every mistake with one line. An entry with no
 * name and a help text is a heading in `--help`. CLI_OPT() writes an entry:
 *
 *     const CliOption options[] = {
 *         CLI_OPT("lr", CLI_POSITIVE, &o.lr, .arg = "X", .help = "learning rate eta > 0"),
 *         CLI_OPT("epochs", CLI_LONG, &o.epochs, .arg = "N", .help = "passes over the data",
 *                 .min = 0, .max = 10000),
 *         CLI_OPT("opt", CLI_CHOICE, &o.opt, .arg = "O", .help = "the optimiser",
 *                 .choices = "sgd|momentum|adam"),
 *         CLI_OPT("quiet", CLI_FLAG, &o.quiet, .help = "print only the summary"),
 *         {0}};
 */
typedef struct {
    const char *name;       /**< the long name without its "--" */
    CliKind kind;           /**< what the option takes */
    void *value;            /**< where the value goes (see CliKind) */
    const char *arg;        /**< the value's name in --help ("X", "FILE"); NULL for CLI_FLAG */
    const char *help;       /**< what the option does; a newline in it starts a continuation line */
    long min;               /**< CLI_LONG, CLI_LONGS: the smallest value */
    long max;               /**< CLI_LONG, CLI_LONGS: the largest value; CLI_DOUBLES: the most items */
    int items;              /**< CLI_LONGS: the most items */
    int *count;             /**< CLI_DOUBLES, CLI_LONGS: how many items were read */
    const char *choices;    /**< CLI_CHOICE: the words, separated by '|' */
    int *given;             /**< set to 1 when the option is on the command line (may be NULL) */
    void (*parse)(const char *text, void *value);   /**< CLI_CUSTOM: reads text into value */
    const char *alias_of;   /**< an old name of option alias_of: accepted, not listed in --help */
} CliOption;

/** An entry of an option table: its name, kind and value, then the other fields by name (.arg, .help, ...). */
#define CLI_OPT(name_, kind_, value_, ...) {.name = (name_), .kind = (kind_), .value = (value_), __VA_ARGS__}

/** A heading in `--help` between groups of options. */
#define CLI_HEADING(text) {.help = (text)}

/**
 * Read argv with the table options (see CliOption): every value checked, an
 * unknown option, a missing value, a repeated option or a stray argument
 * stops with exit 2 and one line, such as
 *     ch04: unknown option '--hiden' (did you mean --hidden? try --help)
 * `--help` prints `Usage: PROG [options]`, about, and the table, then exits 0.
 */
void cli_parse(int argc, char **argv, const char *about, const CliOption *options);

/** After cli_getopt() returned -1: stop with exit 2 if a stray argument is left. */
void cli_no_operands(int argc, char **argv);

/** Parse a finite number for option opt (e.g. "--lr"), or stop with exit 2. */
double cli_double(const char *opt, const char *text);

/** Parse a finite number for option opt that is > 0, or stop with exit 2. */
double cli_positive(const char *opt, const char *text);

/** Parse "yes" (1) or "no" (0) for option opt (e.g. "--shuffle"), or stop with exit 2. */
int cli_yes_no(const char *opt, const char *text);

/** Parse a whole number in [min, max] for option opt, or stop with exit 2. */
long cli_long(const char *opt, const char *text, long min, long max);

/**
 * Parse a comma-separated list of at most max finite numbers into out;
 * returns how many were read, or stops with exit 2 naming the bad item.
 */
int cli_doubles(const char *opt, const char *text, double *out, int max);

/**
 * Parse a comma-separated list of at most max whole numbers in [min, lim]
 * into out; returns the count, or stops with exit 2 naming the bad item.
 */
int cli_longs(const char *opt, const char *text, long *out, int max, long min, long lim);

/**
 * Check the directory named by option opt (e.g. "--out") while the options
 * are read, so that an empty or overlong name stops the program before it
 * prints or computes anything; returns dir.
 */
const char *cli_dir(const char *opt, const char *dir);

/** Create directory dir and its parents (like `mkdir -p`), or stop with exit 1. */
void cli_make_dir(const char *dir);

/**
 * Open dir/name for writing (dir is created if need be), with its first line
 * written when header is not NULL (a CSV file's column names), or stop with
 * exit 1. The data goes to `dir/name.partial` until cli_done() gives the file
 * its name, so a run that stops half way (cli_fail()) leaves no file that
 * looks complete: cli_fail() removes the partial ones. cli_done() also
 * remembers the file among those the run wrote (cli_print_files()).
 */
FILE *cli_open(const char *dir, const char *name, const char *header);

/** cli_open() for a full path (`--gradients FILE`): the directory part must exist. */
FILE *cli_open_path(const char *path);

/** Close a file from cli_open() and give it its name, or stop with exit 1 if a write failed. */
void cli_done(FILE *f);

/**
 * Count name among the files the run wrote in dir, without writing it here (a
 * directory of checkpoints, "checkpoint/"); cli_done() counts the others itself.
 */
void cli_wrote(const char *dir, const char *name);

/**
 * Print `Files in DIR: a.csv, b.csv, weights.txt` to stdout: the files the run
 * wrote in dir, in the order they were finished, as one line, or under the
 * heading on lines of at most 100 characters when they do not fit on one. A run
 * that wrote nothing there prints nothing.
 */
void cli_print_files(const char *dir);

#endif
