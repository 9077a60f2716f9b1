/*
 * libFuzzer target: a chapter program's option parsing on arbitrary argument
 * lists. Compiled once per chapter with -DCHAPTER_MAIN='"path/to/main.c"'.
 * The input is split at NUL bytes into up to 32 arguments. Properties: the
 * parser never crashes; it returns, or stops through cli_fail() (exit 2 with
 * one line) or --help (exit 0). The hook turns those exits into a longjmp.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define main chapter_main
#include CHAPTER_MAIN
#undef main

#include "fuzz.h"

static jmp_buf back;
static int exit_code;

static void on_exit_hook(int code)
{
    exit_code = code;
    longjmp(back, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static char text[4096];
    if (size >= sizeof text)
        return 0;
    memcpy(text, bytes, size);
    text[size] = '\0';
    static char *argv[34]; // static: nothing here may be clobbered by the longjmp
    static int argc;
    argv[0] = "prog";
    argc = 1;
    for (char *p = text; p < text + size && argc < 33; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;

    cli_set_exit_hook(on_exit_hook);
    optind = 0; // glibc: start a fresh parse
    exit_code = -1;
    if (setjmp(back) == 0)
        (void)parse_options(argc, argv);
    else if (exit_code != 0 && exit_code != EXIT_USAGE)
        __builtin_trap(); // option errors are exit 2, --help is exit 0, nothing else
    return 0;
}
