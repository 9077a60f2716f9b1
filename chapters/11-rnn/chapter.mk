# Chapter 11: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Debian's fortunes; its tests compare its gradient with numpy.
NEEDS := fortunes
TEST_NEEDS := numpy
# It trains on the fast product of chapter 06.
GEMM := yes
# The loss plot's tanh RNN with about the LSTM's number of weights (406 units: 257 924 weights against
# 257 778), the same steps; and the gradient-norm experiment (the gradients plot).
RUNS := rnn="--cell rnn --sample 0 --quiet" study="--study --hidden 128 --steps 200 --quiet"
# One file of the corpus (fortunes-min's fortunes, 24 kB) and a tiny model.
QUICK := --text /usr/share/games/fortunes/fortunes --hidden 16 --seq 16 --batch 8 --steps 30 --eval-every 10 \
         --val-slice 1000 --sample 40
TINY := --text /usr/share/games/fortunes/fortunes --hidden 4 --seq 8 --batch 2 --steps 2 --eval-every 1 \
        --val-slice 100 --sample 5
# Its products are common/gemm.h's, whose sums may differ in the last bits between compilers: two
# runs write the same files (no timings in them: seconds are only on stdout), another compiler's
# build the same weights to a tolerance.
SAME := loss.csv summary.csv samples.txt state.csv weights.txt
DATA := text
