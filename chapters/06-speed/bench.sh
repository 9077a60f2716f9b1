#!/bin/bash
# make bench, chapter 06: its measuring run (the kernels against OpenBLAS, threads) and the training race.
#   bash chapters/06-speed/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
"$B/bin/ch06" --out "$tmp/ch06" || { echo "ch06 failed"; exit 1; }
if have_numpy; then
    echo
    "$B/bin/ch06" --train --quiet --out "$tmp/ch06/train" >/dev/null &&
        "$B/bin/ch06" --train --teaching --quiet --out "$tmp/ch06/teaching" >/dev/null &&
        bash chapters/06-speed/after.sh "$tmp/ch06" "$B/bin/ch06" >/dev/null &&
        sed 1d "$tmp/ch06/race.txt"
fi
