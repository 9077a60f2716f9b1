#!/bin/bash
# Chapter 01's program end to end and on bad input.   bash test_cli.sh build/bin/ch01
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out

# --- end to end -------------------------------------------------------------
expect_ok "runs with its defaults" --out "$D"
check "reports convergence on OR" grep -q "^Converged after" "$OUT"
for f in epochs.csv errors.csv lines.csv updates.csv samples.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "epochs.csv has the issue's header" \
    test "$(head -1 "$D/epochs.csv")" = "epoch,X1,X2,T,yin,Y,W1,W2,b,delW1,delW2,delb"
epochs=$(tail -1 "$D/errors.csv" | cut -d, -f1)
check "epochs.csv has 4 rows per epoch" test "$(($(wc -l <"$D/epochs.csv") - 1))" = $((4 * epochs))
check "the last epoch has no errors" test "$(tail -1 "$D/errors.csv" | cut -d, -f2)" = 0

expect_ok "the tutorial's start" --weights 0.8,0.5,0.1 --lr 1 --out "$D"
check "takes 3 epochs" grep -q "^Converged after 3 epochs" "$OUT"
check "ends at W = (1.8, 1.5), b = 1.1" grep -q "W1 = 1.8  W2 = 1.5  b = 1.1" "$OUT"
check "epochs.csv ends at W1 = 1.8" near "$(csv_last "$D/epochs.csv" W1)" 1.8 1e-12
check "epochs.csv ends at W2 = 1.5" near "$(csv_last "$D/epochs.csv" W2)" 1.5 1e-12
check "epochs.csv ends at b = 1.1" near "$(csv_last "$D/epochs.csv" b)" 1.1 1e-12
check "epochs.csv has 3 epochs" test "$(csv_last "$D/epochs.csv" epoch)" = 3
check "the table's second row updates" grep -qE '^ +-1 +1 +1 +-0.2 +-1 +-0.2 +1.5 +1.1 +-1 +1 +1$' "$OUT"
check "weights.txt holds the final weights" grep -qx "1.8" "$D/weights.txt"

expect_ok "AND converges" --data data/and-bipolar.csv --out "$D" --quiet
check "AND: converged" grep -q "^Converged after" "$OUT"
expect_ok "XOR does not converge, exit 0" --data data/xor-bipolar.csv --epochs 50 --out "$D" --quiet
check "XOR: says so" grep -q "^Did not converge: in epoch 50, the last, 4 of 4 samples" "$OUT"
check "XOR: 50 epochs in errors.csv" test "$(wc -l <"$D/errors.csv")" = 51
# the page says: from epoch 2 on, every sample is wrong when its turn comes
check "XOR, seed 1: 4 mistakes in every epoch from the second on" \
    awk -F, 'NR > 2 && $2 != 4 { bad = 1 } END { exit bad || NR != 51 }' "$D/errors.csv"
check "XOR, seed 1: the weights after every epoch are the same (a cycle, as the page says)" \
    test "$(sed 1,2d "$D/lines.csv" | cut -d, -f2-4 | sort -u | wc -l)" = 1
check "XOR: the decision line is printed with its signs" grep -q "^Decision line: -0.594156 x1 - 0.959127 x2 + 1.14821 = 0$" "$OUT"
expect_ok "--max-epochs, the old name of --epochs, still works" --data data/xor-bipolar.csv --max-epochs 7 --out "$D" --quiet
check "--max-epochs 7: 7 epochs" grep -q "^Did not converge: in epoch 7, the last" "$OUT"

printf 'a,b,c,t\n1,0,0,1\n0,1,0,1\n0,0,1,-1\n-1,-1,-1,-1\n' >"$T/three.csv"
expect_ok "three inputs" --data "$T/three.csv" --out "$D/three" --quiet
check "three inputs: header" test "$(head -1 "$D/three/epochs.csv")" = \
    "epoch,X1,X2,X3,T,yin,Y,W1,W2,W3,b,delW1,delW2,delW3,delb"
check "three inputs: no line files (a line in the plane needs two inputs)" \
    test ! -e "$D/three/lines.csv" -a ! -e "$D/three/updates.csv" -a ! -e "$D/three/samples.csv"

expect_ok "seed 5" --seed 5 --out "$D/s5a"
cp "$OUT" "$T/seed5"
expect_ok "seed 5 again" --seed 5 --out "$D/s5b"
check "same seed, same report" diff <(sed 1d "$T/seed5" | grep -v '^Files in') <(sed 1d "$OUT" | grep -v '^Files in')
check "same seed, same files" diff "$D/s5a/epochs.csv" "$D/s5b/epochs.csv"
expect_ok "seed 6" --seed 6 --out "$D/s6"
check "other seed, other weights" bash -c "! diff -q '$D/s5a/weights.txt' '$D/s6/weights.txt'"
expect_ok "--help" --help
check "--help lists --weights" grep -q -- "--weights" "$OUT"

# --- bad input: exit 2 and one line naming the problem ------------------------
expect_error "missing data file" 2 "nope.csv: cannot open" --data "$T/nope.csv" --out "$D"
expect_error "directory as data" 2 ": cannot read: Is a directory" --data "$T" --out "$D"
printf '' >"$T/empty.csv"
expect_error "empty file" 2 "empty.csv: the file is empty" --data "$T/empty.csv" --out "$D"
printf 'x1,x2,t\n1,1,1\n1,1\n' >"$T/ragged.csv"
expect_error "ragged row" 2 "ragged.csv:3: expected 3 values" --data "$T/ragged.csv" --out "$D"
printf 'x1,x2,t\n1,x,1\n' >"$T/nonnum.csv"
expect_error "not a number" 2 "nonnum.csv:2: x2 is 'x'" --data "$T/nonnum.csv" --out "$D"
expect_error "0/1 targets" 2 "xor.csv:2: t is 0, expected one of -1, 1" --data data/xor.csv --out "$D"
expect_error "--lr 0" 2 "--lr: must be greater than 0" --lr 0
expect_error "--lr -1" 2 "--lr: must be greater than 0" --lr -1
expect_error "--lr abc" 2 "--lr: expected a finite number, got 'abc'" --lr abc
expect_error "--weights too few" 2 "--weights: expected 3 numbers" --weights 0.8,0.5 --out "$D"
expect_error "--weights too many" 2 "--weights: expected 3 numbers" --weights 1,2,3,4 --out "$D"
expect_error "--weights not numbers" 2 "--weights: item 2 is 'x'" --weights 1,x,3
expect_error "--weights empty item" 2 "--weights: empty item 2" --weights 1,,3
expect_error "--epochs 0" 2 "--epochs: must be between 1" --epochs 0
expect_error "unknown option" 2 "unknown option '--colour'" --colour
expect_error "missing value" 2 "option '--lr' needs a value" --lr
expect_error "stray argument" 2 "unexpected argument 'data/or.csv'" data/or.csv
touch "$T/file"
expect_error "--out is a file" 1 "cannot create directory" --out "$T/file/sub"
expect_error "huge --lr overflows" 1 "overflowed to infinity" --lr 1e308 --weights 1e308,0,0 --out "$D"

t_done
