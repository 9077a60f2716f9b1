#!/bin/bash
# make bench, chapter 10: an epoch of the embedding network, the C program against numpy on the same steps.
#   bash chapters/10-words/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
have_numpy || exit 0
"$B/bin/ch10" --epochs 0 --sample 0 --quiet --out "$tmp/w" >/dev/null
c_rate() { "$B/bin/ch10" --load-weights "$tmp/w/weights.txt" --train-limit 100000 --epochs 1 --sample 0 \
    --out "$tmp/b" 2>/dev/null | awk '$1 == 1 && NF == 5 { print $5 }'; }
echo "chapter 10: training examples/s, 100 000 examples of the default network (3 x 10 -> 200 -> 27), batches of 128,"
echo "Adam, float64, one thread, median of 3"
c=$(median 3 c_rate)
p=$(median 3 py1 chapters/10-words/reference.py bench "$tmp/w/weights.txt" /usr/share/dict/words 100000 128)
printf '  %-12s %12s\n  %-12s %12s\n  %-12s %12s\n' "C (ch10)" "$c" numpy "$p" "C / numpy" \
    "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.1f", c / p }')"
