/**
 * @file chapters/09-mpi/launch.h
 * @brief Chapter 09: starting MPI, and leaving it the same way on every rank.
 *
 * The program runs as P processes that wait for each other in every
 * collective call, so a process that stops must not leave the others waiting:
 * an error that every rank meets ends MPI on each; one that rank 0 meets while
 * it reads the files is sent to the others; one that a single rank meets later
 * stops them all (MPI_Abort). And when mpirun stops the run (SIGTERM: another
 * rank died), rank 0 removes the files it was writing and says why in one line.
 */
#ifndef CH09_LAUNCH_H
#define CH09_LAUNCH_H

#include <stdio.h>

#include "dist.h"

/**
 * Start MPI (dist_init()) with SIGTERM handled by the main thread alone, and
 * make cli_exit() (so cli_fail()) leave MPI the way the error requires.
 */
Dist launch_mpi(int *argc, char ***argv);

/**
 * collective = 1: the errors from now on are met by every rank alike (a bad
 * --batch for this many ranks), and each rank stops by itself; 0: an error
 * may be one rank's alone, which must stop the others too (MPI_Abort).
 */
void launch_errors_collective(int collective);

/**
 * Rank 0 runs read(ctx) while the other ranks wait for its word: when read
 * stops with an error (cli_fail()), rank 0 says it and every rank leaves with
 * its exit code.
 */
void launch_read_or_wait(const Dist *d, void (*read)(void *ctx), void *ctx);

/**
 * cli_open() for a file that rank 0 writes during training: if mpirun stops
 * the run (SIGTERM) before launch_done(), the handler removes its `.partial`
 * file. At most two such files at once.
 */
FILE *launch_open(const char *dir, const char *name, const char *header);

/** Close a file of launch_open() and give it its name (cli_done()). */
void launch_done(FILE *f);

#endif
