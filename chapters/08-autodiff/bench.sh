#!/bin/bash
# make bench, chapter 08: chapter 04's network trained through the tape against chapter 04's
# hand-written passes (the two programs meet through a weight file).
#   bash chapters/08-autodiff/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
[ -x "$B/bin/ch04" ] || exit 0
rate() { "$@" --train-limit 20000 --test-limit 10 --epochs 1 --shuffle no --out "$tmp/b8" |
    awk '$1 == 1 && NF == 7 { print $7 }'; }
echo "chapter 08: training samples/s, one epoch of 20000 images in batches of 32, the same weights, median of 5"
printf '  %-10s %16s %16s %22s\n' network "by hand (ch04)" "the tape (ch08)" "tape time / hand time"
for H in 100 0; do
    "$B/bin/ch04" --hidden $H --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w8$H" >/dev/null
    w=$tmp/w8$H/weights.txt
    h=$(median 5 rate "$B/bin/ch04" --load-weights "$w")
    t=$(median 5 rate "$B/bin/ch08" --task fashion --load-weights "$w")
    shape=784-$H-10
    [ $H = 0 ] && shape=784-10
    printf '  %-10s %16s %16s %22s\n' "$shape" "$h" "$t" "$(awk -v h="$h" -v t="$t" 'BEGIN { printf "%.2f", h / t }')"
done
