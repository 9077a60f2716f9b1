# chapters/NN-topic/chapter.mk: what is particular to chapter NN, read by the
# Makefile (and, through it, by every script of common/ and docs/). Nothing
# outside a chapter's folder names the chapter: adding one is its folder (with
# this file), its plots/chNN-*.gp, and a line in the README's chapter list.
# Every variable is optional; a chapter that needs none has a file of comments.
#
# Besides this file, the Makefile and the scripts find by name, in the folder:
#   main.c (the program), exercises.c and test_*.c (make exNN), bench_*.c,
#   fuzz_*.c, and these scripts, each run from the top directory:
#   after.sh OUT PROG  after make chNN's runs (without ARGS), before the plots
#   docs.sh            for make docs: what the page quotes besides the default run
#   bench.sh B TMP     for make bench: the chapter's own measurements
#   valgrind.supp      suppressions for make memcheck (a library's own leaks)

# Packages (common/deps.sh's names): to compile the program, to run it
# (make chNN installs them), and besides for its tests (make check).
BUILD_NEEDS :=
NEEDS :=
TEST_NEEDS :=

# The program's own compiler flags and libraries, which no other chapter gets
# (use = rather than := when they must be read after deps.sh has run).
FLAGS =
LIBS =

# A script that starts the program for make chNN: bash LAUNCH PROGRAM ARGS...
LAUNCH :=

# The runs its plots need besides the default one, NAME="OPTIONS" each:
# make chNN writes each to build/chNN/NAME (its report to NAME.txt), on the
# second core beside the default run, or with SERIAL := yes one at a time before
# it (for a chapter that times things).
RUNS :=
SERIAL :=
# Chapters whose programs its runs or after.sh use (make chNN builds them first).
PREREQS :=

# The test suite's run of the program: options that cut its default run to a
# second or two (QUICK), and to a handful of steps for valgrind (TINY).
QUICK :=
TINY :=
# Files of a run whose contents hold timings: left out of the comparisons of
# two runs. With SAME, only those files are compared byte for byte (the
# report holds timings too), and another compiler's build to a tolerance.
TIMED :=
SAME :=
# The bad-input table (common/test_bad_input.sh) spoils the program's data: DATA
# is the CSV file it reads by default, `images` for the IDX sets, `words` for
# a word list (--words FILE), or `text` for a running text (--text PATH); BAD_INPUT
# the options under which it reads them.
DATA :=
BAD_INPUT :=
