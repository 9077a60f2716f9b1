#!/bin/bash
# Chapter 06's program end to end (small sizes, slices of the data) and on bad options.
# No test asserts a speed: timings belong to make ch06 and make bench.
#   bash test_cli.sh build/bin/ch06
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
# (--memory 1: the triad's "memory" arrays of 1 MB, not 384: the suite asserts no speed)
QUICK=(--sizes 1,33,64 --min-time 0.001 --memory 1)
SIXTEEN=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16

# --- measuring ----------------------------------------------------------------
# (each measuring run checks its kernels first: the plain --verify is the first run's check)
expect_ok "a measuring run on small sizes, from n = 1 (the smallest)" "${QUICK[@]}" --out "$D"
check "every kernel and OpenBLAS agree with the naive one" grep -q "all agree" "$OUT"
check "--memory 1: the memory triad on arrays of 1024 KB" grep -qE '^  triad, memory +[0-9.]+ GB/s +\(arrays of 1024 KB\)$' "$OUT"
check "280 products checked in each precision" grep -q "^Correct first: 560 products" "$OUT"
for f in machine.csv gflops.csv roofline.csv threads.csv; do
    check "writes $f" test -s "$D/$f"
done
check "gflops.csv: 6 lines x 3 sizes x 2 precisions" test "$(($(wc -l <"$D/gflops.csv") - 1))" = 36
check "every measured speed is a positive number" awk -F, 'NR > 1 && !($4 > 0) { exit 1 }' "$D/gflops.csv"
check "the report has a line per kernel and OpenBLAS" test "$(grep -cE '^  [0-5] (naive|ikj|blocked|packed|threads|OpenBLAS) +[0-9.]+( +[0-9.-]+)*$' "$OUT")" = 12
check "the footnotes of kernels 3, 4 and 5 (no size above 512: none for the naive one)" \
    test "$(grep -cE '^  \((1 naive|3 blocked|4 packed|5 threads): ' "$OUT")" = 3
check "machine.csv: two peaks and four bandwidths" test "$(grep -cE '^(peak|bandwidth)_[A-Za-z0-9]+,[0-9.]+$' "$D/machine.csv")" = 6
check "roofline.csv: four kernels in two precisions" test "$(($(wc -l <"$D/roofline.csv") - 1))" = 8
check "threads.csv: 1 to 2 x the cores (at most 8)" test "$(($(wc -l <"$D/threads.csv") - 1))" -ge 2
check "no goal line without n = 512" test "$(grep -c 'goal: 70' "$OUT")" = 0
expect_ok "--verify --matmul 4: one kernel and OpenBLAS" --verify --matmul 4
check "--verify --matmul 4: 2 x 2 x 14 x 4 products" grep -q "^Correct first: 224 products" "$OUT"
check "--verify --matmul 4: names kernel 4, not every kernel" grep -q "(kernel 4 (packed) and OpenBLAS" "$OUT"
expect_ok "--matmul 2 --precision float --sizes 100: one kernel, one precision, one size" --matmul 2 --precision float \
    --sizes 100 --min-time 0.001 --memory 1 --out "$T/m2"
check "--matmul 2: ikj and OpenBLAS only, float" test "$(cut -d, -f1,2 "$T/m2/gflops.csv" | sort -u | tr '\n' ' ')" = "float,OpenBLAS float,ikj precision,kernel "
check "--matmul 2: no threads.csv" test ! -e "$T/m2/threads.csv"
# a footnote only for a kernel that ran; the most sizes --sizes takes (16)
expect_ok "--matmul 3 on 16 sizes, 1 to 16" --matmul 3 --precision float --min-time 0.001 --memory 1 --sizes $SIXTEEN --out "$T/m3"
check "--matmul 3: kernel 3's footnote" grep -q '^  (3 blocked: ' "$OUT"
check "--matmul 3: no footnote of kernels 1, 2, 4 or 5" \
    bash -c "! grep -qE '^  \((1 |2 |4 |5 |naive)|kernel 5 on|register block' '$OUT'"
check "--matmul 3: the check names kernel 3 alone" grep -q "(kernel 3 (blocked) and OpenBLAS" "$OUT"
check "--matmul 3: 16 sizes x 2 lines" test "$(($(wc -l <"$T/m3/gflops.csv") - 1))" = 32
expect_ok "--sizes 512 gives the goal line" --sizes 512 --matmul 4 --min-time 0.001 --memory 1 --out "$T/goal" --quiet
check "the goal line, double and float" test "$(grep -c 'of OpenBLAS.s speed (goal: 70%)' "$OUT")" = 2
# the smallest and the largest size in one run; kernel 1 skips 2048 (a -), so that only OpenBLAS
# multiplies at 2048: a second, where kernel 4 would take half a minute under the sanitizers
expect_ok "--sizes 1,2048: the smallest and the largest" --sizes 1,2048 --matmul 1 --precision float --min-time 0.001 --memory 1 \
    --out "$T/big"
check "--sizes 1,2048: OpenBLAS measured at 2048" grep -q '^float,OpenBLAS,2048,' "$T/big/gflops.csv"
check "--sizes 1,2048: the naive kernel at 1, a - at 2048" grep -qE '^  1 naive +[0-9.]+ +-$' "$OUT"
check "--sizes 1,2048: the naive kernel's footnote, alone" \
    test "$(grep -E '^  \([0-9] [a-z]+: ' "$OUT")" = "  (1 naive: - is a size above 512, minutes per product)"
expect_ok "--threads 1" --threads 1 --matmul 5 "${QUICK[@]}" --out "$T/t1" --quiet
check "--matmul 5: no roofline.csv (the roofline is of one-thread kernels)" test ! -e "$T/t1/roofline.csv"
if command -v gnuplot >/dev/null 2>&1; then
    PLOTS=$T/pl bash common/plot.sh 06 "$D" >"$T/plot.txt" 2>"$T/plot.err"
    for p in gflops roofline threads; do
        check "plot ch06-$p from a measuring run" test -s "$T/pl/ch06-$p.png"
    done
    check "no word from gnuplot on stderr" test ! -s "$T/plot.err"
    # the plots of runs that measured less: without a warning (an empty roofline.csv gave four,
    # a single size an empty x range)
    for run in m2 m3 t1 goal; do
        PLOTS=$T/pl-$run bash common/plot.sh 06 "$T/$run" >"$T/plot.txt" 2>"$T/plot.err"
        check "plots of the $run run: no word from gnuplot on stderr" test ! -s "$T/plot.err"
    done
    check "--matmul 2 --precision float: the float GFLOP/s drawn" test -s "$T/pl-m2/ch06-gflops.png"
    mkdir -p "$T/race"          # the race with PyTorch in it: four bars, the longest names
    printf '%s\n' trainer,samples_per_s,test_accuracy '"teaching code (double)",10000,85.4' '"numpy float32",20000,' \
        '"PyTorch float32",30000,' '"packed kernel (float)",100000,85.4' >"$T/race/race.csv"
    ONLY=race PLOTS=$T/pl-race bash common/plot.sh 06 "$T/race" >"$T/plot.txt" 2>"$T/plot.err"
    check "the race with four trainers: drawn, no word from gnuplot" \
        bash -c "test -s '$T/pl-race/ch06-race.png' && test ! -s '$T/plot.err'"
fi

# --- training ------------------------------------------------------------------
SLICE=(--train --train-limit 2000 --test-limit 500)
expect_ok "--train on a slice" "${SLICE[@]}" --epochs 2 --out "$T/tr"
check "train.csv: one line per epoch" test "$(($(wc -l <"$T/tr/train.csv") - 1))" = 2
check "the report: one line per epoch" test "$(grep -cE '^ +[12] +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9.]+%$' "$OUT")" = 2
check "learns: test accuracy above 70% after 2 epochs on 2000 images" awk -F, 'NR == 3 { exit !($7 > 70) }' "$T/tr/train.csv"
check "784-256-10 by default" grep -q "network 784-256-10" "$OUT"
expect_ok "--train --teaching on the same slice" "${SLICE[@]}" --epochs 2 --teaching --out "$T/te"
check "teaching: double with common/'s product" grep -q "double with common/'s matrix product" "$OUT"
check "float and the teaching code end within 0.5 points of test accuracy" \
    awk -F, 'FNR == 3 { a[++n] = $7 } END { d = a[1] - a[2]; exit !(d < 0.5 && d > -0.5) }' "$T/tr/train.csv" "$T/te/train.csv"
check "float and the teaching code: the same weights within 1e-3" same_numbers "$T/tr/weights.txt" "$T/te/weights.txt" 1e-3 1e-2
for k in 1 2 3 5; do
    expect_ok "--train --matmul $k" --train --train-limit 300 --test-limit 50 --epochs 1 --matmul $k --hidden 20 --out "$T/k$k" --quiet
done
check "kernels 1 and 3 train the same weights (float: within 1e-4)" same_numbers "$T/k1/weights.txt" "$T/k3/weights.txt" 1e-4 1e-3
check "kernels 2 and 5 train the same weights (float: within 1e-4)" same_numbers "$T/k2/weights.txt" "$T/k5/weights.txt" 1e-4 1e-3
expect_ok "--epochs 0 writes the starting weights" --train --train-limit 10 --test-limit 10 --epochs 0 --out "$T/w0" --quiet
expect_ok "--load-weights: start from a file" --train --train-limit 200 --test-limit 50 --epochs 1 --load-weights "$T/w0/weights.txt" --out "$T/lw" --quiet
# the options that size the buffers, at their limits (small slices: seconds in all)
expect_ok "--batch 1 and --hidden 1, the smallest" --train --batch 1 --hidden 1 --train-limit 3 --test-limit 2 --epochs 1 \
    --out "$T/b1" --quiet
expect_ok "--batch 60000, the largest, on 5 images" --train --batch 60000 --train-limit 5 --test-limit 3 --epochs 1 \
    --out "$T/b60k" --quiet
expect_ok "--batch 60000 --teaching on 5 images" --train --teaching --batch 60000 --train-limit 5 --test-limit 3 \
    --epochs 1 --out "$T/b60kt" --quiet
check "--batch 60000: float and the teaching code take the same step" same_numbers "$T/b60k/weights.txt" "$T/b60kt/weights.txt" 1e-4 1e-3
expect_ok "--train-limit 1, below a batch of 64" --train --train-limit 1 --test-limit 1 --epochs 2 --out "$T/l1" --quiet
check "--train-limit 1: two epochs of one image" test "$(($(wc -l <"$T/l1/train.csv") - 1))" = 2
idx_slice "$T/tiny" train 7
idx_slice "$T/tiny" t10k 4
expect_ok "--train-limit and --test-limit beyond the files (7 and 4 images)" --train --data "$T/tiny" \
    --train-limit 100000000 --test-limit 100000000 --epochs 1 --out "$T/tiny-out"
check "... uses the 7 and the 4 there are" grep -q "^7 training and 4 test images" "$OUT"
expect_ok "--threads 256, the most, training with kernel 5" --train --matmul 5 --threads 256 --train-limit 5 --test-limit 2 \
    --hidden 3 --epochs 1 --out "$T/j256" --quiet

# the loss from the logits (log-sum-exp, chapter 04): finite however far below the largest logit the
# true class is. A 784-1-10 network whose logits are b2: the first image's class GAP below another.
first=$(gzip -dc "$FASHION/train-labels-idx1-ubyte.gz" | tail -c +9 | head -c 1 | od -An -tu1 | tr -d ' ')
far_below() { # far_below GAP FILE
    awk -v gap="$1" -v l="$first" 'BEGIN { print "W1 784 1"; for (i = 0; i < 784; i++) print 0
        print "b1 1 1"; print 1; print "W2 1 10"; print "0 0 0 0 0 0 0 0 0 0"; print "b2 1 10"
        for (j = 0; j < 10; j++) printf "%s%s", j ? " " : "", j == (l + 1) % 10 ? gap : 0; print "" }' >"$2"
}
far_below 150 "$T/far150.txt"
far_below 800 "$T/far800.txt"
expect_ok "float: the true class 150 below the largest logit" --train --train-limit 1 --test-limit 1 --epochs 1 \
    --load-weights "$T/far150.txt" --out "$T/far-s" --quiet
check "float: its loss is 150, not inf" near "$(csv_last "$T/far-s/train.csv" loss)" 150 1e-3
expect_ok "double: the true class 800 below the largest logit" --train --teaching --train-limit 1 --test-limit 1 \
    --epochs 1 --load-weights "$T/far800.txt" --out "$T/far-d" --quiet
check "double: its loss is 800, not inf" near "$(csv_last "$T/far-d/train.csv" loss)" 800 1e-3
expect_ok "float: the true class 800 below" --train --train-limit 1 --test-limit 1 --epochs 1 \
    --load-weights "$T/far800.txt" --out "$T/far-s8" --quiet
check "float: its loss is 800" near "$(csv_last "$T/far-s8/train.csv" loss)" 800 1e-3
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    # numpy's epoch from the same start, in file order, against ours: float32 both, so close, not equal
    expect_ok "--shuffle no, one epoch" --train --train-limit 1000 --test-limit 10 --epochs 1 --shuffle no \
        --load-weights "$T/w0/weights.txt" --out "$T/one" --quiet
    "$PYTHON" chapters/06-speed/reference.py epoch "$T/w0/weights.txt" "$FASHION" 1000 64 0.1 >"$T/np.txt"
    check "numpy float32 and ours after an epoch from the same start (1e-4)" same_numbers "$T/one/weights.txt" "$T/np.txt" 1e-4 1e-3
fi

# --- bad options ---------------------------------------------------------------
expect_error "--matmul 0" 2 "--matmul: must be between 1 and 5, got 0" --matmul 0
expect_error "--matmul 6" 2 "--matmul: must be between 1 and 5, got 6" --matmul 6
expect_error "--threads 0" 2 "--threads: must be between 1 and 256, got 0" --threads 0
expect_error "--threads not a number" 2 "--threads: expected a whole number, got 'two'" --threads two
expect_error "--sizes 0" 2 "--sizes" --sizes 64,0
expect_error "--sizes too large" 2 "--sizes" --sizes 5000
expect_error "--sizes 2049: above the largest" 2 "--sizes: item 1 is '2049', expected whole numbers from 1 to 2048" --sizes 2049
expect_error "--sizes: 17 sizes" 2 "--sizes: too many items" --sizes $SIXTEEN,17
expect_error "--batch 0" 2 "--batch: must be between 1 and 60000, got 0" --train --batch 0
expect_error "--batch 60001" 2 "--batch: must be between 1 and 60000, got 60001" --train --batch 60001
expect_error "--precision half" 2 "--precision: expected double, float or both, got 'half'" --precision half
expect_error "--min-time 100" 2 "--min-time: at most 10 seconds" --min-time 100
expect_error "--teaching without --train" 2 "--teaching: only with --train" --teaching
expect_error "--teaching with --matmul" 2 "--teaching and --matmul 4" --train --teaching --matmul 4
expect_error "a training option without --train" 2 "--epochs: an option of --train" --epochs 3
expect_error "a measuring option with --train" 2 "--sizes: an option of the measuring run" --train --sizes 64
expect_error "--verify and --train" 2 "--verify and --train: choose one" --verify --train
printf 'W1 2 2\n1 2\n3 4\nb1 1 2\n0 0\nW2 2 10\n0 0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0 0\nb2 1 10\n0 0 0 0 0 0 0 0 0 0\n' >"$T/small.txt"
expect_error "--load-weights of the wrong shape" 2 "small.txt: a 2-2-10 network, but this chapter trains 784-H-10" \
    --train --load-weights "$T/small.txt" --train-limit 10 --test-limit 10
t_done
