#!/bin/sh
# Run a chapter's tests against the learner's exercises.c: one line per test,
# in the order the test files list them, each failure with its reason.
#   sh common/exercises.sh RUNNER NN EXERCISES_FILE TEST_FILE...
# ONLY=name runs one test; EX_TIMEOUT=s replaces the tests' own time limit.
runner=$1
nn=$2
exfile=$3
shift 3
order=$(sed -n 's/^Test(ex[0-9]*, *\([A-Za-z0-9_]*\).*/\1/p' "$@" | tr '\n' ' ')
tests=$*
set --
if [ -n "${ONLY:-}" ]; then
    case " $order " in
    *" $ONLY "*) ;;
    *) echo "ex$nn has no exercise named '$ONLY'; it has: ${order% }" >&2; exit 2 ;;
    esac
    order=$ONLY
    set -- "$@" --filter "ex$nn/$ONLY"
fi
[ -z "${EX_TIMEOUT:-}" ] || set -- "$@" --timeout "$EX_TIMEOUT"
command -v addr2line >/dev/null 2>&1 && a2l=yes || a2l=no
# A test's time limit, and when to look at the stack of a test that may be stuck.
limit=${EX_TIMEOUT:-$(sed -n 's/^TestSuite(ex[0-9]*, *\.timeout *= *\([0-9.]*\).*/\1/p' $tests | head -1)}
[ -z "$limit" ] || EXERCISES_STACK_AFTER=$(awk -v l="$limit" 'BEGIN { print l * 0.9 }')
export EXERCISES_STACK_AFTER

echo "Chapter $nn exercises (your $exfile):"
# A test runs in a child process: a signal there becomes Criterion's "CRASH!",
# and a timeout a bare "Timed out", which say nothing of why. common/testcrash.c
# prints the signal and the stack as "[crash] ..." lines first (the stack of a
# test near its time limit as "[stuck] ..."), and the matrix module says what
# shapes it got; the awk below turns those into a reason and the learner's function.
timeout 600 "$runner" --verbose -j1 "$@" 2>&1 | awk -v nn="$nn" -v order="$order" \
    -v exbase="$(basename "$exfile")" -v a2l="$a2l" -v runner="$runner" -v limit="$limit" '
    function name_of(field) { sub(/^ex[0-9]+::/, "", field); sub(/:$/, "", field); return field }
    function signame(n) {
        return n == 6 ? "SIGABRT" : n == 11 ? "SIGSEGV" : n == 8 ? "SIGFPE" : n == 7 ? "SIGBUS" : \
               n == 4 ? "SIGILL" : "signal " n
    }
    # "function (file:line)" for each frame of KIND, in here_at[k], or "" when addr2line cannot tell.
    # For code inlined there (mat_get in the learner function) it is the function it was inlined
    # into. One addr2line a file (the runner, libc, ...), given every frame of it: for each frame its
    # offset first, then its absolute address for a program that is not position-independent.
    function locate_all(kind,    k, j, f, n, cmd, addrs, line, block, fname, i, fr, fn, loc, got, base, seen) {
        split("", seen)
        for (k = 1; k <= nframes[kind]; k++) here_at[k] = ""
        if (a2l != "yes") return
        for (k = 1; k <= nframes[kind]; k++) {
            f = frame_file[kind, k]
            if (f in seen) continue
            seen[f] = 1
            n = 0; addrs = ""
            split("", fr); split("", fn); split("", loc); split("", got)
            for (j = k; j <= nframes[kind]; j++)
                if (frame_file[kind, j] == f) {
                    fr[++n] = j
                    addrs = addrs " " (frame_off[kind, j] != "" ? frame_off[kind, j] : "0") " " \
                        (frame_abs[kind, j] != "" ? frame_abs[kind, j] : (frame_off[kind, j] != "" ? frame_off[kind, j] : "0"))
                }
            cmd = "addr2line -a -i -f -e \"" (f == "-" ? runner : f) "\"" addrs " 2>/dev/null"
            block = 0
            while ((cmd | getline line) > 0) {
                if (line ~ /^0x/) { block++; continue }     # the next address: a frame off, then its abs
                fname = line
                if ((cmd | getline line) <= 0) break
                i = int((block + 1) / 2)
                if (fname == "??") continue                  # not a position-independent program: try abs
                if (block % 2 == 0 && got[i]) continue       # off was found: abs is not needed
                if (block % 2 == 1) got[i] = 1
                fn[i] = fname; loc[i] = line                 # the last pair is the outermost function
            }
            close(cmd)
            for (i = 1; i <= n; i++) {
                if (fn[i] == "" || loc[i] ~ /:\?$/) continue
                sub(/ \(discriminator.*/, "", loc[i])
                base = loc[i]; sub(/.*\//, "", base)
                here_at[fr[i]] = fn[i] " (" base ")"
            }
        }
    }
    # Sets where (the innermost frame named) and mine (the innermost in the learner file).
    function walk(kind,    k, here) {
        where = ""; mine = ""
        locate_all(kind)
        for (k = 1; k <= nframes[kind]; k++) {
            here = here_at[k]
            if (here == "" || here ~ /^(report|stuck|print_stack) /) continue
            if (where == "") where = here
            if (mine == "" && index(here, "(" exbase ":")) mine = here
        }
    }
    function timeout_reason(t,    why) {
        why = "took more than " t " s: an endless loop?"
        walk("stuck")
        if (mine != "") why = why " It was running your " mine "."
        else if (where != "") why = why " It was running " where "."
        return why " Hint: does every loop move towards its end?"
    }
    function crash_reason(    why) {
        walk("crash")
        if (matrix != "") {
            why = "crashed: the matrix module stopped on a shape error: " matrix
            if (mine != "") why = why ", in your " mine
            return why ". Hint: write down the shape of every matrix the page names and check each product."
        }
        why = "crashed: " (sig != "" ? sig : "killed by a signal")
        if (mine != "" && mine == where) why = why " in your " mine
        else if (where != "") why = why " in " where
        if (mine != "" && mine != where) why = why ", called from your " mine
        if (output != "") why = why "; it printed: " output
        if (sig ~ /SIGSEGV|SIGBUS/) return why ". Hint: an index past the end of an array, or a NULL pointer?"
        if (sig ~ /SIGFPE/) return why ". Hint: an integer division by zero?"
        if (sig ~ /SIGABRT/) return why ". Hint: a failed assert() or a bad free()?"
        return why
    }
    /^\[RUN \]/        { msg = ""; output = ""; matrix = ""; sig = ""; sanitizer = ""
                         nframes["crash"] = nframes["stuck"] = 0; next }
    /^\[----\]   ./    { sub(/^\[----\]   /, ""); msg = msg (msg == "" ? "" : " ") $0; next }
    /^\[----\]/        { next }
    /^\[crash\] signal / { sig = signame($3); s = $0; sub(/^\[crash\] signal [0-9]+ /, "", s)
                         sig = sig " (" s ")"; next }
    /^\[(crash|stuck)\] / { kind = substr($1, 2, 5); k = ++nframes[kind]; frame_file[kind, k] = $2
                         frame_off[kind, k] = substr($3, 2); frame_abs[kind, k] = $4; next }
    /^matrix: /        { sub(/^matrix: /, ""); matrix = $0; next }
    # Under SANITIZE=1 the sanitizer ends the test itself, with its own summary.
    /runtime error: /  { s = $0; sub(/.*runtime error: /, "", s); loc = $1; sub(/.*\//, "", loc); sub(/:$/, "", loc)
                         sanitizer = s " at " loc; next }
    /^SUMMARY: [A-Za-z]*Sanitizer: / { if (sanitizer == "") { s = $0; sub(/^SUMMARY: /, "", s)
                                           sub(/ \/[^ ]*\//, " ", s); sanitizer = s }
                         next }
    /^\[PASS\]/        { result[name_of($2)] = "  PASS  " name_of($2); pass++; next }
    /^\[FAIL\]/        { n = name_of($2)
                         if ($0 ~ /Timed out/) {
                             t = $0; sub(/.*Timed out\. \(/, "", t); sub(/s\).*/, "", t)
                             why = timeout_reason(limit != "" ? limit + 0 : int(t + 0))
                             timedout++
                         } else if (sanitizer != "") {
                             why = "stopped by the sanitizer: " sanitizer ". Hint: an index past the end " \
                                   "of an array, a NULL pointer, or an overflow?"
                             crashed++
                         } else if ($0 ~ /CRASH/) {
                             why = crash_reason(); crashed++
                         } else {
                             why = msg == "" ? "failed with no message" : msg; failed++
                         }
                         result[n] = sprintf("  FAIL  %s\n        %s", n, why)
                         next }
    /^\[====\]/        { next }
    /^\[/              { next }
    NF                 { line = $0; sub(/^boxfort-worker: /, "", line); sub(/\.$/, "", line)  # the worker name is noise
                         output = output (output == "" ? "" : " / ") line }
    END {
        k = split(order, names, " ")
        for (i = 1; i <= k; i++) {
            if (names[i] in result) { print result[names[i]]; delete result[names[i]] }
            else { print "  ----  " names[i] " (did not run: the test runner stopped)"; notrun++ }
        }
        for (n in result) print result[n]
        total = pass + failed + crashed + timedout + notrun
        line = sprintf("ex%s: %d of %d pass", nn, pass, total)
        if (failed) line = line sprintf(", %d failed", failed)
        if (crashed) line = line sprintf(", %d crashed", crashed)
        if (timedout) line = line sprintf(", %d timed out", timedout)
        if (notrun) line = line sprintf(", %d did not run", notrun)
        print ""
        print line
        exit (pass < total)
    }'
