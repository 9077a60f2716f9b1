#!/bin/bash
# Chapter 07's program end to end (on slices of the data, small networks) and on bad input.
#   bash test_cli.sh build/bin/ch07
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
SMALL=(--arch c4k3s-p2-c8k3-p2-f16-f10 --train-limit 1000 --test-limit 300 --batch 16 --lr 0.005)

# --- every layer checked ------------------------------------------------------------
expect_ok "--check: every layer's backward pass against finite differences" --check
check "--check: within the limits" grep -q "^Checked: backward within" "$OUT"
check "--check: direct and im2col agree" grep -q "^  direct within [0-9.e-]* of im2col (limit 1e-12)" "$OUT"

# --- end to end ------------------------------------------------------------------------
expect_ok "trains a small network on a slice" "${SMALL[@]}" --epochs 2 --out "$D"
for f in epochs.csv confusion.csv filters.dat features0.dat features1.dat features4.dat speed.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "one report line per epoch" test "$(grep -cE '^ +[12] +[0-9.]+ +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9]+$' "$OUT")" = 2
check "learns: test accuracy above 60% after 2 epochs on 1000 images" awk -F, 'NR == 3 { exit !($4 > 60) }' "$D/epochs.csv"
check "the loss falls" awk -F, 'NR == 2 { a = $2 } NR == 3 { exit !($2 < a) }' "$D/epochs.csv"
check "the layers are listed with their shapes" grep -q "^  layer 1  conv K1    1x28x28  ->  4x28x28   ReLU$" "$OUT"
check "confusion.csv counts every test image" test "$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$D/confusion.csv")" = 300
check "speed.csv: a line per convolution" test "$(($(wc -l <"$D/speed.csv") - 1))" = 2
check "the weight file: K1 b1 K2 b2 W3 b3 W4 b4" test "$(grep -oE '^[KWb][0-9]+' "$D/weights.txt" | tr '\n' ' ')" = "K1 b1 K2 b2 W3 b3 W4 b4 "
check "K1 is 4 x 9 (one row per output channel), b1 1 x 4" grep -qx "K1 4 9" "$D/weights.txt"
expect_ok "--quiet" "${SMALL[@]}" --epochs 1 --quiet --out "$T/q"
check "--quiet: the summary only" test "$(wc -l <"$OUT")" = 1
if command -v gnuplot >/dev/null 2>&1; then
    PLOTS=$T/pl bash common/plot.sh 07 "$D" >"$T/plot.txt" 2>&1
    for p in filters featuremaps accuracy confusion speed; do
        check "plot ch07-$p" test -s "$T/pl/ch07-$p.png"
    done
fi
if command -v script >/dev/null 2>&1; then
    script -qec "'$PROG' ${SMALL[*]} --epochs 1 --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "a progress bar on a terminal" grep -q 'epoch 1/1 \[#' "$T/tty.txt"
fi

# --- the same numbers, every way ----------------------------------------------------------
expect_ok "--epochs 0 writes the starting weights" "${SMALL[@]}" --epochs 0 --quiet --out "$T/w0"
expect_ok "--direct: convolutions by the definition" "${SMALL[@]}" --epochs 1 --shuffle no --direct \
    --load-weights "$T/w0/weights.txt" --quiet --out "$T/direct"
expect_ok "the same with im2col" "${SMALL[@]}" --epochs 1 --shuffle no --load-weights "$T/w0/weights.txt" --quiet --out "$T/im2col"
check "direct and im2col train to the same weights (1e-9)" same_numbers "$T/direct/weights.txt" "$T/im2col/weights.txt" 1e-9 1e-6
# the default network, whose products are large enough to be shared between threads
expect_ok "--threads 1" --train-limit 64 --test-limit 20 --epochs 1 --threads 1 --quiet --out "$T/threads1"
expect_ok "--threads 2: the products on two threads" --train-limit 64 --test-limit 20 --epochs 1 --threads 2 \
    --quiet --out "$T/threads2"
check "... the same weights as one thread, byte for byte" cmp -s "$T/threads2/weights.txt" "$T/threads1/weights.txt"
expect_ok "--load-weights and --seed: a loaded start ignores the seed" "${SMALL[@]}" --epochs 1 --shuffle no \
    --load-weights "$T/w0/weights.txt" --seed 5 --quiet --out "$T/seed5"
check "... the same weights" cmp -s "$T/seed5/weights.txt" "$T/im2col/weights.txt"
expect_ok "--gradients" "${SMALL[@]}" --load-weights "$T/w0/weights.txt" --gradients "$T/g.txt"
check "--gradients: nothing printed" test ! -s "$OUT"
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    for arch in c4k3s-p2-c8k3-p2-f16-f10 c3k5-p2-f10; do
        expect_ok "--gradients, $arch" --arch "$arch" --train-limit 200 --epochs 0 --test-limit 10 --quiet --out "$T/s-$arch"
        "$PROG" --arch "$arch" --train-limit 200 --load-weights "$T/s-$arch/weights.txt" --gradients "$T/g-$arch.txt"
        "$PYTHON" chapters/07-conv/reference.py grad "$arch" "$T/s-$arch/weights.txt" "$FASHION" 200 >"$T/np-$arch.txt"
        check "--gradients equal numpy's, $arch (1e-9 relative)" same_numbers "$T/g-$arch.txt" "$T/np-$arch.txt" 1e-9 1e-12
    done
fi

# --- bad input ---------------------------------------------------------------------------
expect_error "--arch: an unknown layer" 2 "'x3' is not a layer" --arch c8k3-x3-f10
expect_error "--arch: an empty layer" 2 "an empty layer" --arch c8k3--f10
expect_error "--arch: the last layer is not f10" 2 "the last layer must be f10" --arch c8k3-p2-f12
expect_error "--arch: too many pools" 2 "'p2' gets 1x1 inputs and leaves nothing" --arch p2-p2-p2-p2-p2-f10
expect_error "--arch: an even kernel padded the same" 2 "odd, to pad it the same" --arch c8k4s-f10
expect_error "--arch: no channels" 2 "'c0k3': a convolution has 1 to 1024 output channels, not 0" --arch c0k3-f10
expect_error "--arch: empty" 2 "--arch is empty" --arch ''
expect_ok "--arch f10: softmax regression, no convolution" --arch f10 --train-limit 200 --test-limit 50 --epochs 1 --out "$T/f10"
check "--arch f10: the files it wrote, and only those" grep -qx "Files in $T/f10: epochs.csv, confusion.csv, weights.txt, features0.dat" "$OUT"
expect_error "--arch: a kernel larger than the image" 2 "leaves nothing" --arch c8k15-c8k15-f10
expect_error "--threads" 2 "--threads: must be between 0 and 256, got 300" --threads 300
expect_error "--opt" 2 "--opt: expected sgd, momentum or adam, got 'rmsprop'" --opt rmsprop
expect_error "--lr-schedule" 2 "--lr-schedule: expected constant or cosine, got 'step'" --lr-schedule step
expect_error "--preset" 2 "--preset: the only preset is 'best', got 'fast'" --preset fast
expect_error "weights for another --arch" 2 "layer 1 is K1 4x9, but the --arch wants K1 8x9" \
    --arch c8k3s-p2-c8k3-p2-f16-f10 --load-weights "$T/w0/weights.txt" --train-limit 10 --test-limit 10
printf 'W1 784 10\n' >"$T/bad.txt"
expect_error "a cut weight file" 2 "bad.txt" --arch f10 --load-weights "$T/bad.txt" --train-limit 10
# images of another size than 28 x 28: the network's shapes follow them
idx_sized "$T/sized" train 40 10 12
idx_sized "$T/sized" t10k 20 10 12
expect_ok "10 x 12 images" --data "$T/sized" --epochs 1 --quiet --out "$T/sized-out"
check "10 x 12 images: weights written" test -s "$T/sized-out/weights.txt"
# the options that size buffers, at their limits: no crash, no assert
expect_ok "--batch 60000 (the largest) on 50 images" --batch 60000 --train-limit 50 --test-limit 10 --epochs 1 --quiet --out "$T/lim"
expect_ok "--batch 1 on 5 images" --batch 1 --train-limit 5 --test-limit 1 --epochs 1 --quiet --out "$T/lim"
t_done
