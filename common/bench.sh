#!/bin/bash
# make bench: time each chapter's default run, then each chapter's own measurements
# (chapters/NN-*/bench.sh) and benchmark programs (bench_*.c); print, assert nothing.
#   bash common/bench.sh BUILD_DIR NN...
set -u
source "$(dirname "$0")/declared.sh"
source "$(dirname "$0")/benchlib.sh"
B=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# (a chapter that times things itself, SERIAL in its chapter.mk, is measured by its bench.sh alone)
echo "Each chapter's program with its defaults (--quiet), median wall time of 11 runs (3 for chapters with a slice):"
for n in "$@"; do
    [ "$(declared SERIAL "$n")" = yes ] && continue
    runs=11
    [ -n "$(quick_args "$n")" ] && runs=3
    ns=$(median $runs wall_ns "$B/bin/ch$n" --quiet --out "$tmp/ch$n") || { echo "ch$n failed"; exit 1; }
    awk -v n="$n" -v t="$ns" 'BEGIN { printf "  ch%s  %8.2f ms\n", n, t / 1e6 }'
done
for n in "$@"; do
    for s in chapters/"$n"-*/bench.sh; do
        [ -f "$s" ] || continue
        echo
        mkdir -p "$tmp/bench$n"
        bash "$s" "$B" "$tmp/bench$n" || exit
    done
done
echo
"$B/bin/bench-matrix"
for n in "$@"; do
    if [ -x "$B/bin/bench$n" ]; then
        echo
        "$B/bin/bench$n"
    fi
done
