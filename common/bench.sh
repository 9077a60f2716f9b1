#!/bin/bash
# make bench: time each chapter's default run and the benchmarks; print, assert nothing.
#   bash common/bench.sh BUILD_DIR NN...
set -u
B=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Each chapter's program with its defaults (--quiet), median wall time of 11 runs:"
for n in "$@"; do
    for k in $(seq 11); do
        s=$(date +%s%N)
        "$B/bin/ch$n" --quiet --out "$tmp/ch$n" >/dev/null || { echo "ch$n failed"; exit 1; }
        echo $(( $(date +%s%N) - s ))
    done | sort -n | sed -n 6p | awk -v n="$n" '{ printf "  ch%s  %8.2f ms\n", n, $1 / 1e6 }'
done

# chapter 02 against the tutorial's numpy code, whole programs from the same weights
if [ -x "$B/bin/ch02" ] && "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; then
    printf 'W1 2 3\n0.5 -0.1 0.6\n1.5 -0.2 -0.2\nb1 1 3\n0 0 0\nW2 3 1\n1.6\n0.8\n-0.5\nb2 1 1\n0\n' >"$tmp/w.txt"
    median() { for k in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null; echo $(( $(date +%s%N) - s )); done | sort -n | sed -n 3p; }
    c=$(median "$B/bin/ch02" --load-weights "$tmp/w.txt" --epochs 10000 --lr 0.1 --quiet --out "$tmp/c")
    p=$(median "${PYTHON:-/usr/bin/python3}" chapters/02-xor-mlp/tutorial.py "$tmp/w.txt" data/xor.csv 10000 0.1)
    q=$(median "${PYTHON:-/usr/bin/python3}" -c 'import numpy')
    echo
    echo "chapter 02 against the tutorial's numpy code: 10000 epochs of 2-3-1, whole programs, median of 5"
    awk -v c="$c" -v p="$p" -v q="$q" 'BEGIN {
        printf "  ch02 (C), whole program with its plot files  %8.1f ms\n", c / 1e6
        printf "  tutorial.py (numpy), whole program           %8.1f ms\n", p / 1e6
        printf "  of which starting python and numpy           %8.1f ms\n", q / 1e6
        printf "  numpy training alone, about                  %8.1f ms  (C training alone: bench02 below)\n", (p - q) / 1e6 }'
fi
echo
"$B/bin/bench-matrix"
for n in "$@"; do
    if [ -x "$B/bin/bench$n" ]; then
        echo
        "$B/bin/bench$n"
    fi
done
