# Chapter 07: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

NEEDS := fashion-mnist
TEST_NEEDS := numpy
QUICK := --train-limit 300 --test-limit 100 --epochs 1
TINY := --train-limit 16 --test-limit 8 --epochs 1 --arch c2k3s-p2-c3k3-p2-f4-f10
# its convolutions timed two ways
TIMED := speed.csv
# The bad-input table spoils its IDX image files.
DATA := images
# It trains on the fast product of chapter 06 (common/gemm.h).
GEMM := yes
