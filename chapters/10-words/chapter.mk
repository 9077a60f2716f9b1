# Chapter 10: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Debian's list of English words; its tests compare its gradient with numpy.
NEEDS := words
TEST_NEEDS := numpy
# It trains on the fast product of chapter 06.
GEMM := yes
# The embedding plot: a model whose embedding has 2 numbers a character, beside the default run.
RUNS := embed2="--embed 2 --epochs 3 --sample 0 --quiet"
QUICK := --train-limit 20000 --epochs 1 --sample 5
TINY := --train-limit 300 --epochs 1 --hidden 16 --sample 2
# Its products are common/gemm.h's, whose sums may differ in the last bits between compilers: two
# runs write the same files, another compiler's build the same weights to a tolerance.
SAME := bigram.csv onelayer.csv counting.csv epochs.csv samples.csv weights.txt embedding.csv
DATA := words
