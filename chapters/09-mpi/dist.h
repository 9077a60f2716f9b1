/**
 * @file dist.h
 * @brief Chapter 09: the few MPI calls of data-parallel training, and their timing.
 *
 * Every process runs the same program; MPI gives each its rank r = 0 .. P-1.
 * Rank 0 reads the files and broadcasts them; every rank computes the
 * gradient of its share of each batch; the ranks add their gradients with one
 * allreduce; every rank then takes the same step, so the weights stay the
 * same everywhere without ever being sent again.
 */
#ifndef CH09_DIST_H
#define CH09_DIST_H

#include <stddef.h>

/** The run's processes, and the time this one spent communicating. */
typedef struct {
    int rank;               /**< this process, 0 .. size-1 */
    int size;               /**< the number of processes P */
    double comm_seconds;    /**< seconds in dist_sum() and dist_gather_sum() so far */
} Dist;

/**
 * This process's rank as the launcher (mpirun) announced it, before MPI
 * starts: 0 when the program runs alone. Rank 0 reads the files and reports;
 * the others stay quiet, so that a mistake is said once.
 */
int dist_rank_before_init(void);

/**
 * The number of processes the launcher started, before MPI starts: 1 when
 * the program runs alone, 0 when a launcher started it without saying how
 * many (then there may be others).
 */
int dist_size_before_init(void);

/** Start MPI and learn the rank and the number of ranks. */
Dist dist_init(int *argc, char ***argv);

/** End MPI (every rank, before it exits). */
void dist_finalize(void);

/** Send n bytes at p from rank 0 to every rank. */
void dist_bcast(void *p, size_t n);

/** Every rank's n numbers at x added up, the sum left in x on every rank (MPI_Allreduce); timed. */
void dist_sum(Dist *d, double *x, size_t n);

/**
 * The deterministic sum: every rank holds `per` consecutive blocks of n
 * numbers at x (its shares' sums, rank r's blocks being r per .. r per + per - 1);
 * they are gathered on every rank into all (P per blocks, in order) and added
 * in that order into out, so the additions are the same for any P; timed.
 */
void dist_gather_sum(Dist *d, const double *x, size_t n, int per, double *all, double *out);

/** Wait until every rank is here. */
void dist_barrier(void);

/** The largest of the ranks' x: the time of a collective is its slowest rank's. */
double dist_max(double x);

/** Stop every rank when this one must: MPI_Abort with the code. */
_Noreturn void dist_abort(int code);

#endif
