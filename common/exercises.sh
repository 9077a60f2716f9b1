#!/bin/sh
# Run a chapter's tests against the learner's exercises.c: one line per test,
# in the order the test file lists them.
#   sh common/exercises.sh RUNNER NN TEST_FILE...
runner=$1
nn=$2
shift 2
order=$(sed -n 's/^Test(ex[0-9]*, *\([A-Za-z0-9_]*\).*/\1/p' "$@" | tr '\n' ' ')
echo "Chapter $nn exercises (your chapters/$nn-*/exercises.c):"
timeout 120 "$runner" --verbose -j1 2>&1 | awk -v nn="$nn" -v order="$order" '
    function name_of(field) { sub(/^ex[0-9]+::/, "", field); sub(/:$/, "", field); return field }
    /^\[RUN \]/        { msg = ""; next }
    /^\[----\]   ./    { sub(/^\[----\]   /, ""); msg = msg (msg == "" ? "" : " ") $0; next }
    /^\[PASS\]/        { result[name_of($2)] = "  PASS  " name_of($2); pass++; next }
    /^\[FAIL\]/        { n = name_of($2)
                         result[n] = sprintf("  FAIL  %s\n        %s", n, msg == "" ? "(crashed: see the test file)" : msg)
                         fail++; next }
    /Synthesis/        { synthesis = $0 }
    END {
        k = split(order, names, " ")
        for (i = 1; i <= k; i++) if (names[i] in result) { print result[names[i]]; delete result[names[i]] }
        for (n in result) print result[n]
        print ""
        printf "ex%s: %d of %d pass\n", nn, pass, pass + fail
        if (synthesis != "") print synthesis
        exit (fail > 0 || pass == 0)
    }'
