#!/bin/bash
# make bench: time each chapter's default run and the benchmarks; print, assert nothing.
#   bash common/bench.sh BUILD_DIR NN...
set -u
source "$(dirname "$0")/slices.sh"
B=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Each chapter's program with its defaults (--quiet), median wall time of 11 runs (3 for chapters on images):"
for n in "$@"; do
    [ "$n" = 06 ] && continue   # chapter 06's run is itself a benchmark: it follows below
    runs=11
    [ -n "$(quick_args "$n")" ] && runs=3
    for k in $(seq $runs); do
        s=$(date +%s%N)
        "$B/bin/ch$n" --quiet --out "$tmp/ch$n" >/dev/null || { echo "ch$n failed"; exit 1; }
        echo $(( $(date +%s%N) - s ))
    done | sort -n | sed -n "$(((runs + 1) / 2))p" | awk -v n="$n" '{ printf "  ch%s  %8.2f ms\n", n, $1 / 1e6 }'
done

# chapter 02 against the tutorial's numpy code, whole programs from the same weights
if [ -x "$B/bin/ch02" ] && "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; then
    printf 'W1 2 3\n0.5 -0.1 0.6\n1.5 -0.2 -0.2\nb1 1 3\n0 0 0\nW2 3 1\n1.6\n0.8\n-0.5\nb2 1 1\n0\n' >"$tmp/w.txt"
    median() { for k in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null; echo $(( $(date +%s%N) - s )); done | sort -n | sed -n 3p; }
    c=$(median "$B/bin/ch02" --load-weights "$tmp/w.txt" --epochs 10000 --lr 0.1 --quiet --out "$tmp/c")
    p=$(median "${PYTHON:-/usr/bin/python3}" chapters/02-xor-mlp/tutorial.py "$tmp/w.txt" data/xor.csv 10000 0.1)
    q=$(median "${PYTHON:-/usr/bin/python3}" -c 'import numpy')
    echo
    echo "chapter 02 against the tutorial's numpy code: 10000 epochs of 2-3-1, whole programs, median of 5"
    awk -v c="$c" -v p="$p" -v q="$q" 'BEGIN {
        printf "  ch02 (C), whole program with its plot files  %8.1f ms\n", c / 1e6
        printf "  tutorial.py (numpy), whole program           %8.1f ms\n", p / 1e6
        printf "  of which starting python and numpy           %8.1f ms\n", q / 1e6
        printf "  numpy training alone, about                  %8.1f ms  (C training alone: bench02 below)\n", (p - q) / 1e6 }'
fi
# chapter 04's training against numpy (and PyTorch when it happens to be installed), the same epoch
if [ -x "$B/bin/ch04" ] && "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; then
    py="env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 ${PYTHON:-/usr/bin/python3}"  # one thread, like C
    ref=chapters/04-softmax/reference.py
    data=${FASHION:-/usr/share/datasets/fashion-mnist}
    median5() { for k in 1 2 3 4 5; do "$@"; done | sort -n | sed -n 3p; }
    c_rate() { "$B/bin/ch04" --load-weights "$1" --train-limit 10000 --test-limit 10 --epochs 1 --shuffle no \
        --out "$tmp/b" | awk '$1 == 1 && NF == 7 { print $7 }'; }
    echo
    echo "chapter 04: training samples/s, one epoch of 10000 images in batches of 32, float64, one thread, median of 5"
    printf '  %-10s %12s %12s %12s %9s\n' network "C (ch04)" numpy PyTorch "C/numpy"
    for H in 100 0; do
        "$B/bin/ch04" --hidden $H --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w$H" >/dev/null
        w=$tmp/w$H/weights.txt
        c=$(median5 c_rate "$w")
        p=$(median5 $py "$ref" bench "$w" "$data" 10000 32 0.5)
        t=-
        $py -c 'import torch' 2>/dev/null && t=$(median5 $py "$ref" torch "$w" "$data" 10000 32 0.5)
        shape=784-$H-10
        [ $H = 0 ] && shape=784-10
        printf '  %-10s %12s %12s %12s %9s\n' "$shape" "$c" "$p" "$t" "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.1f", c / p }')"
    done
fi
# chapter 05: seconds per epoch of each optimiser, and the C program against numpy on the same steps
if [ -x "$B/bin/ch05" ] && "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; then
    py="env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 ${PYTHON:-/usr/bin/python3}"
    ref=chapters/05-training/reference.py
    data=${FASHION:-/usr/share/datasets/fashion-mnist}
    median5() { for k in 1 2 3 4 5; do "$@"; done | sort -n | sed -n 3p; }
    "$B/bin/ch05" --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w5" >/dev/null
    w=$tmp/w5/weights.txt
    c5() { "$B/bin/ch05" --load-weights "$w" --train-limit 10000 --test-limit 10 --epochs 1 --shuffle no --opt "$1" \
        --out "$tmp/b5" | awk '$1 == 1 { print $NF }'; }
    echo
    echo "chapter 05: one epoch of 10 000 images, 784-128-10 ReLU, batches of 64, one thread, median of 5 (samples/s)"
    printf '  %-10s %12s %12s %9s %16s\n' optimiser "C (ch05)" numpy "C/numpy" "s per 60k epoch"
    for opt in sgd momentum adam; do
        c=$(median5 c5 "$opt")
        p=$(median5 $py "$ref" bench "$w" "$data" 10000 64 relu 0 "$opt" 0.001)
        printf '  %-10s %12s %12s %9s %16s\n' "$opt" "$c" "$p" "$(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.1f", c / p }')" \
            "$(awk -v c="$c" 'BEGIN { printf "%.1f", 60000 / c }')"
    done
fi
# chapter 08: chapter 04's network trained through the tape against chapter 04's hand-written passes
if [ -x "$B/bin/ch08" ] && [ -x "$B/bin/ch04" ]; then
    median5() { for k in 1 2 3 4 5; do "$@"; done | sort -n | sed -n 3p; }
    rate() { "$@" --train-limit 20000 --test-limit 10 --epochs 1 --shuffle no --out "$tmp/b8" |
        awk '$1 == 1 && NF == 7 { print $7 }'; }
    echo
    echo "chapter 08: training samples/s, one epoch of 20000 images in batches of 32, the same weights, median of 5"
    printf '  %-10s %16s %16s %22s\n' network "by hand (ch04)" "the tape (ch08)" "tape time / hand time"
    for H in 100 0; do
        "$B/bin/ch04" --hidden $H --epochs 0 --train-limit 10 --test-limit 10 --quiet --out "$tmp/w8$H" >/dev/null
        w=$tmp/w8$H/weights.txt
        h=$(median5 rate "$B/bin/ch04" --load-weights "$w")
        t=$(median5 rate "$B/bin/ch08" --task fashion --load-weights "$w")
        shape=784-$H-10
        [ $H = 0 ] && shape=784-10
        printf '  %-10s %16s %16s %22s\n' "$shape" "$h" "$t" "$(awk -v h="$h" -v t="$t" 'BEGIN { printf "%.2f", h / t }')"
    done
fi
# chapter 09: an epoch on 1, 2 and 4 ranks (mpirun), and what the allreduce costs here
if [ -x "$B/bin/ch09" ] && command -v mpirun >/dev/null 2>&1; then
    median3() { for k in 1 2 3; do "$@"; done | sort -n | sed -n 2p; }
    rate9() { MPIRUN_QUIET=yes bash chapters/09-mpi/mpirun.sh "$B/bin/ch09" --ranks "$1" --batch "$2" --lr "$3" \
        --train-limit 20000 --test-limit 100 --epochs 1 --out "$tmp/b9" >/dev/null && sed -n '2s/.*,//p' "$tmp/b9/timing.csv"; }
    echo
    echo "chapter 09: training samples/s, an epoch of 20000 images, median of 3 (4 ranks share the 2 cores)"
    printf '  %-6s %12s %12s %12s\n' batch "1 rank" "2 ranks" "4 ranks"
    for b in 32:0.5 256:4; do
        printf '  %-6s %12s %12s %12s\n' "${b%:*}" "$(median3 rate9 1 "${b%:*}" "${b#*:}")" \
            "$(median3 rate9 2 "${b%:*}" "${b#*:}")" "$(median3 rate9 4 "${b%:*}" "${b#*:}")"
    done
    echo
    MPIRUN_QUIET=yes bash chapters/09-mpi/mpirun.sh "$B/bin/ch09" --ranks 2 --bench-allreduce --out "$tmp/b9" ||
        { echo "ch09 --bench-allreduce failed"; exit 1; }
fi
# chapter 06: its measuring run (the kernels against OpenBLAS, threads) and the training race
if [ -x "$B/bin/ch06" ]; then
    echo
    "$B/bin/ch06" --out "$tmp/ch06" || { echo "ch06 failed"; exit 1; }
    if "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; then
        echo
        "$B/bin/ch06" --train --quiet --out "$tmp/ch06/train" >/dev/null &&
            "$B/bin/ch06" --train --teaching --quiet --out "$tmp/ch06/teaching" >/dev/null &&
            bash chapters/06-speed/after.sh "$tmp/ch06" "$B/bin/ch06" >/dev/null &&
            sed 1d "$tmp/ch06/race.txt"
    fi
fi
echo
"$B/bin/bench-matrix"
for n in "$@"; do
    if [ -x "$B/bin/bench$n" ]; then
        echo
        "$B/bin/bench$n"
    fi
done
