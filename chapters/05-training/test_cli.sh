#!/bin/bash
# Chapter 05's program end to end (on slices of the data) and on bad input.
#   bash test_cli.sh build/bin/ch05
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
REF=$(dirname "$0")/reference.py
SLICE=(--train-limit 2000 --test-limit 500)

# --- end to end -------------------------------------------------------------
expect_ok "runs on a slice" "${SLICE[@]}" --epochs 2 --out "$D"
for f in gradnorms.csv batches.csv epochs.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "one report line per epoch" test "$(grep -cE '^ +[12] +[0-9.e+-]+ +[0-9.]+ +[0-9.]+% ' "$OUT")" = 2
check "the loss falls from epoch 1 to 2" awk -F, 'NR == 2 { a = $3 } NR == 3 { exit !($3 < a) }' "$D/epochs.csv"
check "no validation set: no NaN in the report" test "$(grep -ci 'nan' "$OUT")" = 0
check "learns: test accuracy above 75% after 2 epochs on 2000 images" awk -F, 'NR == 3 { exit !($8 > 75) }' "$D/epochs.csv"
check "gradnorms.csv: one row per layer" test "$(($(wc -l <"$D/gradnorms.csv") - 1))" = 2
check "batches.csv: 32 batches an epoch (31 of 64 and one of 16)" test "$(($(wc -l <"$D/batches.csv") - 1))" = 64

expect_ok "cosine schedule" "${SLICE[@]}" --epochs 4 --lr-schedule cosine --lr 0.004 --out "$T/cos" --quiet
check "cosine: lr 0.004, then 0.5 (1 + cos(pi/4)) of it, ..." bash -c "cut -d, -f2 '$T/cos/epochs.csv' | sed -n '2,3p' | tr '\n' ' ' | grep -qx '0.004 0.00341421356 '"
expect_ok "step schedule" "${SLICE[@]}" --epochs 4 --lr-schedule step --lr 0.004 --out "$T/step" --quiet
check "step: lr, lr, lr/10, lr/100" bash -c "cut -d, -f2 '$T/step/epochs.csv' | sed 1d | tr '\n' ' ' | grep -qx '0.004 0.004 0.0004 4e-05 '"

expect_ok "validation and early stopping" --train-limit 1500 --val 1000 --test-limit 200 --layers 784,64,10 \
    --epochs 40 --early-stop 3 --out "$T/es"
check "early stopping stops before the last epoch" test "$(($(wc -l <"$T/es/epochs.csv") - 1))" -lt 40
check "... 3 epochs after the best one" bash -c "b=\$(sed -n 2p '$T/es/best.csv' | cut -d, -f1); n=\$((\$(wc -l <'$T/es/epochs.csv') - 1)); test \$((n - b)) = 3"
check "... and says which weights it kept" grep -qE '^The weights of epoch [0-9]+, the best validation loss' "$OUT"
check "... and that it stopped" grep -qE '^Stopped after epoch [0-9]+: 3 epochs without a better validation loss\.$' "$OUT"
check "500 training, 1000 validation images" grep -q "500 training, 1000 validation" "$OUT"

for p in sigmoid-sgd best; do
    expect_ok "--preset $p" --preset "$p" --epochs 0 --train-limit 200 --test-limit 10 --val 100 --out "$T/p" --quiet
done
expect_ok "--preset best, header" --preset best --epochs 0 --train-limit 200 --test-limit 10 --val 100 --out "$T/p"
check "--preset best is 784-256-128-10 relu, adam, cosine, dropout 0.2" \
    grep -q "784-256-128-10 network of relu units" "$OUT"
check "... with its training settings" grep -q "init he, adam, lr 0.001 (cosine), batch 64, dropout 0.2" "$OUT"
expect_ok "--preset sigmoid-sgd with --lr given" --preset sigmoid-sgd --lr 0.1 --epochs 0 --train-limit 100 --test-limit 10 --out "$T/p"
check "an option on the command line beats the preset" grep -q "784-100-10 network of sigmoid units.*" "$OUT"
check "... the lr given" grep -q "sgd, lr 0.1 " "$OUT"
expect_ok "--preset sigmoid-sgd is chapter 04's training" --preset sigmoid-sgd --epochs 0 --train-limit 100 --test-limit 10 --out "$T/p"
check "... a constant learning rate, batches of 32" grep -q "init glorot, sgd, lr 0.5 (constant), batch 32" "$OUT"

# --- against numpy: gradients, and optimiser steps from the same state ----------
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    expect_ok "start weights 784-30-20-10" --layers 784,30,20,10 --init glorot --epochs 0 --train-limit 10 --test-limit 10 --out "$T/w" --quiet
    W=$T/w/weights.txt
    for act in sigmoid tanh relu; do
        expect_ok "$act: --gradients with weight decay" --load-weights "$W" --act "$act" --weight-decay 0.001 --train-limit 300 --gradients "$T/g-$act.txt"
        "$PYTHON" "$REF" grad "$W" "$FASHION" 300 "$act" 0.001 >"$T/np-g-$act.txt"
        check "$act: numpy's gradients agree to 1e-9 relative" same_numbers "$T/g-$act.txt" "$T/np-g-$act.txt" 1e-9
    done
    for opt in sgd momentum adam; do
        for n in 64 640; do
            steps=$((n / 64))
            expect_ok "$opt: $steps step(s)" --load-weights "$W" --act tanh --opt "$opt" --lr 0.01 --weight-decay 0.001 \
                --epochs 1 --batch 64 --train-limit "$n" --test-limit 10 --shuffle no --out "$T/s-$opt-$n" --quiet
            "$PYTHON" "$REF" steps "$W" "$FASHION" "$n" 64 tanh 0.001 "$opt" 0.01 >"$T/np-s-$opt-$n.txt"
            # relative to max(|w|, 0.01), the weights' scale (Glorot: up to 0.086): Adam divides by sqrt(v) + eps, and a
            # weight whose gradient is near eps moves by a step that rounding changes at 1e-12 of the step
            check "$opt: $steps step(s) agree with numpy to 1e-12 (relative to the weights' scale, 0.01)" \
                same_numbers "$T/s-$opt-$n/weights.txt" "$T/np-s-$opt-$n.txt" 1e-12 0.01
        done
    done
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- bad input: exit 2 and one line naming the problem ------------------------
expect_error "--layers not from 784" 2 "--layers: must start with 784 (the pixels) and end with 10 (the classes), got 700..10" --layers 700,10
expect_error "--layers not to 10" 2 "got 784..5" --layers 784,64,5
expect_error "--dropout 1" 2 "--dropout: must be at least 0 and below 1, got '1'" --dropout 1
expect_error "--beta1 1" 2 "--beta1: must be at least 0 and below 1, got '1'" --beta1 1
expect_error "--momentum -0.5" 2 "--momentum: must be at least 0 and below 1, got '-0.5'" --momentum -0.5
expect_error "an unknown preset" 2 "--preset: expected sigmoid-sgd or best, got 'fastest'" --preset fastest
expect_error "an unknown activation" 2 "--act: expected sigmoid, tanh or relu, got 'gelu'" --act gelu
expect_error "an unknown optimiser" 2 "--opt: expected sgd, momentum or adam, got 'lion'" --opt lion
expect_error "an unknown schedule" 2 "--lr-schedule: expected constant, step or cosine, got 'linear'" --lr-schedule linear
expect_error "--early-stop without --val" 2 "--early-stop needs --val N" --early-stop 3
expect_error "--val that takes everything" 2 "--val 100 leaves no training images (there are 100)" --val 100 --train-limit 100
expect_error "dropout without hidden units" 2 "--dropout: a network without hidden layers (--layers 784,10) has no hidden units" \
    --layers 784,10 --dropout 0.5
expect_error "negative weight decay" 2 "--weight-decay: must be at least 0, got '-1'" --weight-decay -1
expect_error "weights of other sizes" 2 "weights.txt: its layer sizes differ from --layers" --load-weights "$D/weights.txt" --layers 784,64,10
expect_error "a missing data directory" 2 "train-images-idx3-ubyte.gz: cannot open: No such file or directory (--data DIR" --data "$T/nowhere"
expect_error "a huge --lr diverges" 1 "training diverged" "${SLICE[@]}" --opt sgd --lr 1e300 --out "$T/div"
check "diverged: no files left behind" test -z "$(find "$T/div" -type f)"

# images of another size than the 28 x 28 its networks take: said, not a crash
idx_sized "$T/sized" train 60 10 12
idx_sized "$T/sized" t10k 20 10 12
expect_error "10 x 12 images" 2 "the train images are 10x12, but this network takes 784 pixels" \
    --data "$T/sized" --epochs 1

# the steps overshoot: said, as chapter 04 says it
expect_ok "SGD with --lr 5" --train-limit 1000 --test-limit 100 --epochs 1 --opt sgd --lr 5 --out "$T/lr5"
check "SGD with --lr 5: the steps overshoot, the report says" grep -q "^the steps overshoot (lower --lr)" "$OUT"
expect_ok "a run that learns" --train-limit 1000 --test-limit 100 --epochs 1 --out "$T/lr-ok"
check "a run that learns: no overshoot advice" test "$(grep -c overshoot "$OUT")" = 0

# the options that size buffers, at their limits: no crash, no assert
expect_ok "--batch 60000 (the largest) on 50 images" --batch 60000 --train-limit 50 --test-limit 10 --epochs 1 --quiet --out "$T/lim"
expect_ok "--batch 1 on 5 images" --batch 1 --train-limit 5 --test-limit 1 --epochs 1 --val 2 --quiet --out "$T/lim"
t_done
