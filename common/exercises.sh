#!/bin/sh
# Run a chapter's tests against the learner's exercises.c: one line per test.
#   sh common/exercises.sh RUNNER NN
runner=$1
nn=$2
echo "Chapter $nn exercises (your chapters/$nn-*/exercises.c):"
timeout 120 "$runner" --verbose -j1 2>&1 | awk -v nn="$nn" '
    /^\[RUN \]/        { msg = ""; next }
    /^\[----\]   ./    { sub(/^\[----\]   /, ""); msg = msg (msg == "" ? "" : " ") $0; next }
    /^\[PASS\]/        { name = $2; sub(/^ex[0-9]+::/, "", name); sub(/:$/, "", name);
                         printf "  PASS  %s\n", name; pass++; next }
    /^\[FAIL\]/        { name = $2; sub(/^ex[0-9]+::/, "", name); sub(/:$/, "", name);
                         printf "  FAIL  %s\n        %s\n", name, msg == "" ? "(crashed: see the test file)" : msg;
                         fail++; next }
    /Synthesis/        { synthesis = $0 }
    END {
        print ""
        printf "ex%s: %d of %d pass\n", nn, pass, pass + fail
        if (synthesis != "") print synthesis
        exit (fail > 0 || pass == 0)
    }'
