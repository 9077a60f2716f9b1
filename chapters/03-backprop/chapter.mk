# Chapter 03: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Its tests compare its gradients with a numpy reference (reference.py).
TEST_NEEDS := numpy
# The data file it reads by default, which the bad-input table spoils.
DATA := data/spirals.csv
