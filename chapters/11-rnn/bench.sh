#!/bin/bash
# make bench, chapter 11: the time of a training step of each cell (the default sizes, B 32, T 64),
# and of a forward pass over the whole validation text. CPU seconds of one thread, median of 3.
#   bash chapters/11-rnn/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
step_ms() { # step_ms CELL: CPU ms a step over 100 steps, less the run's fixed cost (steps 0)
    local a b
    a=$( { /usr/bin/time -f '%U' "$B/bin/ch11" --cell "$1" --steps 0 --sample 0 --val-slice 2 --quiet --out "$tmp/b0" \
        >/dev/null; } 2>&1 | tail -1)
    b=$( { /usr/bin/time -f '%U' "$B/bin/ch11" --cell "$1" --steps 100 --eval-every 1000 --sample 0 --val-slice 2 \
        --quiet --out "$tmp/b1" >/dev/null; } 2>&1 | tail -1)
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f\n", (b - a) * 10 }'
}
echo "chapter 11: CPU milliseconds a training step (B 32 x T 64 bytes, double, one thread), median of 3"
for cell in lstm rnn; do
    printf '  %-34s %8s\n' "$cell (default size)" "$(median 3 step_ms $cell)"
done
