/**
 * @file chapters/09-mpi/launch.c
 * @brief Chapter 09: starting MPI, and leaving it the same way on every rank.
 */
#define _POSIX_C_SOURCE 200809L
#include "launch.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/cli.h"

/*
 * Under AddressSanitizer (make check SANITIZE=1), no leak report at exit: Open
 * MPI keeps what its components allocate, and unloads the components at
 * MPI_Finalize, so LeakSanitizer can tell neither their leaks from ours nor
 * where they came from. make memcheck checks this program's leaks with
 * valgrind instead, with suppressions for Open MPI's libraries.
 */
#if defined(__SANITIZE_ADDRESS__)
#define CH09_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CH09_ASAN 1
#endif
#endif
#ifdef CH09_ASAN
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif

// ----------------------------------------------------------------------------
// leaving: every rank the same way

static int mpi_started, mpi_size, errors_collective, reading;

/* Block SIGTERM in this thread (blocked = 1) or let it in again (0). */
static void sigterm_blocked(int blocked)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/*
 * cli_exit()'s hook. An error that every rank meets (a bad --batch for this
 * many ranks) ends MPI on each. One that rank 0 meets while it reads the files
 * is sent to the other ranks, which wait for its word (launch_read_or_wait()): each
 * then leaves with the same code. One that a single rank meets later (a file
 * rank 0 cannot write) must stop the others too, which wait for it in the
 * next collective: MPI_Abort.
 */
static void leave(int code)
{
    sigterm_blocked(1);                     // leaving anyway: mpirun's SIGTERM to the last ranks changes nothing
    if (reading) {                          // rank 0 could not read the files: tell the others, who wait for it
        reading = 0;
        dist_bcast(&code, sizeof code);
    } else if (mpi_started && mpi_size > 1 && !errors_collective && code != 0)
        dist_abort(code);
    if (mpi_started)
        dist_finalize();
    exit(code);
}

/*
 * mpirun ends the other ranks with SIGTERM when one of them dies (and with
 * SIGKILL a second later): rank 0 then removes the files it was still
 * writing, under their .partial names, says why in one line, and goes.
 *
 * Why the handler may read `partial` (and the message), and always finds it
 * whole. A signal interrupts the program anywhere, so the handler must never
 * see an object half changed; and in a process with threads (the MPI library
 * starts two in MPI_Init) it runs in any thread that does not block the
 * signal, possibly while the main thread goes on changing that object. So:
 * - SIGTERM is blocked before MPI_Init, and the library's threads inherit
 *   that mask: only the main thread, which unblocks it afterwards, ever runs
 *   the handler, and then the main thread is the one interrupted;
 * - the main thread blocks SIGTERM again while it changes `partial` and the
 *   files it names (launch_open(), launch_done()): a SIGTERM that comes
 *   meanwhile waits, pending, and is handled when the change is complete.
 *   pthread_sigmask() is a call the compiler cannot see into, so the stores
 *   before it are all made before SIGTERM can come in;
 * - the message is set once, before SIGTERM is first let in (launch_mpi()).
 * The handler calls only unlink(), write() and _exit(), which POSIX allows in
 * a signal handler.
 */
static char partial[2][4200];       // rank 0's epochs.csv and timing.csv while they are written, or ""
static FILE *partial_file[2];       // their streams (launch_open()), which the handler never reads
static const char *stopped_msg = "";       // what the handler says (nothing on ranks other than 0)
static size_t stopped_len;

static void on_sigterm(int sig)
{
    (void)sig;
    for (int k = 0; k < 2; k++)
        if (partial[k][0])
            unlink(partial[k]);
    if (write(STDERR_FILENO, stopped_msg, stopped_len) < 0) {}
    _exit(128 + SIGTERM);
}

/* Start MPI, with SIGTERM handled by the main thread alone (see above). */
Dist launch_mpi(int *argc, char ***argv)
{
    sigterm_blocked(1);                     // the threads MPI_Init starts inherit this
    Dist d = dist_init(argc, argv);
    mpi_started = 1, mpi_size = d.size;
    cli_set_exit_hook(leave);
    stopped_msg = d.rank != 0 ? ""         // (rank 0 says it, once)
                : d.size > 1 ? "ch09: stopped by mpirun: another rank ended first (a killed process, a failed "
                               "node); a checkpoint, if one was written, is whole: --resume from it\n"
                : "ch09: stopped by SIGTERM; a checkpoint, if one was written, is whole: --resume from it\n";
    stopped_len = strlen(stopped_msg);
    struct sigaction sa = {.sa_handler = on_sigterm};
    sigaction(SIGTERM, &sa, NULL);
    sigterm_blocked(0);                     // from here on, a lost rank ends the run: say so
    return d;
}

void launch_errors_collective(int collective)
{
    errors_collective = collective;
}

/*
 * Under a launcher, rank 0 reads the files after MPI_Init, while the other
 * ranks wait for its word: a mistake in them is said by rank 0 and sent to
 * the others (leave()), and every rank leaves with its code. (Read before
 * MPI_Init, a mistake would end rank 0 while the others wait for it in
 * MPI_Init, until the launcher, if it does, ends them.) A process alone reads
 * them before MPI starts, since nothing waits for it: see main() in main.c.
 */
void launch_read_or_wait(const Dist *d, void (*read)(void *ctx), void *ctx)
{
    int verdict = 0;                        // 0: rank 0 read everything; else the code it leaves with
    if (d->rank == 0) {
        reading = 1;
        read(ctx);
        reading = 0;
    }
    dist_bcast(&verdict, sizeof verdict);
    if (verdict != 0) {
        errors_collective = 1;
        cli_exit(verdict);
    }
}

// ----------------------------------------------------------------------------
// the files the handler removes

FILE *launch_open(const char *dir, const char *name, const char *header)
{
    int k = partial[0][0] ? 1 : 0;
    sigterm_blocked(1);                     // the file and the handler's name of it change together
    FILE *f = cli_open(dir, name, header);
    snprintf(partial[k], sizeof partial[k], "%s/%s.partial", dir, name);
    partial_file[k] = f;
    sigterm_blocked(0);
    return f;
}

void launch_done(FILE *f)
{
    sigterm_blocked(1);
    for (int k = 0; k < 2; k++)
        if (partial_file[k] == f)
            partial[k][0] = '\0', partial_file[k] = NULL;
    cli_done(f);
    sigterm_blocked(0);
}
