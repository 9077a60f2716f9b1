# Neural Networks from Scratch in C
#
#   make            every chapter built, run and plotted, then the docs site
#   make chNN       build chapter NN, run it with its defaults, draw its plots
#   make exNN       check your exercises for chapter NN
#   make chNN ARGS="--seed 2"    the same for any run of the program
#   make help       the commands and the chapters
#   make check      the whole test suite          make docs    the web pages
#   make bench      timings                       make clean   remove build/
#
# CC=clang builds with clang; SANITIZE=1 adds AddressSanitizer and UBSan.
# Each compiler/sanitizer combination builds into its own directory, so they
# never mix objects: build/ for the default, build/clang/, build/cc-sanitize/, ...

.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

CC       ?= cc
SANITIZE ?=
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Werror
LDLIBS   := -lm

TAG := $(notdir $(firstword $(CC)))$(if $(filter 1,$(SANITIZE)),-sanitize)
ifeq ($(TAG),cc)
B := build
else
B := build/$(TAG)
endif
ifeq ($(SANITIZE),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
ALL_CFLAGS = $(WARN) $(CFLAGS) -MMD -MP

PYTHON ?= /usr/bin/python3
export PYTHON
DEPS := CC="$(CC)" sh common/deps.sh

# make chNN ARGS="--seed 2": run chapter NN with these options and plot that run.
ARGS ?=
export ARGS
# Runs that a chapter's plots need besides its default run, as NAME="OPTIONS":
# make chNN (without ARGS) writes each to build/chNN/NAME, its report to NAME.txt.
RUNS_02 = study-default="--study 300 --quiet" \
    study-tutorial="--study 300 --quiet --hidden 3 --lr 0.1 --epochs 10000 --init normal"

# ----------------------------------------------------------------------------
# sources

COMMON_SRC := $(filter-out common/test_% common/bench_% common/testutil.c,$(wildcard common/*.c))
COMMON_OBJ := $(COMMON_SRC:%.c=$(B)/obj/%.o)
TESTUTIL   := $(B)/obj/common/testutil.o
CHAPTERS   := $(sort $(wildcard chapters/[0-9][0-9]-*))
num         = $(firstword $(subst -, ,$(notdir $(1))))
NUMS       := $(foreach c,$(CHAPTERS),$(call num,$(c)))

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Criterion runners: tests compiled with the same flags, linked with -lcriterion.
$(B)/test/common: $(patsubst %.c,$(B)/obj/%.o,$(wildcard common/test_*.c)) $(COMMON_OBJ) $(TESTUTIL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ -lcriterion $(LDLIBS)

# Per chapter NN in directory D:
#   lesson sources  D/*.c but main.c, exercises.c, test_*.c and bench_*.c
#   exercised       D/X.c for each test D/test_X.c: the reference of exercises.c
#   build/bin/chNN  main.c + lesson + common
#   test/chNN       the chapter's tests against the lesson sources
#   test/exNN       the same tests against exercises.c instead of the exercised file
#   bin/benchNN     D/bench_*.c + lesson + common, when the chapter has a benchmark
define chapter
LESSON_$(1)    := $(filter-out $(2)/main.c $(2)/exercises.c $(2)/test_% $(2)/bench_%,$(wildcard $(2)/*.c))
TESTS_$(1)     := $(wildcard $(2)/test_*.c)
EXERCISED_$(1) := $$(patsubst $(2)/test_%,$(2)/%,$$(TESTS_$(1)))
SUPPORT_$(1)   := $$(filter-out $$(EXERCISED_$(1)),$$(LESSON_$(1)))
BENCH_$(1)     := $(wildcard $(2)/bench_*.c)
$(B)/bin/ch$(1): $(B)/obj/$(2)/main.o $$(LESSON_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS)
$(B)/bin/bench$(1): $$(BENCH_$(1):%.c=$(B)/obj/%.o) $$(LESSON_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS)
$(B)/test/ch$(1): $$(TESTS_$(1):%.c=$(B)/obj/%.o) $$(LESSON_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ) $(TESTUTIL)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ -lcriterion $$(LDLIBS)
$(B)/test/ex$(1): $$(TESTS_$(1):%.c=$(B)/obj/%.o) $(B)/obj/$(2)/exercises.o $$(SUPPORT_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ) $(TESTUTIL)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ -lcriterion $$(LDLIBS)

.PHONY: ch$(1) ex$(1) plots$(1)
ch$(1): $(B)/bin/ch$(1)
	@$(DEPS) gnuplot
	@bash common/chapter.sh $(1) ./$(B)/bin/ch$(1) $$(RUNS_$(1))
plots$(1):
	@bash common/plot.sh $(1)
ex$(1):
	@$(DEPS) criterion
	@$(MAKE) --no-print-directory -s $(B)/test/ex$(1)
	@sh common/exercises.sh $(B)/test/ex$(1) $(1) $$(TESTS_$(1))
endef
$(foreach c,$(CHAPTERS),$(eval $(call chapter,$(call num,$(c)),$(c))))

# ----------------------------------------------------------------------------
# fuzzing: libFuzzer targets for the two readers and each program's options
# (common/fuzz/); `make check` replays their corpus and regressions with $(CC).

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SUPPORT := common/fuzz/fuzz.c $(COMMON_SRC)
REPLAY_OBJ   := $(B)/obj/common/fuzz/replay.o $(B)/obj/common/fuzz/fuzz.o $(COMMON_OBJ)

$(B)/obj/common/fuzz/fuzz_options_%.o: common/fuzz/fuzz_options.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DCHAPTER_MAIN='"../../$(filter chapters/$*-%,$(CHAPTERS))/main.c"' -c $< -o $@
$(B)/test/replay-%: $(B)/obj/common/fuzz/fuzz_%.o $(REPLAY_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)
$(B)/test/replay-options-%: $(B)/obj/common/fuzz/fuzz_options_%.o $(REPLAY_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)
$(foreach n,$(NUMS),$(eval $(B)/test/replay-options-$(n): $$(LESSON_$(n):%.c=$(B)/obj/%.o)))

build/fuzz/fuzz-data build/fuzz/fuzz-weights: build/fuzz/fuzz-%: common/fuzz/fuzz_%.c $(FUZZ_SUPPORT)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $^ -o $@ -lm
build/fuzz/fuzz-options-%: common/fuzz/fuzz_options.c $(FUZZ_SUPPORT)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -DCHAPTER_MAIN='"../../$(filter chapters/$*-%,$(CHAPTERS))/main.c"' \
	    $^ $(LESSON_$*) -o $@ -lm

FUZZERS := build/fuzz/fuzz-data build/fuzz/fuzz-weights $(NUMS:%=build/fuzz/fuzz-options-%)
REPLAYS := $(B)/test/replay-data $(B)/test/replay-weights $(NUMS:%=$(B)/test/replay-options-%)

.PHONY: fuzz memcheck
# (build, not $(BINS): BINS is defined below, and a prerequisite's variable is read where it stands)
memcheck: build
	@$(DEPS) valgrind
	@bash common/memcheck.sh "$(B)" $(NUMS)

fuzz:
	@$(DEPS) fuzz
	@$(MAKE) --no-print-directory $(FUZZERS)
	@bash common/fuzz/run.sh "$(FUZZ_SECONDS)" $(FUZZERS)

BINS    := $(NUMS:%=$(B)/bin/ch%)
BENCHES := $(foreach n,$(NUMS),$(if $(BENCH_$(n)),$(B)/bin/bench$(n)))
RUNNERS := $(B)/test/common $(NUMS:%=$(B)/test/ch%) $(NUMS:%=$(B)/test/ex%) $(REPLAYS)

# ----------------------------------------------------------------------------
# the learner's targets

.PHONY: all chapters build check check-build docs bench clean stub-sums help

help:
	@sh common/help.sh

all: chapters docs

chapters:
	@$(DEPS) gnuplot
	@for n in $(NUMS); do $(MAKE) --no-print-directory ch$$n || exit 1; done

build: $(BINS)

# The other compiler, when this machine has it: check compares the two builds' outputs.
OTHER_CC := $(if $(filter clang%,$(notdir $(firstword $(CC)))),gcc,clang)
OTHER_B  := build/$(OTHER_CC)
HAVE_OTHER := $(shell command -v $(OTHER_CC) >/dev/null 2>&1 && echo yes)

check:
	@$(DEPS) criterion numpy
	@$(MAKE) --no-print-directory check-build
	@$(if $(HAVE_OTHER),$(MAKE) --no-print-directory CC=$(OTHER_CC) SANITIZE= build)
	@OTHER="$(if $(HAVE_OTHER),$(OTHER_B))" bash common/check.sh "$(B)" $(NUMS)

check-build: $(BINS) $(RUNNERS)

docs:
	@$(DEPS) gnuplot doxygen mathjax theme
	@mkdir -p build && $(MAKE) --no-print-directory chapters ARGS= > build/chapters.log 2>&1 || \
	    { cat build/chapters.log; exit 1; }
	@sh docs/build.sh
	@echo "Docs: build/docs/html/index.html"

$(B)/bin/bench-matrix: $(B)/obj/common/bench_matrix.o $(COMMON_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

bench: $(BINS) $(BENCHES) $(B)/bin/bench-matrix
	@bash common/bench.sh "$(B)" $(NUMS)

clean:
	rm -rf build

# After changing a chapter's exercises.c on purpose, record it as the shipped stub.
stub-sums:
	@for c in $(CHAPTERS); do (cd $$c && sha256sum exercises.c > exercises.c.sha256); done

# make ch7, make exampel: what there is instead of "No rule to make target".
.DEFAULT:
	@sh common/help.sh "$@"

-include $(shell find build -name '*.d' 2>/dev/null)
