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
 * were not finished (see cli_create()), and exit with code.
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

/**
 * getopt_long() with the course's error messages: an unknown option, a
 * missing value or an option given twice stops with exit 2 and one line such
 * as `prog: unknown option '--x' (try --help)`. Every long option must have
 * a distinct val. Returns the option's val, or -1 when the options are done.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

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
 * Open dir/name for writing, or stop with exit 1; path receives the full name.
 * The data goes to `dir/name.partial` until cli_close() renames it to its
 * name, so a run that stops half way (cli_fail()) leaves no file that looks
 * complete: cli_fail() removes the partial ones.
 */
FILE *cli_create(const char *dir, const char *name, char *path, size_t pathlen);

/** Close a file opened by cli_create() and give it its name, or stop with exit 1 if a write failed. */
void cli_close(FILE *f, const char *path);

#endif
