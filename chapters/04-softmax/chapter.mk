# Chapter 04: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

NEEDS := fashion-mnist
TEST_NEEDS := numpy
# The templates plot: softmax regression's weights, from a run without a hidden layer.
RUNS := softmax-regression="--hidden 0"
QUICK := --train-limit 1000 --test-limit 200 --epochs 1
TINY := --train-limit 64 --test-limit 20 --epochs 1 --hidden 8
# The bad-input table spoils its IDX image files.
DATA := images
