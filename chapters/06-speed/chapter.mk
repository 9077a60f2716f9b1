# Chapter 06: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# OpenBLAS is the yardstick, OpenMP gives the threads; after.sh races numpy.
BUILD_NEEDS := openblas openmp
NEEDS := fashion-mnist numpy
# Chapter 06 is about speed on this machine: its kernels use the vectors the CPU
# has ($(MARCH): -march=native, or x86-64-v3 with PORTABLE=1), fused
# multiply-adds (C11 otherwise forbids fusing a * b + c), and OpenMP's threads.
FLAGS = $(MARCH) -ffp-contract=fast -fopenmp
LIBS = -fopenmp -lopenblas
# Its training races, timed: one run at a time, never two at once.
RUNS := train="--train" teaching="--train --teaching"
SERIAL := yes
# Its measuring run is all timings: the test suite trains instead, and compares only the weights.
QUICK := --train --train-limit 1000 --test-limit 200 --epochs 1
TINY := --train --train-limit 64 --test-limit 20 --epochs 1 --hidden 8 --matmul 5
SAME := weights.txt
# It reads its data only when it trains.
BAD_INPUT := --train
# The bad-input table spoils its IDX image files.
DATA := images
# It checks that its packed kernel is the fast product of common/gemm.h (agree_gemm.c).
GEMM := yes
