# Chapter 07: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

NEEDS := fashion-mnist
TEST_NEEDS := numpy
# It trains on the fast product of chapter 06 (common/gemm.h), and its own loops
# (im2col, pooling, ReLU) use the vectors of the machine too ($(MARCH): -march=native,
# or x86-64-v3 with PORTABLE=1).
GEMM := yes
FLAGS = $(MARCH)
QUICK := --train-limit 300 --test-limit 100 --epochs 1
TINY := --train-limit 16 --test-limit 8 --epochs 1 --arch c2k3s-p2-c3k3-p2-f4-f10
# its convolutions timed two ways
TIMED := speed.csv
# Its products are common/gemm.h's, whose sums may differ in the last bits between compilers: two
# runs write the same files, another compiler's build the same weights to a tolerance.
SAME := epochs.csv confusion.csv filters.dat features0.dat features1.dat features2.dat features3.dat features4.dat \
        weights.txt
# The bad-input table spoils its IDX image files.
DATA := images
