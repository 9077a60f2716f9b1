#!/bin/bash
# make ch06, after the program's runs: the race. The same network, the same
# start, one thread, samples per second of a training epoch: chapter 06's float
# kernel (the train run), the teaching code (the teaching run), numpy float32
# (reference.py), and PyTorch when it happens to be installed (never installed
# by the course). Writes OUT/race.csv for the plot and prints the table (OUT/race.txt).
#   bash chapters/06-speed/after.sh OUT PROGRAM
set -u
out=$1
prog=$2
dir=$(dirname "$0")
py="env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 ${PYTHON:-/usr/bin/python3}"
data=${FASHION:-/usr/share/datasets/fashion-mnist}
for run in train teaching; do
    [ -s "$out/$run/train.csv" ] || { echo "after.sh: no $out/$run/train.csv: run make ch06" >&2; exit 1; }
done
"$prog" --train --epochs 0 --test-limit 1 --quiet --out "$out/start" >/dev/null || exit 1
median3() { for k in 1 2 3; do "$@"; done | sort -n | sed -n 2p; }
numpy=$(median3 $py "$dir/reference.py" bench "$out/start/weights.txt" "$data" 60000 64 0.1) || exit 1
torch=-
$py -c 'import torch' 2>/dev/null && torch=$(median3 $py "$dir/reference.py" torch "$out/start/weights.txt" "$data" 60000 64 0.1)
# the C runs: their median epoch
c_rate() { awk -F, 'NR > 1 { print $6 }' "$out/$1/train.csv" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
c_acc() { awk -F, 'END { print $7 }' "$out/$1/train.csv"; }
{
    echo "trainer,samples_per_s,test_accuracy"
    echo "\"teaching code (double)\",$(c_rate teaching),$(c_acc teaching)"
    echo "\"numpy float32\",$numpy,"
    [ "$torch" = - ] || echo "\"PyTorch float32\",$torch,"
    echo "\"packed kernel (float)\",$(c_rate train),$(c_acc train)"
} >"$out/race.csv"
{
echo
echo "The race: 784-256-10, batches of 64, one thread, samples/s of a training epoch on 60 000 images"
awk -F, 'NR > 1 { gsub(/"/, "", $1); printf "  %-24s %8.0f%s\n", $1, $2, $3 == "" ? "" : sprintf("   test %.2f%% after the run", $3) }' "$out/race.csv"
[ "$torch" = - ] && echo "  PyTorch: not installed (python3-torch; the course never installs it)"
awk -F, 'NR > 1 { r[NR] = $2; a[NR] = $3 } END {
    printf "The packed kernel trains %.1f times as fast as the teaching code;\n", r[NR] / r[2]
    printf "their test accuracies after the same epochs differ by %.2f points.\n", a[NR] - a[2] }' "$out/race.csv"
} | tee "$out/race.txt"
exit 0
