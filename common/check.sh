#!/bin/bash
# The test suite behind `make check`; make builds everything first.
#   bash common/check.sh BUILD_DIR NN...
#
# The suite is a list of tasks (a chapter's tests, its program's, the bad-input
# table of one program, ...), run by one worker more than the machine has cores,
# longest first (as the last run timed them, in BUILD_DIR/check-times.txt).
# Each task prints its section and counts what passed and failed; the sections
# are then shown in a fixed order, and the suite ends with one line that sums
# them all: "check: N passed, N failed".
set -u
source "${0%/*}/declared.sh"
B=$1
shift
passed=0
failed=0

# Show LOG's failures and its "N passed, N failed" line, indented, and add that
# line to the totals (a missing line is a failure). Read by bash itself: make
# check does this for every section, and a process start costs more here.
add_counts() { # add_counts LOG WHAT
    local lines=() line counts="" re='^([0-9]+) passed, ([0-9]+) failed$'
    mapfile -t lines <"$1"
    for line in "${lines[@]}"; do
        [[ $line == *FAIL* || $line =~ passed,\ [0-9]+\ failed ]] && printf '   %s\n' "$line"
        [[ $line =~ $re ]] && counts="${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
    done
    if [ -z "$counts" ]; then
        echo "   $2 printed no result"
        printf '   %s\n' "${lines[@]:${#lines[@]} > 5 ? ${#lines[@]} - 5 : 0}"
        failed=$((failed + 1))
        return
    fi
    set -- $counts
    passed=$((passed + $1))
    failed=$((failed + $2))
}

# A Criterion runner's log: its lines in log_lines, its last synthesis line in
# synthesis, and the numbers of tests it ran and passed in tested and passing
# (both empty when the runner printed no synthesis).
read_synthesis() { # read_synthesis LOG
    local line re='Synthesis: Tested: ([0-9]+) \| Passing: ([0-9]+) '
    mapfile -t log_lines <"$1"
    synthesis="" tested="" passing=""
    for line in "${log_lines[@]}"; do [[ $line == *Synthesis:* ]] && synthesis="Synthesis:${line#*Synthesis:}"; done
    [[ $synthesis =~ $re ]] && tested=${BASH_REMATCH[1]} passing=${BASH_REMATCH[2]}
}

# A Criterion runner whose tests must all pass.
run_pass() { # run_pass TITLE RUNNER
    echo "== $1"
    timeout 300 "$2" -j"${CRITERION_JOBS_PER_TASK:-1}" >"$log" 2>&1
    local rc=$? line
    read_synthesis "$log"
    for line in "${log_lines[@]}"; do
        [[ -z $line || $line == "[----] Criterion"* || $line == "[====] Running"* ]] || printf '%s\n' "$line"
    done
    if [ -z "$tested" ]; then
        echo "   no synthesis line (exit $rc): the runner crashed or timed out"
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + passing))
    failed=$((failed + tested - passing))
    [ $rc = 0 ] || [ "$tested" != "$passing" ] || { echo "   runner exited $rc"; failed=$((failed + 1)); }
}

# The shipped stubs: every test must fail. A learner's edited exercises.c is
# not held to that (the check would fail on their progress), but CI is.
run_stubs() { # run_stubs NN RUNNER
    local dir runner=$2
    dir=$(ls -d chapters/"$1"-*)
    echo "== chapter $1: tests against the shipped exercise stubs (each must fail)"
    if ! (cd "$dir" && sha256sum --status -c exercises.c.sha256 2>/dev/null); then
        if [ "${CI:-}" = true ]; then
            echo "   $dir/exercises.c differs from exercises.c.sha256 (run 'make stub-sums' after changing the stubs)"
            failed=$((failed + 1))
        else
            echo "   skipped: $dir/exercises.c has your edits (check them with 'make ex$1')"
        fi
        return
    fi
    timeout 300 "$runner" -j"${CRITERION_JOBS_PER_TASK:-1}" >"$log" 2>&1
    read_synthesis "$log"
    if [ -z "$tested" ]; then
        echo "   no synthesis line: the runner crashed or timed out"
        failed=$((failed + 1))
        return
    fi
    echo "   $synthesis"
    if [ "$tested" = 0 ]; then
        echo "   no tests ran"
        failed=$((failed + 1))
    fi
    passed=$((passed + tested - passing))  # a failing test is what the stub must give
    failed=$((failed + passing))
    [ "$passing" = 0 ] || sed -n 's/^\[PASS\] /   passes on the stub, it should fail: /p' <(timeout 300 "$runner" --verbose -j1 2>&1)
}

# make exNN on a copy of the shipped stub with a bug planted at the top of
# every function: the report must give the real reason, not "crashed". One
# copy holds both bugs, a crash and an endless loop, and NN_PLANTED picks one
# when it runs: make builds it and runs the crash (DEPS=: as make check has
# installed every need already), and the loop runs on the same build (make
# would build the same file again). The loop waits a millisecond a turn: the
# report is the same as for a loop that spins, without a core spent on it.
run_planted() { # run_planted NN
    local dir first copy=$tmpd/planted-$1.c
    dir=$(ls -d chapters/"$1"-*)
    first=$(sed -n 's/^Test(ex[0-9]*, *\([A-Za-z0-9_]*\).*/\1/p' "$dir"/test_*.c | head -1)
    echo "== chapter $1: make ex$1 on planted bugs says what happened"
    { echo '#include <stdlib.h>'; echo '#include <threads.h>'; echo '#include "../../common/matrix.h"'; sed '/^{/a\
    if (getenv("NN_PLANTED")[0] == '"'l'"') for (volatile int spin = 1; spin;) thrd_sleep(\&(struct timespec){.tv_nsec = 1000000}, NULL); \
    else { Mat a = mat_new(4, 1), b = mat_new(3, 1), c = mat_new(4, 1); mat_mul(\&c, \&a, \&b); }' \
        "$dir/exercises.c"; } >"$copy"
    rm -f "$B/test/ex$1-copy"        # the loop runs on what this make builds, never an older copy
    check_planted "$1" crash "$(NN_PLANTED=crash make -s --no-print-directory ex"$1" DEPS=: EXERCISES="$copy" ONLY="$first" \
        EX_TIMEOUT=0.5 2>&1)" \
        'mat_mul: a is 4x1 but b is 3x1 (a.cols must equal b.rows), in your ' "ex$1: 0 of 1 pass, 1 crashed"
    local loop=(sh common/exercises.sh "$B/test/ex$1-copy" "$1" "$copy" "$dir"/test_*.c) out
    out=$(NN_PLANTED=loop ONLY=$first EX_TIMEOUT=0.5 "${loop[@]}" 2>&1)
    # a machine busy enough to hold the test's process before it reached the planted loop
    # (caught waiting for its runner, in poll) gets one more try
    if grep -q "It was running __GI___poll" <<<"$out"; then
        out=$(NN_PLANTED=loop ONLY=$first EX_TIMEOUT=0.5 "${loop[@]}" 2>&1)
    fi
    check_planted "$1" loop "$out" \
        'took more than 0.5 s: an endless loop? It was running your ' "ex$1: 0 of 1 pass, 1 timed out"
}

check_planted() { # check_planted NN NAME OUTPUT WANT SUMMARY
    if grep -qF -- "$4" <<<"$3" && [ "$(grep -v '^make' <<<"$3" | tail -1)" = "$5" ]; then
        echo "   a $2 planted in every function: '$5', with the reason"
        passed=$((passed + 1))
    else
        echo "   FAIL: a planted $2 in ex$1: expected '$4' and the summary '$5' on its own line, got:"
        sed 's/^/   | /' <<<"$3"
        failed=$((failed + 1))
    fi
}

# No page quotes an exercise's answer outside a folded solution; and the
# check itself catches a page that does.
run_pages() {
    echo "== pages: no exercise's answer outside a solution"
    bash common/test_pages.sh README.md docs/*.md chapters/*/README.md >"$log" 2>&1
    add_counts "$log" "common/test_pages.sh"
    # a solution's first snippet, planted on a page of its own outside any solution
    local planted
    planted=$(sed -n '/\\solution{/,/\\endsolution/{/^\\snippet /p}' chapters/*/README.md | head -1)
    printf '%s\n' "$planted" >"$tmpd/bad-page.md"
    if [ -z "$planted" ] || bash common/test_pages.sh "$tmpd/bad-page.md" >/dev/null 2>&1; then
        echo "   FAIL: a page quoting a solution outside it ('$planted') passed the check"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
}

# The fuzz targets' seed corpus and every input that once crashed them, replayed.
run_replay() { # run_replay KIND RUNNER
    echo "== fuzz corpus and regressions: $1 ($(basename "$2"))"
    local files=(common/fuzz/corpus/"$1"/* common/fuzz/regressions/"$1"/*)
    local existing=()
    for f in "${files[@]}"; do [ -f "$f" ] && existing+=("$f"); done
    timeout 300 "$2" "${existing[@]}" >"$log" 2>/dev/null
    add_counts "$log" "the replay"
}

# The same numbers every time: a seed fixes a run, and gcc and clang agree to the byte.
run_determinism() { # run_determinism NN
    local a=$tmpd/a b=$tmpd/b args only
    args=$(quick_args "$1")
    only=$(same_files "$1")
    echo "== chapter $1: determinism${args:+ ($args)}"
    rm -rf "$a" "$b"
    "$B/bin/ch$1" $args --quiet --out "$tmpd/out" >"$tmpd/a.txt" 2>&1 && mv "$tmpd/out" "$a"
    "$B/bin/ch$1" $args --quiet --out "$tmpd/out" >"$tmpd/b.txt" 2>&1 && mv "$tmpd/out" "$b"
    for f in $(timed_files "$1"); do rm -f "$a/$f" "$b/$f"; done
    if [ -n "$only" ] && [ -d "$a" ] && [ -d "$b" ]; then     # the report and the other files hold timings
        local f differ=""
        for f in $only; do cmp -s "$a/$f" "$b/$f" || differ="$differ $f"; done
        if [ -z "$differ" ]; then
            passed=$((passed + 1))
        else
            echo "   FAIL: two runs with the same seed wrote different$differ"
            failed=$((failed + 1))
        fi
    elif cmp -s "$tmpd/a.txt" "$tmpd/b.txt" && diff -r "$a" "$b" >/dev/null; then
        passed=$((passed + 1))
    else
        echo "   FAIL: two runs with the same seed differ"
        failed=$((failed + 1))
    fi
    rm -rf "$b"
    "$B/bin/ch$1" $args --quiet --seed 2 --out "$tmpd/out" >/dev/null 2>&1 && mv "$tmpd/out" "$b"
    if ! cmp -s "$a/weights.txt" "$b/weights.txt"; then
        passed=$((passed + 1))
    else
        echo "   FAIL: seeds 1 and 2 gave the same weights"
        failed=$((failed + 1))
    fi
    if [ -n "${OTHER:-}" ]; then
        rm -rf "$b"
        "$OTHER/bin/ch$1" $args --quiet --out "$tmpd/out" >"$tmpd/b.txt" 2>&1 && mv "$tmpd/out" "$b"
        for f in $(timed_files "$1"); do rm -f "$b/$f"; done
        if [ -n "$only" ]; then
            # float arithmetic contracted into FMAs differently by each compiler: close, not equal
            local worst
            worst=$(paste -d' ' <(tr -s ' ' '\n' <"$a/weights.txt" | grep -E '^-?[0-9]') \
                <(tr -s ' ' '\n' <"$b/weights.txt" 2>/dev/null | grep -E '^-?[0-9]') |
                awk '{ d = $1 - $2; d = d < 0 ? -d : d; m = $1 < 0 ? -$1 : $1; if (m > big) big = m; if (d > w) w = d; n++ }
                     END { if (n == 0) print "none"; else printf "%.2g", w / (big > 0 ? big : 1) }')
            if [ "$worst" != none ] && awk -v w="$worst" 'BEGIN { exit !(w < 1e-4) }'; then
                echo "   $B/bin/ch$1 and $OTHER/bin/ch$1: weights within $worst of the largest (not byte for byte: its page says why)"
                passed=$((passed + 1))
            else
                echo "   FAIL: $B/bin/ch$1 and $OTHER/bin/ch$1: weights differ by $worst of the largest"
                failed=$((failed + 1))
            fi
        elif cmp -s "$tmpd/a.txt" "$tmpd/b.txt" && diff -r "$a" "$b" >/dev/null; then
            echo "   $B/bin/ch$1 and $OTHER/bin/ch$1: the same report and files, byte for byte"
            passed=$((passed + 1))
        else
            echo "   FAIL: $B/bin/ch$1 and $OTHER/bin/ch$1 differ:"
            diff -r "$a" "$b" 2>&1 | head -3 | sed 's/^/   /'
            failed=$((failed + 1))
        fi
    fi
    rm -rf "$a" "$b"
}

# ----------------------------------------------------------------------------
# the tasks: each prints its section; task_NAME ARG

task_common() {
    run_pass "common/: unit tests" "$B/test/common"
    run_replay data "$B/test/replay-data"
    run_replay weights "$B/test/replay-weights"
    run_replay idx "$B/test/replay-idx"
}

task_chapter() { # the chapter's own tests, its stubs, planted bugs, fuzz corpus, determinism
    local n=$1 f kind
    run_pass "chapter $n: tests against the reference implementation" "$B/test/ch$n"
    run_stubs "$n" "$B/test/ex$n"
    run_planted "$n"
    run_replay options "$B/test/replay-options-$n"
    for f in chapters/"$n"-*/fuzz_*.c; do          # a chapter's own fuzz targets (an expression language)
        [ -f "$f" ] || continue
        kind=$(basename "$f" .c)
        run_replay "${kind#fuzz_}" "$B/test/replay-${kind#fuzz_}"
    done
    run_determinism "$n"
}

task_program() { # the chapter's program end to end, and on its own bad input
    echo "== chapter $1: the program, end to end and on bad input"
    bash chapters/"$1"-*/test_cli.sh "$B/bin/ch$1" >"$log" 2>&1
    add_counts "$log" "chapters/$1-*/test_cli.sh"
}

task_bad_input() { # the same malformed input given to every program: here, to this one
    echo "== bad input: ch$1"
    bash common/test_bad_input.sh "$B/bin" "$1" >"$log" 2>&1
    add_counts "$log" "test_bad_input.sh"
}

task_pages() { run_pages; }

task_make() { # the make commands around the programs: help, unknown chapters, plotting any run
    echo "== make help, make ch7, make chNN ARGS=..., an added chapter"
    bash common/test_make.sh "$B/bin" >"$log" 2>&1
    add_counts "$log" "test_make.sh"
}

# One task, in a process of its own (check.sh --task NAME ARG BUILD_DIR NN...):
# its section, then a last line "@counts PASSED FAILED".
if [ "${TASK:-}" != "" ]; then
    tmpd=$(mktemp -d)
    log=$tmpd/log
    trap 'rm -rf "$tmpd"' EXIT
    read -r name arg <<<"$TASK"
    "task_$name" $arg
    echo "@counts $passed $failed"
    exit 0
fi

# ----------------------------------------------------------------------------
# the suite: the tasks in the order they are shown, run longest first

tasks=("common ")
for n in "$@"; do tasks+=("chapter $n"); done
tasks+=("pages ")
for n in "$@"; do tasks+=("bad_input $n"); done
tasks+=("make ")
for n in "$@"; do tasks+=("program $n"); done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=$B/check-times.txt
# one worker more than the cores: a task that waits (mpirun's start, a test's timeout, gnuplot's
# files) leaves its core to the others (CHECK_JOBS=N for another number)
jobs=${CHECK_JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
# longest first by the last run's times (a task never timed goes first: it may be long)
printf '%s\n' "${tasks[@]}" |
    awk -v times="$times" 'BEGIN { FS = "\t"; while ((getline line <times) > 0) { split(line, f); s[f[1]] = f[2] } }
                           { print ($0 in s ? s[$0] : 999) "\t" $0 }' | sort -t$'\t' -k1,1 -rn | cut -f2 |
    TIMES_DIR=$work xargs -d '\n' -P "$jobs" -I{} bash -c '
        t0=${EPOCHREALTIME/./}
        TASK="$1" timeout 600 bash "$0" "${@:2}" >"$TIMES_DIR/${1// /_}.out" 2>&1
        [ $? != 124 ] || echo "== $1: stopped after 600 s (a program waiting forever?)" >>"$TIMES_DIR/${1// /_}.out"
        t=$((${EPOCHREALTIME/./} - t0))
        printf "%s\t%d.%06d\n" "$1" $((t / 1000000)) $((t % 1000000)) >>"$TIMES_DIR/times"' \
        "$0" {} "$B" "$@"
sort "$work/times" >"$times" 2>/dev/null

for t in "${tasks[@]}"; do
    f=$work/${t// /_}.out
    lines=() last=""
    [ -f "$f" ] && mapfile -t lines <"$f"
    [ ${#lines[@]} = 0 ] || last=${lines[-1]}
    if [[ $last != "@counts "* ]]; then
        echo "== $t: the task printed no result"
        printf '   %s\n' "${lines[@]:${#lines[@]} > 5 ? ${#lines[@]} - 5 : 0}"
        failed=$((failed + 1))
        continue
    fi
    printf '%s\n' "${lines[@]:0:${#lines[@]}-1}"
    set -- ${last#@counts }
    passed=$((passed + $1))
    failed=$((failed + $2))
done

echo
echo "check: $passed passed, $failed failed"
[ "$failed" = 0 ]
