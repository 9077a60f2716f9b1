#!/bin/bash
# make ch06, after the program's runs: the race. The same network, the same
# start, one thread, samples per second of a training epoch: chapter 06's float
# kernel (the train run), the teaching code (the teaching run), numpy float32
# (reference.py), and PyTorch when it happens to be installed (never installed
# by the course). Writes OUT/race.csv for the plot and prints the table (OUT/race.txt)
# a line at a time, as each trainer is timed; on a terminal, a line on stderr says
# which epoch is running meanwhile (numpy takes about 5 s an epoch, three times).
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

# What runs now, on the terminal only (stderr), erased when it is done: never in the report.
status() { [ -t 2 ] && printf '\r  %-76s' "$*" >&2; return 0; }
status_end() { [ -t 2 ] && printf '\r%80s\r' '' >&2; return 0; }
# The median samples/s of three epochs of TRAINER (reference.py's mode) from the same start.
median3() { # median3 NAME MODE
    local k rates=""
    for k in 1 2 3; do
        status "$1: timing epoch $k of 3 (60 000 images, one thread; the median counts)..."
        rates+=$($py "$dir/reference.py" "$2" "$out/start/weights.txt" "$data" 60000 64 0.1)$'\n' || return 1
    done
    status_end
    printf '%s' "$rates" | sort -n | sed -n 2p
}
# the C runs: their median epoch
c_rate() { awk -F, 'NR > 1 { print $6 }' "$out/$1/train.csv" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
c_acc() { awk -F, 'END { print $7 }' "$out/$1/train.csv"; }

# A row of race.csv and of the table, printed at once.
add() { # add NAME SAMPLES_PER_S [ACCURACY]
    echo "\"$1\",$2,${3:-}" >>"$out/race.csv"
    printf '%s,%s,%s\n' "$1" "$2" "${3:-}" |
        awk -F, '{ printf "  %-24s %8.0f%s\n", $1, $2, $3 == "" ? "" : sprintf("   test %.2f%% after the run", $3) }' |
        tee -a "$out/race.txt"
}

echo "trainer,samples_per_s,test_accuracy" >"$out/race.csv"
printf '\nThe race: 784-256-10, batches of 64, one thread, samples/s of a training epoch on 60 000 images\n' |
    tee "$out/race.txt"
add "teaching code (double)" "$(c_rate teaching)" "$(c_acc teaching)"
numpy=$(median3 "numpy float32" bench) && [ -n "$numpy" ] || { status_end; echo "after.sh: numpy's epoch failed" >&2; exit 1; }
add "numpy float32" "$numpy"
torch=-
if $py -c 'import torch' 2>/dev/null; then
    torch=$(median3 "PyTorch float32" torch) && [ -n "$torch" ] || { status_end; echo "after.sh: PyTorch's epoch failed" >&2; exit 1; }
    add "PyTorch float32" "$torch"
fi
add "packed kernel (float)" "$(c_rate train)" "$(c_acc train)"
{
[ "$torch" = - ] && echo "  PyTorch: not installed (python3-torch; the course never installs it)"
awk -F, 'NR > 1 { r[NR] = $2; a[NR] = $3 } END {
    printf "The packed kernel trains %.1f times as fast as the teaching code;\n", r[NR] / r[2]
    printf "their test accuracies after the same epochs differ by %.2f points.\n", a[NR] - a[2] }' "$out/race.csv"
} | tee -a "$out/race.txt"
exit 0
