#!/bin/bash
# make bench, chapter 05: seconds per epoch of each optimiser, and the C program against numpy on the same steps.
#   bash chapters/05-training/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
have_numpy || exit 0
ref=chapters/05-training/reference.py
"$B/bin/ch05" --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w5" >/dev/null
w=$tmp/w5/weights.txt
c5() { "$B/bin/ch05" --load-weights "$w" --train-limit 10000 --test-limit 10 --epochs 1 --shuffle no --opt "$1" \
    --out "$tmp/b5" | awk '$1 == 1 { print $NF }'; }
echo "chapter 05: one epoch of 10 000 images, 784-128-10 ReLU, batches of 64, one thread, median of 5 (samples/s)"
printf '  %-10s %12s %12s %9s %16s\n' optimiser "C (ch05)" numpy "C/numpy" "s per 60k epoch"
for opt in sgd momentum adam; do
    c=$(median 5 c5 "$opt")
    p=$(median 5 py1 "$ref" bench "$w" "$FASHION" 10000 64 relu 0 "$opt" 0.001)
    printf '  %-10s %12s %12s %9s %16s\n' "$opt" "$c" "$p" "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.1f", c / p }')" \
        "$(awk -v c="$c" 'BEGIN { printf "%.1f", 60000 / c }')"
done
