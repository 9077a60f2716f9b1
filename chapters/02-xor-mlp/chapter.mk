# Chapter 02: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Its tests compare it with the tutorial's own numpy code (tutorial.py).
TEST_NEEDS := numpy
# The study plot compares the default recipe with the tutorial's over 300 seeds.
RUNS := study-default="--study 300 --quiet" \
    study-tutorial="--study 300 --quiet --hidden 3 --lr 0.1 --epochs 10000 --init normal"
# The data file it reads by default, which the bad-input table spoils.
DATA := data/xor.csv
