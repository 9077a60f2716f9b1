#!/bin/bash
# Chapter 02's program end to end and on bad input.   bash test_cli.sh build/bin/ch02
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}

# --- end to end -------------------------------------------------------------
expect_ok "runs with its defaults" --out "$D"
check "learns XOR with the defaults" grep -q "learned\.$" "$OUT"
for f in loss.csv weights.txt grid.dat hidden.csv samples.csv frames.dat frames.csv; do
    check "writes $f" test -s "$D/$f"
done
check "loss.csv: header and 5000 epochs" test "$(head -1 "$D/loss.csv"),$(($(wc -l <"$D/loss.csv") - 1))" = "epoch,loss,5000"
check "the loss falls a hundredfold" awk -F, 'NR == 2 { a = $2 } END { exit !($2 < a / 100) }' "$D/loss.csv"
check "grid.dat: 101 x 101 points" test "$(grep -c '^[-0-9]' "$D/grid.dat")" = 10201
check "grid.dat: outputs in (0, 1)" awk '/^[-0-9]/ && !($3 > 0 && $3 < 1) { bad = 1 } END { exit bad }' "$D/grid.dat"
# the page's caption of ch02-boundary: in the default run the band between the two
# curves is low and holds the two 0s (the centre (0.5, 0.5) lies in it)
check "the default run's band holds the 0s, as the page says" \
    awk '$1 == 0.5 && $2 == 0.5 { found = 1; low = $3 < 0.5 } END { exit !(found && low) }' "$D/grid.dat"
check "the default run's h2 and h4 share a line, on in opposite directions, as the page says" \
    awk -F, 'NR > 1 { w1[$1] = $2; w2[$1] = $3; b[$1] = $4 }
             END { k = w1[4] / w1[2]; exit !(k < 0 && (w2[4] / w2[2] - k)^2 < 0.1 * k^2 && (b[4] / b[2] - k)^2 < 0.3 * k^2) }' "$D/hidden.csv"
check "hidden.csv: one line per hidden unit at most" test "$(($(wc -l <"$D/hidden.csv") - 1))" -le 4
check "weights.txt reads back" "$PROG" --load-weights "$D/weights.txt" --epochs 0 --out "$T/back" --quiet
check "--epochs 0 keeps the weights" diff <(grep -v '^#' "$D/weights.txt") <(grep -v '^#' "$T/back/weights.txt")

expect_ok "seed 3" --seed 3 --out "$T/a" --quiet
expect_ok "seed 3 again" --seed 3 --out "$T/b" --quiet
check "same seed, same weights" diff "$T/a/weights.txt" "$T/b/weights.txt"
expect_ok "seed 4" --seed 4 --out "$T/c" --quiet
check "other seed, other weights" bash -c "! diff -q '$T/a/weights.txt' '$T/c/weights.txt'"

expect_ok "a small study" --study 20 --out "$T/study" --quiet
check "study: converged line" grep -qE "^converged [0-9]+/20 " "$OUT"
check "study.csv: 20 seeds" test "$(($(wc -l <"$T/study/study.csv") - 1))" = 20
expect_ok "the tutorial's settings, 3 hidden units" --hidden 3 --lr 0.1 --epochs 10000 --init normal --out "$D" --quiet

# --- not learned: the advice fits the cause --------------------------------------
expect_ok "--lr 100" --lr 100 --out "$T/adv" --quiet
check "--lr 100: saturated outputs, lower --lr" grep -q "^gradient: steps too large for this data (--lr 100) .* Lower --lr$" "$OUT"
check "--lr 100: not 'another --seed'" bash -c "! grep -q -- 'another --seed' '$OUT'"
expect_ok "the spirals with the XOR settings" --data data/spirals.csv --out "$T/adv" --quiet
check "spirals: lower --lr, as E sums over 100 samples" grep -q "^(E sums over the 100 samples" "$OUT"
expect_ok "the spirals at --lr 0.2" --data data/spirals.csv --lr 0.2 --out "$T/adv" --quiet
check "spirals at --lr 0.2: learned with 4 hidden units, as the page says" grep -q "learned\.$" "$OUT"
check "spirals: the plots' square holds the data (x1 from -1 to 1: the grid from -2 to 2)" \
    awk '/^[-0-9]/ { if (!n++ || $1 < lo) lo = $1; if ($1 > hi) hi = $1 } END { exit !(lo < -1.9 && hi > 1.9) }' "$T/adv/grid.dat"
expect_ok "--epochs 100" --epochs 100 --out "$T/adv" --quiet
check "--epochs 100: the loss was still falling, more --epochs" grep -q "^give it more --epochs.$" "$OUT"
expect_ok "--epochs 0" --epochs 0 --out "$T/adv" --quiet
check "--epochs 0: says no training ran" grep -q "^No training ran (--epochs 0)" "$OUT"
expect_ok "a tutorial seed that fails" --seed 70 --hidden 3 --lr 0.1 --epochs 10000 --init normal --out "$T/adv" --quiet
check "seed 70: a local minimum, another --seed" grep -q "local minimum" "$OUT"

# --- the same numbers as the tutorial's numpy code -----------------------------
cat >"$T/start.txt" <<'W'
# a 2-3-1 start, as numpy's randn might draw it
W1 2 3
0.49671415 -0.1382643 0.64768854
1.52302986 -0.23415337 -0.23413696
b1 1 3
0 0 0
W2 3 1
1.57921282
0.76743473
-0.46947439
b2 1 1
0
W
expect_ok "--load-weights, 2000 epochs at lr 0.7" --load-weights "$T/start.txt" --epochs 2000 --lr 0.7 --out "$T/np" --quiet
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    "$PYTHON" "$(dirname "$0")/tutorial.py" "$T/start.txt" data/xor.csv 2000 0.7 >"$T/numpy.txt"
    check "numpy's tutorial gives the same weights to 1e-12" same_numbers "$T/np/weights.txt" "$T/numpy.txt" 1e-12
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- bad input: exit 2 and one line naming the problem ------------------------
expect_error "--hidden 0" 2 "--hidden: must be between 1 and 1000, got 0" --hidden 0
expect_error "negative --epochs" 2 "--epochs: must be between 0" --epochs -5
expect_error "--lr abc" 2 "--lr: expected a finite number" --lr abc
expect_error "--init other" 2 "--init: expected 'uniform' or 'normal', got 'zeros'" --init zeros
expect_error "missing data" 2 "nope.csv: cannot open" --data "$T/nope.csv"
printf 'x1,x2,t\n0,0,0\n0,1\n' >"$T/ragged.csv"
expect_error "ragged data" 2 "ragged.csv:3: expected 3 values" --data "$T/ragged.csv"
expect_error "bipolar targets" 2 "xor-bipolar.csv:2: target -1 is outside [0, 1]" --data data/xor-bipolar.csv
printf 'W1 3 3\n1 2 3\n1 2 3\n1 2 3\nb1 1 3\n0 0 0\nW2 3 1\n1\n1\n1\nb2 1 1\n0\n' >"$T/w3.txt"
expect_error "weights for 3 inputs" 2 "w3.txt: W1 has 3 rows, but data/xor.csv has 2 inputs" --load-weights "$T/w3.txt"
expect_error "--hidden disagrees with the weights" 2 "start.txt: has 3 hidden units, but --hidden says 5" \
    --load-weights "$T/start.txt" --hidden 5
printf 'W1 2 1\n1\n1\nb1 1 1\n0\n' >"$T/w1.txt"
expect_error "one-layer weights" 2 "w1.txt: has 1 layers, but this network has 2" --load-weights "$T/w1.txt"
printf 'W1 2 3\n1 2 3\n1 2\n' >"$T/short.txt"
expect_error "malformed weights" 2 "short.txt:3: W1 row 2: expected 3 numbers, found 2" --load-weights "$T/short.txt"
expect_error "--study with --load-weights" 2 "--study trains from seeds" --study 5 --load-weights "$T/start.txt"
expect_error "unknown option" 2 "unknown option '--layers'" --layers 2,3,1

expect_error "a huge --lr diverges" 1 "epoch 1: training diverged (a weight passed 1e+06" --lr 1e300 --out "$T/div"
check "diverged: no loss.csv left behind" test ! -e "$T/div/loss.csv" -a ! -e "$T/div/loss.csv.partial"

# the options that size buffers, at their limits: no crash, no assert
expect_ok "--hidden 1000 (the largest)" --hidden 1000 --epochs 1 --quiet --out "$T/lim"
expect_ok "--study 1 (the smallest)" --study 1 --quiet --out "$T/lim"
t_done
