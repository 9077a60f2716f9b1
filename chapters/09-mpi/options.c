/**
 * @file chapters/09-mpi/options.c
 * @brief Chapter 09: the option values that need a parser of their own (cli_parse()'s CLI_CUSTOM).
 */
#include "options.h"

#include <stdio.h>
#include <string.h>

#include "../../common/cli.h"

void parse_fail_at(const char *text, void *value)
{
    long *fail_at = value;
    const char *colon = strchr(text, ':');
    if (!colon || colon == text || !colon[1])
        cli_fail(EXIT_USAGE, "--fail-at: expected RANK:STEP, e.g. 1:40, got '%s'", text);
    char rank[32];
    snprintf(rank, sizeof rank, "%.*s", (int)(colon - text) < 31 ? (int)(colon - text) : 31, text);
    fail_at[0] = cli_long("--fail-at", rank, 0, 4095);
    fail_at[1] = cli_long("--fail-at", colon + 1, 1, 100000000L);
}

void parse_momentum(const char *text, void *value)
{
    const double mu = *(double *)value = cli_double("--momentum", text);
    if (mu < 0.0 || mu >= 1.0)
        cli_fail(EXIT_USAGE, "--momentum: must be in [0, 1), got '%s'", text);
}

void refuse_ranks(const char *text, void *value)
{
    (void)value;
    cli_fail(EXIT_USAGE, "--ranks is for the launcher: mpirun -np %s ./build/bin/ch09 ..., or make ch09 "
             "ARGS=\"--ranks %s ...\"", text, text);
}
