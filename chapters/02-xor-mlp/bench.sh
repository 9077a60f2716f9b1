#!/bin/bash
# make bench, chapter 02: the whole program against the tutorial's numpy code, from the same weights.
#   bash chapters/02-xor-mlp/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
have_numpy || exit 0
printf 'W1 2 3\n0.5 -0.1 0.6\n1.5 -0.2 -0.2\nb1 1 3\n0 0 0\nW2 3 1\n1.6\n0.8\n-0.5\nb2 1 1\n0\n' >"$tmp/w.txt"
c=$(median 5 wall_ns "$B/bin/ch02" --load-weights "$tmp/w.txt" --epochs 10000 --lr 0.1 --quiet --out "$tmp/c")
p=$(median 5 wall_ns "${PYTHON:-/usr/bin/python3}" chapters/02-xor-mlp/tutorial.py "$tmp/w.txt" data/xor.csv 10000 0.1)
q=$(median 5 wall_ns "${PYTHON:-/usr/bin/python3}" -c 'import numpy')
echo "chapter 02 against the tutorial's numpy code: 10000 epochs of 2-3-1, whole programs, median of 5"
awk -v c="$c" -v p="$p" -v q="$q" 'BEGIN {
    printf "  ch02 (C), whole program with its plot files  %8.1f ms\n", c / 1e6
    printf "  tutorial.py (numpy), whole program           %8.1f ms\n", p / 1e6
    printf "  of which starting python and numpy           %8.1f ms\n", q / 1e6
    printf "  numpy training alone, about                  %8.1f ms  (C training alone: bench02 below)\n", (p - q) / 1e6 }'
