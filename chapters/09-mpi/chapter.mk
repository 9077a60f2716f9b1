# Chapter 09: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

BUILD_NEEDS := mpi
NEEDS := fashion-mnist
# An MPI program: Open MPI's headers and library, as its mpicc wrapper passes them
# to whichever compiler CC is (read when a recipe runs: after deps.sh has installed MPI).
FLAGS = $(shell mpicc --showme:compile 2>/dev/null)
LIBS = $(shell mpicc --showme:link 2>/dev/null)
# make ch09 starts it under mpirun on --ranks N processes (2).
LAUNCH := chapters/09-mpi/mpirun.sh
# Its scaling: an epoch of 20 000 images on 1, 2 and 4 ranks, batches of 32 and of 256,
# in three rounds (the plot takes each one's fastest: a slow moment of this shared
# machine then spoils one round, not one configuration), and the allreduce timed;
# one run at a time (they time things).
scaling := --epochs 1 --train-limit 20000 --test-limit 1000 --quiet
RUNS := $(foreach k,1 2 3,$(foreach r,1 2 4,r$(r)-b32-$(k)="--ranks $(r) $(scaling)" \
    r$(r)-b256-$(k)="--ranks $(r) --batch 256 --lr 4 $(scaling)")) allreduce="--ranks 2 --bench-allreduce"
SERIAL := yes
# The test suite runs one process, without mpirun.
QUICK := --train-limit 1000 --test-limit 200 --epochs 1
TINY := --train-limit 64 --test-limit 20 --epochs 1 --hidden 8
TIMED := timing.csv
# The bad-input table spoils its IDX image files.
DATA := images
