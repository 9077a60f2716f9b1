#!/bin/bash
# Chapter 04's program end to end (on slices of the data) and on bad input.
#   bash test_cli.sh build/bin/ch04
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
SLICE=(--train-limit 2000 --test-limit 500)

# --- end to end -------------------------------------------------------------
expect_ok "runs on a slice" "${SLICE[@]}" --epochs 2 --out "$D"
for f in batches.csv epochs.csv confusion.csv samples.dat samples.csv mistakes.dat mistakes.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "one report line per epoch" test "$(grep -cE '^ +[12] +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9]+$' "$OUT")" = 2
check "batches.csv: 63 batches an epoch (62 of 32 and the last of 16)" test "$(($(wc -l <"$D/batches.csv") - 1))" = 126
check "the loss falls from epoch 1 to 2" awk -F, 'NR == 2 { a = $2 } NR == 3 { exit !($2 < a) }' "$D/epochs.csv"
check "learns: test accuracy above 70% after 2 epochs on 2000 images" awk -F, 'NR == 3 { exit !($5 > 70) }' "$D/epochs.csv"
check "the confusion table has a row per class" test "$(grep -cE '^  [0-9] .*%$' "$OUT")" = 10
check "confusion.csv counts every test image" test "$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$D/confusion.csv")" = 500
check "the mistakes are wrong and the surest first" awk -F, 'NR > 1 { if ($5 == $6 || (NR > 2 && $7 > p)) exit 1; p = $7 }' "$D/mistakes.csv"
check "samples.dat: 10 rows of 10 images, 1 pixel apart" test "$(grep -vc '^#' "$D/samples.dat")" = 289
check "no templates without --hidden 0" test ! -e "$D/templates.dat"
check "the first batch's loss, beside chance level" \
    grep -qE "^The first batch's loss was 2\.[0-9]+, close to the loss of a network that cannot tell the 10 classes apart$" "$OUT"
check "the report does not give the puzzle chance_loss away" \
    bash -c "! grep -qF -f <(grep -v '^#' '$(dirname "$0")/answers.txt') '$OUT' && ! grep -q '2\.30' '$OUT'"
check "no overshoot advice for a run that learns" test "$(grep -c 'overshoot' "$OUT")" = 0
expect_ok "--quiet" "${SLICE[@]}" --epochs 1 --quiet --out "$T/q"
check "--quiet: no header, no epoch lines" test "$(grep -c 'samples/s\|^Chapter 04' "$OUT")" = 0
expect_ok "--lr 100 runs" "${SLICE[@]}" --epochs 1 --lr 100 --out "$T/lr100" --quiet
check "--lr 100: the loss above chance level is called overshooting" grep -q "is above that yardstick: the steps overshoot (lower --lr)" "$OUT"
expect_ok "softmax regression (--hidden 0)" "${SLICE[@]}" --epochs 1 --hidden 0 --out "$T/sr"
check "softmax regression: 784-10 and its templates" grep -q "784-10 softmax regression" "$OUT"
check "softmax regression: templates.dat, 2 rows of 28 and a gap of 12" test "$(grep -vc '^#' "$T/sr/templates.dat")" = 68
check "softmax regression: lr 0.03 by default" grep -q "lr 0.03," "$OUT"
if command -v gnuplot >/dev/null 2>&1; then
    ONLY=templates PLOTS=$T/pl bash common/plot.sh 04 "$T/sr" >/dev/null 2>&1
    check "plots of a --hidden 0 run include its templates" test -s "$T/pl/ch04-templates.png"
    rm -rf "$T/pl"
    PLOTS=$T/pl bash common/plot.sh 04 "$D" "$T/sr" >"$T/plot.txt" 2>&1
    check "the default run's plots take the templates from the --hidden 0 run" test -s "$T/pl/ch04-templates.png" -a -s "$T/pl/ch04-loss.png"
    check "... and say nothing is missing" test "$(grep -c 'Not drawn' "$T/plot.txt")" = 0
fi
if command -v script >/dev/null 2>&1; then
    script -qec "'$PROG' ${SLICE[*]} --epochs 1 --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "a progress bar on a terminal" grep -q 'epoch 1/1 \[#' "$T/tty.txt"
    script -qec "'$PROG' ${SLICE[*]} --epochs 1 --quiet --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "no progress bar with --quiet" test "$(grep -c 'epoch 1/1 \[' "$T/tty.txt")" = 0
fi

# --- the same numbers from the same start -------------------------------------
expect_ok "--shuffle no, seed 1" "${SLICE[@]}" --epochs 1 --shuffle no --load-weights "$D/weights.txt" --out "$T/s1" --quiet
expect_ok "--shuffle no, seed 2" "${SLICE[@]}" --epochs 1 --shuffle no --load-weights "$D/weights.txt" --out "$T/s2" --quiet --seed 2
check "--shuffle no: the seed changes nothing from loaded weights" cmp -s "$T/s1/weights.txt" "$T/s2/weights.txt"
expect_ok "--shuffle yes, seed 2" "${SLICE[@]}" --epochs 1 --load-weights "$D/weights.txt" --out "$T/s3" --quiet --seed 2
check "--shuffle yes: the seed changes the order" bash -c "! cmp -s '$T/s1/weights.txt' '$T/s3/weights.txt'"

# --- MNIST's layout: plain IDX files the test writes, and --names digits -----
idx_slice "$T/plain" train 300 plain
idx_slice "$T/plain" t10k 100 plain
expect_ok "plain (not gzipped) IDX files" --data "$T/plain" --epochs 1 --names digits --out "$T/p"
check "--names digits names the classes 0-9" grep -qE '^  9 9 ' "$OUT"
check "300 training images, 100 test images" grep -q "300 training images, 100 test images" "$OUT"

# --- gradients and one epoch against numpy -------------------------------------
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    for spec in "7:300:3" "0:250:4"; do
        IFS=: read -r H N seed <<<"$spec"
        expect_ok "hidden $H: starting weights" --hidden "$H" --seed "$seed" --epochs 0 --train-limit "$N" --test-limit 10 --out "$T/g$H" --quiet
        expect_ok "hidden $H: --gradients over $N images" --load-weights "$T/g$H/weights.txt" --train-limit "$N" --gradients "$T/grad$H.txt"
        check "hidden $H: --gradients wrote nothing to stdout" test ! -s "$OUT"
        "$PYTHON" "$(dirname "$0")/reference.py" grad "$T/g$H/weights.txt" "$FASHION" "$N" >"$T/np$H.txt"
        check "hidden $H: numpy's gradients agree to 1e-9 relative" same_numbers "$T/grad$H.txt" "$T/np$H.txt" 1e-9
        bash common/compare_weights.sh "$T/grad$H.txt" "$T/np$H.txt" >"$T/cmp.txt"
        check "hidden $H: compare_weights.sh, the page's comparison, says how close and where" \
            grep -qE '^[0-9]+ numbers; the largest relative difference is [0-9.e-]+ \((W|b)[12], row [0-9]+, column [0-9]+\)$' "$T/cmp.txt"
        expect_ok "hidden $H: one epoch in file order" --load-weights "$T/g$H/weights.txt" --train-limit "$N" --test-limit 10 \
            --epochs 1 --batch 32 --lr 0.5 --shuffle no --out "$T/e$H" --quiet
        "$PYTHON" "$(dirname "$0")/reference.py" epoch "$T/g$H/weights.txt" "$FASHION" "$N" 32 0.5 >"$T/npe$H.txt"
        check "hidden $H: numpy's epoch agrees to 1e-9 relative" same_numbers "$T/e$H/weights.txt" "$T/npe$H.txt" 1e-9
    done
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- bad input: exit 2 and one line naming the problem ------------------------
expect_error "--shuffle maybe" 2 "--shuffle: expected yes or no, got 'maybe'" --shuffle maybe
expect_error "--names other" 2 "--names: expected fashion or digits, got 'cats'" --names cats
expect_error "--batch 0" 2 "--batch: must be between 1 and" --batch 0
expect_error "--train-limit 0" 2 "--train-limit: must be between 1 and" --train-limit 0
expect_error "a missing data directory" 2 "nowhere/train-images-idx3-ubyte.gz: cannot open: No such file or directory (--data DIR" --data "$T/nowhere"
printf 'W1 2 2\n1 2\n3 4\nb1 1 2\n0 0\n' >"$T/w2.txt"
expect_error "weights of other shapes" 2 "w2.txt: the network takes 2 inputs and gives 2 outputs, but the images have 784 pixels and 10 classes" \
    --load-weights "$T/w2.txt" --train-limit 10
expect_error "--hidden against the loaded weights" 2 "--hidden 50 disagrees with $D/weights.txt, which has 100 hidden units (leave --hidden out)" \
    --load-weights "$D/weights.txt" --hidden 50 --train-limit 10
expect_ok "a loaded softmax regression gets its learning rate" --load-weights "$T/sr/weights.txt" "${SLICE[@]}" --epochs 1 --out "$T/sr2"
check "a loaded softmax regression: lr 0.03" grep -q "lr 0.03," "$OUT"
expect_error "unwritable gradients file" 1 "cannot write" --load-weights "$T/g7/weights.txt" --train-limit 10 --gradients /nonexistent/dir/g.txt
expect_error "a huge --lr diverges" 1 "epoch 1: training diverged" "${SLICE[@]}" --lr 1e300 --out "$T/div"
check "diverged: no files left behind" test -z "$(find "$T/div" -type f)"

# --- images of another size than 28 x 28: the network takes their pixels ------
idx_sized "$T/sized" train 60 10 12
idx_sized "$T/sized" t10k 20 10 12
expect_ok "10 x 12 images" --data "$T/sized" --epochs 1 --hidden 8 --out "$T/sized-out" --quiet
check "10 x 12 images: a 120-8-10 network" grep -q '^W1 120 8$' "$T/sized-out/weights.txt"

# the options that size buffers, at their limits: no crash, no assert
expect_ok "--batch 60000 (the largest) on 50 images" --batch 60000 --train-limit 50 --test-limit 10 --epochs 1 --quiet --out "$T/lim"
expect_ok "--batch 1 on 5 images" --batch 1 --train-limit 5 --test-limit 1 --epochs 1 --quiet --out "$T/lim"
t_done
