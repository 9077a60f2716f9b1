#!/bin/bash
# make bench, chapter 04: its training against numpy (and PyTorch when it happens to be installed),
# the same epoch from the same weights.
#   bash chapters/04-softmax/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
have_numpy || exit 0
ref=chapters/04-softmax/reference.py
c_rate() { "$B/bin/ch04" --load-weights "$1" --train-limit 10000 --test-limit 10 --epochs 1 --shuffle no \
    --out "$tmp/b" | awk '$1 == 1 && NF == 7 { print $7 }'; }
echo "chapter 04: training samples/s, one epoch of 10000 images in batches of 32, float64, one thread, median of 5"
printf '  %-10s %12s %12s %12s %9s\n' network "C (ch04)" numpy PyTorch "C/numpy"
for H in 100 0; do
    "$B/bin/ch04" --hidden $H --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w$H" >/dev/null
    w=$tmp/w$H/weights.txt
    c=$(median 5 c_rate "$w")
    p=$(median 5 py1 "$ref" bench "$w" "$FASHION" 10000 32 0.5)
    t=-
    py1 -c 'import torch' 2>/dev/null && t=$(median 5 py1 "$ref" torch "$w" "$FASHION" 10000 32 0.5)
    shape=784-$H-10
    [ $H = 0 ] && shape=784-10
    printf '  %-10s %12s %12s %12s %9s\n' "$shape" "$c" "$p" "$t" "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.1f", c / p }')"
done
