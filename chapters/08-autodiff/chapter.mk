# Chapter 08: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Graphviz draws its graphs; its tests compare with numpy.
NEEDS := fashion-mnist graphviz
TEST_NEEDS := numpy
# Chapter 04's network trained through the tape, beside the default run; its
# after.sh runs chapter 03 on the same weights, for the plots that compare them.
RUNS := fashion="--task fashion"
PREREQS := 03
QUICK := --epochs 300
TINY := --epochs 20
# The data file it reads by default, which the bad-input table spoils.
DATA := data/spirals.csv
