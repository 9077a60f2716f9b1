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
CFLAGS   ?= -O3 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Werror
LDLIBS   := -lm -lz

# PORTABLE=1: no -march=native (chapter 06), for valgrind, which cannot run AVX-512 code.
PORTABLE ?=
TAG := $(notdir $(firstword $(CC)))$(if $(filter 1,$(SANITIZE)),-sanitize)$(if $(filter 1,$(PORTABLE)),-portable)
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
# PORTABLE=1 or not: the vectors a chapter that asks for the machine's own (FLAGS) may use.
MARCH := $(if $(filter 1,$(PORTABLE)),$(if $(filter x86_64,$(shell uname -m)),-march=x86-64-v3),-march=native)

# ----------------------------------------------------------------------------
# the chapters: each one's folder, and what its chapter.mk declares

CHAPTERS   := $(sort $(wildcard chapters/[0-9][0-9]-*))
num         = $(firstword $(subst -, ,$(notdir $(1))))
NUMS       := $(foreach c,$(CHAPTERS),$(call num,$(c)))
# common/chapter-template.mk says what each means; chapter NN's value of V becomes V_NN
CHAPTER_VARS := BUILD_NEEDS NEEDS TEST_NEEDS FLAGS LIBS GEMM LAUNCH RUNS SERIAL PREREQS QUICK TINY TIMED SAME DATA \
                BAD_INPUT
$(foreach c,$(CHAPTERS),\
    $(foreach v,$(CHAPTER_VARS),$(eval undefine $(v)))\
    $(eval include $(c)/chapter.mk)\
    $(foreach v,$(CHAPTER_VARS),$(eval $(v)_$(call num,$(c)) = $(value $(v)))))
$(foreach v,$(CHAPTER_VARS),$(eval undefine $(v)))
# what the scripts of common/ read: check.sh, memcheck.sh, bench.sh, test_bad_input.sh
$(foreach n,$(NUMS),$(foreach v,QUICK TINY TIMED SAME DATA BAD_INPUT SERIAL,$(eval export $(v)_$(n))))
export NN_DECLARED := yes
# What compiling needs: zlib and OpenMP for common/, and each chapter's own.
BUILD_NEEDS := $(sort zlib openmp $(foreach n,$(NUMS),$(BUILD_NEEDS_$(n))))
ALL_NEEDS   := $(sort $(foreach n,$(NUMS),$(NEEDS_$(n))))
TEST_NEEDS  := $(sort $(foreach n,$(NUMS),$(TEST_NEEDS_$(n))))

# ----------------------------------------------------------------------------
# sources

# The fast product (common/gemm.h) is built for this machine (its vectors, fused
# multiply-adds, OpenMP's threads) and linked only into the programs of the
# chapters whose chapter.mk says GEMM := yes: chapters 01-05's arithmetic stays plain C.
GEMM_SRC   := common/gemm.c common/gemm_f32.c
GEMM_OBJ   := $(GEMM_SRC:%.c=$(B)/obj/%.o)
GEMM_FLAGS := $(MARCH) -ffp-contract=fast -fopenmp
$(GEMM_OBJ): ALL_CFLAGS += $(GEMM_FLAGS)
COMMON_SRC := $(filter-out common/test_% common/bench_% common/testutil.c common/testcrash.c $(GEMM_SRC),\
                $(wildcard common/*.c))
COMMON_OBJ := $(COMMON_SRC:%.c=$(B)/obj/%.o)
# chapter NN's extra objects and libraries: the fast product's, when it uses it
$(foreach n,$(NUMS),$(eval XOBJ_$(n) := $(if $(filter yes,$(GEMM_$(n))),$(GEMM_OBJ))))
$(foreach n,$(NUMS),$(eval XLIBS_$(n) := $(if $(filter yes,$(GEMM_$(n))),-fopenmp)))
TESTUTIL   := $(B)/obj/common/testutil.o
TESTCRASH  := $(B)/obj/common/testcrash.o

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Criterion runners: tests compiled with the same flags, linked with -lcriterion.
$(B)/test/common: $(patsubst %.c,$(B)/obj/%.o,$(wildcard common/test_*.c)) $(COMMON_OBJ) $(GEMM_OBJ) $(TESTUTIL)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ -lcriterion $(LDLIBS) -fopenmp

# The learner's exercises.c may hold an unfinished answer: an unused parameter
# or variable is then a warning, not an error (the course's own code keeps -Werror).
# No tail calls, so that a crash report names the learner's function.
EX_FLAGS := -Wno-error=unused-parameter -Wno-error=unused-variable \
            -Wno-error=unused-but-set-variable -Wno-error=unused-function \
            -fno-optimize-sibling-calls
# `make ex03 ONLY=layer_backward` runs one exercise; EXERCISES=FILE checks a copy.
ONLY       ?=
EXERCISES  ?=
EX_TIMEOUT ?=
.PHONY: FORCE
FORCE:

# Per chapter NN in directory D:
#   lesson sources  D/*.c but main.c, exercises.c, test_*.c, agree_*.c, bench_*.c and fuzz_*.c
#   exercised       D/X.c for each test D/test_X.c: the reference of exercises.c
#   agreement tests D/agree_*.c: Criterion tests of the reference only (the lesson against
#                   common/'s tool it became, say), never run against exercises.c
#   build/bin/chNN  main.c + lesson + common
#   test/chNN       the chapter's tests against the lesson sources
#   test/exNN       the same tests against exercises.c instead of the exercised file
#   test/exNN-copy  the same against EXERCISES=FILE, a copy of exercises.c elsewhere
#                   (check.sh plants a crash and an endless loop in copies)
#   bin/benchNN     D/bench_*.c + lesson + common, when the chapter has a benchmark
define chapter
LESSON_$(1)    := $(filter-out $(2)/main.c $(2)/exercises.c $(2)/test_% $(2)/agree_% $(2)/bench_% $(2)/fuzz_%,\
                    $(wildcard $(2)/*.c))
TESTS_$(1)     := $(wildcard $(2)/test_*.c)
AGREE_$(1)     := $(wildcard $(2)/agree_*.c)
EXERCISED_$(1) := $$(patsubst $(2)/test_%,$(2)/%,$$(TESTS_$(1)))
SUPPORT_$(1)   := $$(filter-out $$(EXERCISED_$(1)),$$(LESSON_$(1)))
BENCH_$(1)     := $(wildcard $(2)/bench_*.c)
$(B)/obj/$(2)/%.o: ALL_CFLAGS += $$(FLAGS_$(1))
$(B)/bin/ch$(1): $(B)/obj/$(2)/main.o $$(LESSON_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ) $$(XOBJ_$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
$(B)/bin/bench$(1): $$(BENCH_$(1):%.c=$(B)/obj/%.o) $$(LESSON_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ) $$(XOBJ_$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
$(B)/test/ch$(1): $$(TESTS_$(1):%.c=$(B)/obj/%.o) $$(AGREE_$(1):%.c=$(B)/obj/%.o) $$(LESSON_$(1):%.c=$(B)/obj/%.o) \
                  $(COMMON_OBJ) $$(XOBJ_$(1)) $(TESTUTIL)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ -lcriterion $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
EXRUN_$(1)     := $$(TESTS_$(1):%.c=$(B)/obj/%.o) $$(SUPPORT_$(1):%.c=$(B)/obj/%.o) $(COMMON_OBJ) $$(XOBJ_$(1)) \
                  $(TESTUTIL) $(TESTCRASH)
$(B)/test/ex$(1): $(B)/obj/$(2)/exercises.o $$(EXRUN_$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ -lcriterion $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
$(B)/test/ex$(1)-copy: $(B)/obj/$(2)/exercises-copy.o $$(EXRUN_$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ -lcriterion $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
$(B)/obj/$(2)/exercises.o: ALL_CFLAGS += $(EX_FLAGS)
$(B)/obj/$(2)/exercises-copy.o: $(EXERCISES) FORCE
	@mkdir -p $$(@D)
	$$(CC) $$(filter-out -MMD -MP,$$(ALL_CFLAGS)) $$(FLAGS_$(1)) $(EX_FLAGS) -I$(2) -c $$< -o $$@

.PHONY: ch$(1) ex$(1) plots$(1) deps$(1)
deps$(1):
	@$(DEPS) zlib $$(BUILD_NEEDS_$(1))
ch$(1): deps$(1) $(B)/bin/ch$(1) $$(foreach p,$$(PREREQS_$(1)),$(B)/bin/ch$$(p))
	@$(DEPS) gnuplot $$(NEEDS_$(1))
	@SERIAL=$$(SERIAL_$(1)) LAUNCH=$$(LAUNCH_$(1)) bash common/chapter.sh $(1) ./$(B)/bin/ch$(1) $$(RUNS_$(1))
plots$(1):
	@bash common/plot.sh $(1)
ex$(1):
	@$(DEPS) zlib criterion $$(BUILD_NEEDS_$(1))
	@$(MAKE) --no-print-directory -s $(B)/test/ex$(1)$(if $(EXERCISES),-copy)
	@ONLY='$(ONLY)' EX_TIMEOUT='$(EX_TIMEOUT)' sh common/exercises.sh \
	    $(B)/test/ex$(1)$(if $(EXERCISES),-copy) $(1) $(or $(EXERCISES),$(2)/exercises.c) $$(TESTS_$(1))
endef
$(foreach c,$(CHAPTERS),$(eval $(call chapter,$(call num,$(c)),$(c))))

# `make ex`, or `make ex07` for a chapter without exercises: say which exist.
EX_NUMS  := $(foreach c,$(CHAPTERS),$(if $(wildcard $(c)/exercises.c),$(call num,$(c))))
EX_LIST  := $(foreach c,$(CHAPTERS),$(if $(wildcard $(c)/exercises.c),\
                "    make ex$(call num,$(c))   $(c)/exercises.c"))
NOT_EX   := $(filter-out $(EX_NUMS:%=ex%),$(filter ex%,$(MAKECMDGOALS)))
.PHONY: $(NOT_EX)
$(NOT_EX):
	@printf '%s\n' "$(if $(filter ex,$@),make ex needs a chapter number,there is no make $@: $(if $(filter chapters/$(@:ex%=%)-%,$(CHAPTERS)),chapter $(@:ex%=%) has no exercises,there is no chapter $(@:ex%=%)))." \
	    "Exercises you can check:" $(EX_LIST); exit 2

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
	$(CC) $(ALL_CFLAGS) $(FLAGS_$*) -DCHAPTER_MAIN='"../../$(filter chapters/$*-%,$(CHAPTERS))/main.c"' -c $< -o $@
$(B)/test/replay-%: $(B)/obj/common/fuzz/fuzz_%.o $(REPLAY_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)
$(B)/test/replay-options-%: $(B)/obj/common/fuzz/fuzz_options_%.o $(REPLAY_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS) $(LIBS_$*) $(XLIBS_$*)
$(foreach n,$(NUMS),$(eval $(B)/test/replay-options-$(n): $$(LESSON_$(n):%.c=$(B)/obj/%.o) $$(XOBJ_$(n))))

build/fuzz/fuzz-data build/fuzz/fuzz-weights build/fuzz/fuzz-idx: build/fuzz/fuzz-%: common/fuzz/fuzz_%.c $(FUZZ_SUPPORT)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $^ -o $@ -lm -lz
build/fuzz/fuzz-options-%: common/fuzz/fuzz_options.c $(FUZZ_SUPPORT)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FLAGS_$*) $(if $(XOBJ_$*),$(GEMM_FLAGS)) \
	    -DCHAPTER_MAIN='"../../$(filter chapters/$*-%,$(CHAPTERS))/main.c"' \
	    $^ $(LESSON_$*) $(if $(XOBJ_$*),$(GEMM_SRC)) -o $@ -lm -lz $(LIBS_$*)

# A chapter's own fuzz targets, chapters/NN-*/fuzz_NAME.c (chapter 08's expression language):
# build/fuzz/fuzz-NAME with libFuzzer, $(B)/test/replay-NAME for make check, corpus in common/fuzz/corpus/NAME.
CHAPTER_FUZZ :=
define chapter_fuzz
build/fuzz/fuzz-$(3): $(2)/fuzz_$(3).c $(FUZZ_SUPPORT) $$(LESSON_$(1)) $$(if $$(XOBJ_$(1)),$(GEMM_SRC))
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(FUZZ_FLAGS) $$(FLAGS_$(1)) $$(if $$(XOBJ_$(1)),$(GEMM_FLAGS)) $$^ -o $$@ -lm -lz $$(LIBS_$(1))
$(B)/test/replay-$(3): $(B)/obj/$(2)/fuzz_$(3).o $(REPLAY_OBJ) $$(LESSON_$(1):%.c=$(B)/obj/%.o) $$(XOBJ_$(1))
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS) $$(LIBS_$(1)) $$(XLIBS_$(1))
CHAPTER_FUZZ += $(3)
endef
$(foreach c,$(CHAPTERS),$(foreach f,$(wildcard $(c)/fuzz_*.c),\
    $(eval $(call chapter_fuzz,$(call num,$(c)),$(c),$(patsubst $(c)/fuzz_%.c,%,$(f))))))

FUZZERS := build/fuzz/fuzz-data build/fuzz/fuzz-weights build/fuzz/fuzz-idx $(NUMS:%=build/fuzz/fuzz-options-%) \
           $(CHAPTER_FUZZ:%=build/fuzz/fuzz-%)
REPLAYS := $(B)/test/replay-data $(B)/test/replay-weights $(B)/test/replay-idx $(NUMS:%=$(B)/test/replay-options-%) \
           $(CHAPTER_FUZZ:%=$(B)/test/replay-%)

.PHONY: fuzz memcheck
# (build, not $(BINS): BINS is defined below, and a prerequisite's variable is read where it stands)
# (built PORTABLE: valgrind 3.19 stops at the first AVX-512 instruction of -march=native)
memcheck:
	@$(DEPS) valgrind $(BUILD_NEEDS) $(ALL_NEEDS)
	@$(MAKE) --no-print-directory PORTABLE=1 build
	@bash common/memcheck.sh "$(if $(filter 1,$(PORTABLE)),$(B),build/$(TAG)-portable)" $(NUMS)

fuzz:
	@$(DEPS) fuzz
	@$(MAKE) --no-print-directory $(FUZZERS)
	@bash common/fuzz/run.sh "$(FUZZ_SECONDS)" $(FUZZERS)

BINS    := $(NUMS:%=$(B)/bin/ch%)
BENCHES := $(foreach n,$(NUMS),$(if $(BENCH_$(n)),$(B)/bin/bench$(n)))
RUNNERS := $(B)/test/common $(NUMS:%=$(B)/test/ch%) $(NUMS:%=$(B)/test/ex%) $(REPLAYS)

# ----------------------------------------------------------------------------
# the learner's targets

.PHONY: all chapters build deps-build check check-build docs bench clean stub-sums help

help:
	@sh common/help.sh

all: chapters docs

chapters:
	@$(DEPS) gnuplot $(BUILD_NEEDS) $(ALL_NEEDS)
	@for n in $(NUMS); do $(MAKE) --no-print-directory ch$$n || exit 1; done

build: deps-build $(BINS)

# What every chapter needs to compile (BUILD_NEEDS above): installed, if missing, before anything is built.
deps-build:
	@$(DEPS) $(BUILD_NEEDS)

# The other compiler, when this machine has it: check compares the two builds' outputs.
OTHER_CC := $(if $(filter clang%,$(notdir $(firstword $(CC)))),gcc,clang)
OTHER_B  := build/$(OTHER_CC)
HAVE_OTHER := $(shell command -v $(OTHER_CC) >/dev/null 2>&1 && echo yes)

check:
	@$(DEPS) criterion $(BUILD_NEEDS) $(ALL_NEEDS) $(TEST_NEEDS)
	@$(MAKE) --no-print-directory check-build
	@$(if $(HAVE_OTHER),$(MAKE) --no-print-directory CC=$(OTHER_CC) SANITIZE= build)
	@OTHER="$(if $(HAVE_OTHER),$(OTHER_B))" bash common/check.sh "$(B)" $(NUMS)

check-build: $(BINS) $(RUNNERS)

# The pages quote the runs make chNN made; a chapter not run yet is run first.
docs:
	@$(DEPS) gnuplot doxygen mathjax theme
	@bash docs/runs.sh $(NUMS)
	@bash docs/build.sh
	@echo "Docs: build/docs/html/index.html"

$(B)/bin/bench-matrix: $(B)/obj/common/bench_matrix.o $(COMMON_OBJ) $(GEMM_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS) -fopenmp

bench: deps-build $(BINS) $(BENCHES) $(B)/bin/bench-matrix
	@$(DEPS) numpy $(ALL_NEEDS) $(TEST_NEEDS)
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
