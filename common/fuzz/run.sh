#!/bin/bash
# make fuzz: run each libFuzzer target for a bounded time from the seed corpus.
#   bash common/fuzz/run.sh SECONDS FUZZER...
# Inputs that libFuzzer finds interesting are kept in build/fuzz/corpus-NAME
# (not in the repository); a crash stops with the input's path. After fixing
# the bug, copy that input into common/fuzz/regressions/KIND/ so that
# `make check` replays it for ever.
set -u
seconds=$1
shift
status=0
for fuzzer in "$@"; do
    name=$(basename "$fuzzer")
    kind=${name#fuzz-}
    kind=${kind%%-*}          # data, weights or options
    corpus=build/fuzz/corpus-$name
    mkdir -p "$corpus"
    log=build/fuzz/$name.log
    echo "== $name: ${seconds}s from common/fuzz/corpus/$kind and common/fuzz/regressions/$kind"
    dirs=("$corpus")
    for d in "common/fuzz/corpus/$kind" "common/fuzz/regressions/$kind"; do
        [ -d "$d" ] && dirs+=("$d")
    done
    "$fuzzer" -max_total_time="$seconds" -close_fd_mask=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="build/fuzz/$name-" "${dirs[@]}" >"$log" 2>&1
    rc=$?
    grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -1 | sed 's/^/   /'
    if [ $rc != 0 ]; then
        status=1
        echo "   FAILED (exit $rc): see $log"
        grep -E 'ERROR|SUMMARY|Test unit written|assert' "$log" | head -5 | sed 's/^/   /'
    else
        echo "   no crash, no leak, no failed property"
    fi
done
exit $status
