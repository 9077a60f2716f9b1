# Chapter 01: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).
# It needs nothing but the C compiler and gnuplot, which every chapter has.

# The data file it reads by default, which the bad-input table spoils.
DATA := data/or-bipolar.csv
