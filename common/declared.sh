# What each chapter's chapter.mk declares for the scripts that run every chapter
# (check.sh, memcheck.sh, bench.sh, test_bad_input.sh): the Makefile reads the
# declarations and exports them as QUICK_NN, TINY_NN, TIMED_NN, SAME_NN and
# BAD_INPUT_NN (common/chapter-template.mk says what each means).
#   source common/declared.sh; "$B/bin/ch$n" $(quick_args "$n") ...

if [ "${NN_DECLARED:-}" != yes ]; then
    echo "$(basename "$0"): run it through make (make check, make memcheck, make bench), which reads the chapters' declarations" >&2
    exit 2
fi

declared() { # declared NAME NN: the value of NAME_NN
    local v=$1_$2
    echo "${!v:-}"
}

# Options that cut the default run to seconds, for the test suite.
quick_args() { declared QUICK "$1"; }

# Smaller still, for valgrind (about 50 times slower than the program).
tiny_args() { declared TINY "$1"; }

# Files of a run that hold timings, left out of the byte-for-byte comparisons.
timed_files() { declared TIMED "$1"; }

# When a chapter's report holds timings: the only files the same every run
# (another compiler's build agrees with them to a tolerance, not to the byte).
same_files() { declared SAME "$1"; }

# The options under which the program reads its data (the bad-input table).
bad_input_args() { declared BAD_INPUT "$1"; }
