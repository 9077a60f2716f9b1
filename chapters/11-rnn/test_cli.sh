#!/bin/bash
# Chapter 11's program end to end (on a slice of the fortunes and tiny models) and on bad input.
#   bash test_cli.sh build/bin/ch11
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
REF=$(dirname "$0")/reference.py
FORTUNES=/usr/share/games/fortunes
cp "$FORTUNES/fortunes" "$T/f.txt"          # one file of the corpus, its 431 fortunes: 22 kB of training text
SMALL=(--text "$T/f.txt" --hidden 16 --seq 16 --batch 8 --steps 30 --eval-every 10 --val-slice 1000 --sample 60)

# --- end to end ----------------------------------------------------------------
expect_ok "an lstm on a slice" "${SMALL[@]}" --out "$D"
for f in loss.csv summary.csv samples.txt state.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "the Files paragraph lists what it wrote" grep -q "^Files in $D: loss.csv, summary.csv, samples.txt, state.csv, weights.txt" "$OUT"
check "loss.csv: a line every 10 steps" test "$(sed 1d "$D/loss.csv" | cut -d, -f1 | tr '\n' ' ')" = "10 20 30 "
check "it learns: the training loss falls below log V" \
    awk -F, -v V="$(grep -o '[0-9]* distinct bytes' "$OUT" | cut -d' ' -f1)" 'END { exit !($2 < log(V)) }' "$D/loss.csv"
check "the whole validation text at the end, in nats and bits" grep -qE '^Validation, the whole text \([0-9]+ bytes\): [0-9.]+ nats a byte, [0-9.]+ bits' "$OUT"
check "the bigram yardstick, in nats and bits" grep -qE '^The yardstick, bigram counts .*: validation [0-9.]+ nats a byte, [0-9.]+ bits' "$OUT"
check "weights.txt: the lstm's five matrices" \
    bash -c "test \"\$(grep -E '^[A-Za-z]' '$D/weights.txt' | cut -d' ' -f1 | tr '\n' ' ')\" = 'Wx Wh b Why by '"
V=$(awk '$1 == "Why" { print $3 }' "$D/weights.txt")
check "weights.txt: Wx V 64, Wh 16 64, b 1 64, Why 16 V, by 1 V" \
    test "$(grep -E "^[A-Za-z]" "$D/weights.txt" | tr "\n" " ")" = "Wx $V 64 Wh 16 64 b 1 64 Why 16 $V by 1 $V "
check "samples.txt: three temperatures" test "$(grep -c '^Temperature' "$D/samples.txt")" = 3
check "state.csv: the unit and what it follows, then 600 characters" \
    bash -c "head -1 '$D/state.csv' | grep -q '^col,row,unit [0-9]*: correlation [-+][0-9.]* with ' && test \$(sed 1d '$D/state.csv' | wc -l) = 600"
expect_ok "a tanh rnn on the slice" "${SMALL[@]}" --cell rnn --out "$T/rnn" --quiet
check "weights.txt: Wxh V 16, Whh 16 16, bh 1 16, Why 16 V, by 1 V" \
    test "$(grep -E "^[A-Za-z]" "$T/rnn/weights.txt" | tr "\n" " ")" = "Wxh $V 16 Whh 16 16 bh 1 16 Why 16 $V by 1 $V "
check "--quiet: no seconds" bash -c "! grep -q 'seconds\\|ms a step' '$OUT'"

# --- the same numbers from the same seed; sampling ---------------------------------
expect_ok "seed 1 again" "${SMALL[@]}" --out "$T/again" --quiet
for f in loss.csv samples.txt weights.txt; do
    check "the same seed: the same $f" cmp -s "$D/$f" "$T/again/$f"
done
W=(--text "$T/f.txt" --hidden 16 --load-weights "$D/weights.txt" --steps 0 --val-slice 1000)
expect_ok "from the weights, seed 2" "${W[@]}" --sample 80 --seed 2 --out "$T/s2"
sed -n '/^80 characters/,/^What single/p' "$OUT" >"$T/s2.txt"
expect_ok "from the weights, seed 2 again" "${W[@]}" --sample 80 --seed 2 --out "$T/s2b"
check "sampling: the same seed, the same text" bash -c "sed -n '/^80 characters/,/^What single/p' '$OUT' | cmp -s - '$T/s2.txt'"
expect_ok "seed 3" "${W[@]}" --sample 80 --seed 3 --out "$T/s3"
check "sampling: another seed, another text" bash -c "! sed -n '/^80 characters/,/^What single/p' '$OUT' | cmp -s - '$T/s2.txt'"
expect_ok "temperature 0" "${W[@]}" --sample 40 --temperature 0 --prompt "The " --out "$T/t0"
greedy=$(sed -n '/^40 characters/{n;p}' "$OUT" | sed 's/^  //')
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    want=$("$PYTHON" "$REF" greedy "$D/weights.txt" "$T/f.txt" "The " 40 | head -1)
    check "temperature 0: numpy's argmax string ('$want')" test "$greedy" = "$want"
fi
expect_ok "--epochs 1 instead of --steps" --text "$T/f.txt" --hidden 8 --seq 32 --batch 8 --epochs 1 --sample 0 \
    --out "$T/ep" --quiet
check "--epochs 1: the steps of one pass over the training text" \
    bash -c "grep -q 'an epoch is \\([0-9]*\\) steps' '$OUT' && test \"\$(sed -n 's/.*an epoch is \\([0-9]*\\) steps.*/\\1/p' '$OUT')\" = \"\$(tail -1 '$T/ep/loss.csv' | cut -d, -f1)\""
expect_ok "--reset 1: every chunk from a zero state" "${SMALL[@]}" --reset 1 --out "$T/reset" --quiet
check "--reset 1: another training" bash -c "! cmp -s '$D/weights.txt' '$T/reset/weights.txt'"

# --- the gradient against numpy -------------------------------------------------------
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    for cell in rnn lstm; do
        w=$D/weights.txt
        [ $cell = rnn ] && w=$T/rnn/weights.txt
        expect_ok "--gradients, $cell, 5 sequences of 16" --text "$T/f.txt" --cell $cell --hidden 16 --load-weights "$w" \
            --seq 16 --grad-seqs 5 --gradients "$T/g-$cell.txt"
        check "--gradients: nothing on stdout" test ! -s "$OUT"
        "$PYTHON" "$REF" grad "$w" "$T/f.txt" 5 16 >"$T/g-$cell-numpy.txt"
        check "--gradients, $cell: numpy's, to 1e-9 relative" same_numbers "$T/g-$cell.txt" "$T/g-$cell-numpy.txt" 1e-9
    done
    expect_ok "--gradients of the starting lstm on the fortunes (2 of 64)" --hidden 5 --grad-seqs 2 --seed 3 --gradients "$T/g0.txt"
    expect_ok "... its starting weights" --hidden 5 --seed 3 --steps 0 --val-slice 2 --sample 0 --quiet --out "$T/w0"
    "$PYTHON" "$REF" grad "$T/w0/weights.txt" "$FORTUNES" 2 64 >"$T/g0-numpy.txt"
    check "... numpy's on the fortunes, to 1e-9 relative" same_numbers "$T/g0.txt" "$T/g0-numpy.txt" 1e-9
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- the gradient-norm study, tiny ---------------------------------------------------------
expect_ok "--study, tiny" --study --text "$T/f.txt" --hidden 16 --seq 24 --batch 8 --steps 10 --out "$T/study"
check "gradnorm.csv: the small start's norm falls 100-fold back through 23 steps, the large one's grows" \
    awk -F, 'NR == 2 { s = $2; l = $3 } END { exit !($2 < s / 100 && $3 > l) }' "$T/study/gradnorm.csv"
check "clip.csv: 10 steps, with and without clipping" test "$(sed 1d "$T/study/clip.csv" | wc -l)" = 10

# --- bad input: one line, exit 2 ---------------------------------------------------------
: >"$T/empty.txt"
expect_error "an empty text" 2 "empty.txt: 0 bytes: too short to split" --text "$T/empty.txt"
printf 'a' >"$T/one.txt"
expect_error "a one-character text" 2 "one.txt: 1 bytes: too short to split" --text "$T/one.txt"
expect_error "--seq 0" 2 "--seq: must be between 1 and 4096, got 0" --seq 0
printf 'A short text, shorter than a chunk.\n' >"$T/short.txt"
expect_error "a text shorter than a chunk" 2 "short.txt: 33 bytes of training text, too few for a chunk of --seq 64" \
    --text "$T/short.txt"
expect_error "a prompt byte outside the vocabulary" 2 "--prompt: byte 3 ('\\x01') is not in the text's vocabulary" \
    --text "$T/f.txt" --prompt $'ab\x01' --hidden 4
expect_error "an lstm's weights for an rnn" 2 "expected the header 'Wxh 80 16', found 'Wx' (an lstm's weights: give --cell lstm)" --text "$T/f.txt" --cell rnn --hidden 16 --load-weights "$D/weights.txt"
expect_error "weights of another hidden size" 2 "Wx is 80x64, but this model's Wx is 80x32" --text "$T/f.txt" --hidden 8 \
    --load-weights "$D/weights.txt"
expect_error "weights of another vocabulary" 2 "Wx is 80x64, but this model's Wx is 114x64" --hidden 16 --load-weights "$D/weights.txt"
head -5 "$D/weights.txt" >"$T/cut.txt"
expect_error "a cut weight file" 2 "cut.txt" --text "$T/f.txt" --hidden 16 --load-weights "$T/cut.txt"
expect_error "--temperature below 0" 2 "--temperature: must be 0 or more, got -1" --temperature -1
expect_error "--clip below 0" 2 "--clip: must be 0 or more, got -1" --clip -1
expect_error "--epochs and --steps" 2 "give one of them" --epochs 1 --steps 5
expect_error "too many --grad-seqs" 2 "--grad-seqs 1000: 1000 sequences of 64" --text "$T/f.txt" --grad-seqs 1000 \
    --gradients "$T/g.txt"
expect_error "an unwritable gradients file" 1 "cannot write" --text "$T/f.txt" --hidden 4 --gradients /nonexistent/dir/g.txt

if command -v script >/dev/null 2>&1; then
    script -qec "'$PROG' ${SMALL[*]} --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "a progress bar on a terminal" grep -q 'training \[#' "$T/tty.txt"
fi
t_done
