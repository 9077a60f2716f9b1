#!/bin/bash
# make bench, chapter 07: an epoch of the default network, the C program against PyTorch (when it
# happens to be installed: the course never needs it) on the same images from the same weights.
#   bash chapters/07-conv/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
arch=c8k3s-p2-c16k3s-p2-f64-f10
images=10000  # (not n: median has a local n)
"$B/bin/ch07" --arch $arch --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w" >/dev/null
c_rate() { "$B/bin/ch07" --arch $arch --load-weights "$tmp/w/weights.txt" --train-limit $images --test-limit 10 \
    --epochs 1 --shuffle no --threads "$1" --out "$tmp/b" 2>/dev/null | awk '$1 == 1 && NF == 6 { print $6 }'; }
echo "chapter 07: training samples/s, one epoch of the first $images images, --arch $arch,"
echo "batches of 64 in file order, Adam, float64, one thread, median of 3"
c=$(median 3 c_rate 1)
t=-
if have_numpy && py1 -c 'import torch' 2>/dev/null; then
    t=$(median 3 py1 chapters/07-conv/reference.py torch $arch "$tmp/w/weights.txt" "$FASHION" $images 64)
fi
printf '  %-12s %10s\n' "C (ch07)" "$c" PyTorch "$t"
[ "$t" != - ] && printf '  %-12s %10s\n' "C / PyTorch" "$(awk -v c="$c" -v t="$t" 'BEGIN { printf "%.1f", c / t }')"
exit 0
