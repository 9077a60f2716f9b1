# Chapter 12: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Debian's fortunes; its tests compare its gradient with numpy.
NEEDS := fortunes
TEST_NEEDS := numpy
# It trains on the fast product of chapter 06, in float, with the machine's own vectors and its threads.
GEMM := yes
FLAGS = $(MARCH) -fopenmp
QUICK := --text /usr/share/games/fortunes/fortunes --layers 1 --heads 2 --embed 16 --context 16 --batch 4 --steps 20 \
         --eval-every 10 --val-slice 1000 --sample 40
TINY := --text /usr/share/games/fortunes/fortunes --layers 1 --heads 2 --embed 8 --context 8 --batch 2 --steps 2 \
        --eval-every 1 --val-slice 100 --sample 5
TIMED := speed.csv loss.csv
# Two runs write the same files but those two (seconds in them); another compiler's build the same weights
# to a tolerance (common/gemm.h's sums, and float).
SAME := summary.csv samples.txt attention.csv weights.txt
DATA := text
# The bad-input table's runs, on a tiny model.
BAD_INPUT := --layers 1 --heads 2 --embed 8 --context 8 --batch 2 --sample 5 --val-slice 50
