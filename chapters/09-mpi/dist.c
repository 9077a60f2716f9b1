/**
 * @file dist.c
 * @brief Chapter 09's MPI calls: broadcast, allreduce, the deterministic gather, timing.
 */
#include "dist.h"

#include <assert.h>
#include <limits.h>
#include <mpi.h>
#include <stdlib.h>

/* The first of the n environment variables names that is set, as a number; fallback when none is. */
static int from_launcher(const char *const *names, size_t n, int fallback)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return atoi(v);
    }
    return fallback;
}

// Open MPI's mpirun, the PMI of MPICH, PMIx and Slurm each announce the rank (and most the size) in the environment
static const char *const RANK_VARS[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID"};
static const char *const SIZE_VARS[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"};

int dist_rank_before_init(void)
{
    return from_launcher(RANK_VARS, sizeof RANK_VARS / sizeof RANK_VARS[0], 0);
}

int dist_size_before_init(void)
{
    const int launched = from_launcher(RANK_VARS, sizeof RANK_VARS / sizeof RANK_VARS[0], -1) >= 0;
    return from_launcher(SIZE_VARS, sizeof SIZE_VARS / sizeof SIZE_VARS[0], launched ? 0 : 1);
}

Dist dist_init(int *argc, char ***argv)
{
    Dist d = {0};
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &d.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &d.size);
    return d;
}

void dist_finalize(void)
{
    MPI_Finalize();
}

void dist_bcast(void *p, size_t n)
{
    for (size_t done = 0; done < n;) {      // MPI counts in int: pieces of at most 1 GB
        const int piece = n - done < (size_t)1 << 30 ? (int)(n - done) : 1 << 30;
        MPI_Bcast((char *)p + done, piece, MPI_BYTE, 0, MPI_COMM_WORLD);
        done += (size_t)piece;
    }
}

//! [sum]
void dist_sum(Dist *d, double *x, size_t n)
{
    assert(n <= INT_MAX);
    const double t0 = MPI_Wtime();
    MPI_Allreduce(MPI_IN_PLACE, x, (int)n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);   // x = sum over the ranks
    d->comm_seconds += MPI_Wtime() - t0;
}
//! [sum]

//! [gather_sum]
void dist_gather_sum(Dist *d, const double *x, size_t n, int per, double *all, double *out)
{
    assert((size_t)per * n <= INT_MAX);
    const double t0 = MPI_Wtime();
    MPI_Allgather(x, (int)(per * n), MPI_DOUBLE, all, (int)(per * n), MPI_DOUBLE, MPI_COMM_WORLD);
    d->comm_seconds += MPI_Wtime() - t0;
    const int blocks = per * d->size;
    for (size_t i = 0; i < n; i++) {        // block 0 + block 1 + ..., always in this order
        double s = all[i];
        for (int b = 1; b < blocks; b++)
            s += all[(size_t)b * n + i];
        out[i] = s;
    }
}
//! [gather_sum]

void dist_barrier(void)
{
    MPI_Barrier(MPI_COMM_WORLD);
}

double dist_max(double x)
{
    double m;
    MPI_Allreduce(&x, &m, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    return m;
}

void dist_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
    exit(code);     // (MPI_Abort does not return)
}
