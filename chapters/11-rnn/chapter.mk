# Chapter 11: what is particular to it, read by the Makefile and the scripts
# (every variable is optional; common/chapter-template.mk says what each means).

# Debian's fortunes; its tests compare its gradient with numpy.
NEEDS := fortunes
TEST_NEEDS := numpy
# It trains on the fast product of chapter 06.
GEMM := yes
