#!/bin/bash
# Chapter 10's program end to end (on slices of the word list's examples) and on bad input.
#   bash test_cli.sh build/bin/ch10
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
REF=$(dirname "$0")/reference.py
WORDS=/usr/share/dict/words
SLICE=(--train-limit 20000 --hidden 50 --sample 8)
grep -E '^[a-z]+$' "$WORDS" | head -2000 >"$T/some-words.txt"   # small evaluation sets: quick with sanitizers
SOME=(--words "$T/some-words.txt")

# --- end to end: the four parts, the test set, the files --------------------
expect_ok "runs on a slice" "${SLICE[@]}" --epochs 2 --out "$D"
for f in bigram.csv counting.csv onelayer.csv epochs.csv samples.csv weights.txt embedding.csv; do
    check "writes $f" test -s "$D/$f"
done
check "the Files paragraph lists what it wrote" test "$(sed -n '/^Files in/,$p' "$OUT" | sed "s|^Files in $D:||" |
    tr ', ' '\n\n' | grep -v '^$' | tr '\n' ' ')" = "bigram.csv onelayer.csv counting.csv epochs.csv samples.csv weights.txt embedding.csv "
check "the words: 63875 usable, the rest said" grep -q "^Chapter 10: a language model of the 63875 words of $WORDS" "$OUT"
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    read -r btrain bval <<<"$("$PYTHON" "$REF" bigram "$WORDS")"
    check "part 1: the counting model's losses, as numpy counts them ($btrain, $bval)" \
        grep -q "training pairs $btrain, validation pairs $bval nats" "$OUT"
fi
# part 2: the one-layer network ends within 0.001 of the counts' own (unsmoothed) training loss
read -r net counts <<<"$(sed -n 's/^  training pairs \([0-9.]*\) (the counts, unsmoothed: \([0-9.]*\)).*/\1 \2/p' "$OUT")"
check "part 2: the network reaches the counting model ($net against $counts)" near "$net" "$counts" 0.001
check "part 2: onelayer.csv falls from log 27" awk -F, 'NR == 2 { a = $2 } END { exit !(a > 3 && $2 < 2.48) }' "$D/onelayer.csv"
check "part 3: a line per epoch" test "$(grep -cE '^ +[12] +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+$' "$OUT")" = 2
# (the first 20000 examples are of the words from a to b: the validation words are mostly others)
check "part 3: learns: the training loss falls, and ends below the counting model's" \
    awk -F, -v b="${btrain:-2.4705}" 'NR == 2 { v = $3 } END { exit !($3 < v && $3 < b) }' "$D/epochs.csv"
check "part 4: 8 words, the real ones marked" test "$(sed -n '/^Part 4/{n;p}' "$OUT" | wc -w)" = 8
marked=$(sed -n '/^Part 4/{n;p}' "$OUT" | tr ' ' '\n' | sed -n 's/\*$//p')
check "part 4: every word marked * is in the list" bash -c "for w in $marked; do grep -qx \"\$w\" $WORDS || exit 1; done"
check "the test set, once, at the end" test "$(grep -c '^Test set, used once: [0-9.]* nats per character' "$OUT")" = 1
check "samples.csv: three temperatures of 12" test "$(sed 1d "$D/samples.csv" | cut -d, -f1 | uniq -c | wc -l)" = 3
check "embedding.csv: 27 characters, the vowels marked" \
    bash -c "test \$(grep -c ',1\$' '$D/embedding.csv') = 5 && test \$(grep -cv '^#' '$D/embedding.csv') = 28"
check "weights.txt: C 27 10, W1 30 50, b1, W2 50 27, b2" \
    test "$(grep -E "^[A-Za-z]" "$D/weights.txt" | tr "\n" " ")" = "C 27 10 W1 30 50 b1 1 50 W2 50 27 b2 1 27 "

# --- the same numbers from the same seed; sampling ---------------------------
expect_ok "seed 1 again" "${SLICE[@]}" --epochs 2 --out "$T/again" --quiet
check "the same seed: the same weights" cmp -s "$D/weights.txt" "$T/again/weights.txt"
expect_ok "from the weights, no training, temperature 0" --load-weights "$D/weights.txt" --hidden 50 --epochs 0 --sample 5 \
    --temperature 0 --out "$T/t0"
check "temperature 0: the likeliest word, five times" \
    test "$(sed -n '/^Part 4/{n;p}' "$OUT" | tr ' ' '\n' | grep -v '^$' | sort -u | wc -l)" = 1
expect_ok "from the weights, seed 2" --load-weights "$D/weights.txt" --hidden 50 --epochs 0 --sample 20 --seed 2 --out "$T/s2"
sed -n '/^Part 4/{n;p}' "$OUT" >"$T/s2.txt"
expect_ok "from the weights, seed 2 again" --load-weights "$D/weights.txt" --hidden 50 --epochs 0 --sample 20 --seed 2 \
    --out "$T/s2b"
check "sampling: the same seed, the same words" bash -c "sed -n '/^Part 4/{n;p}' '$OUT' | cmp -s - '$T/s2.txt'"
expect_ok "--steps 50 instead of epochs" "${SOME[@]}" --train-limit 5000 --steps 50 --sample 0 --out "$T/steps"
check "--steps 50: 50 steps" grep -q "batches of 128, 50 steps" "$OUT"

# --- the gradient against numpy ----------------------------------------------
expect_ok "--gradients over 3000 examples" --load-weights "$D/weights.txt" --hidden 50 --train-limit 3000 --gradients "$T/g.txt"
check "--gradients: nothing on stdout" test ! -s "$OUT"
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    "$PYTHON" "$REF" grad "$D/weights.txt" "$WORDS" 3000 >"$T/g-numpy.txt"
    check "--gradients: numpy's, to 1e-9 relative" same_numbers "$T/g.txt" "$T/g-numpy.txt" 1e-9
    expect_ok "--gradients of another shape (context 2, embed 3, hidden 7)" --context 2 --embed 3 --hidden 7 \
        --train-limit 500 --gradients "$T/g2.txt" --seed 4
    expect_ok "... its starting weights" --context 2 --embed 3 --hidden 7 --epochs 0 --sample 0 --seed 4 --out "$T/w2" --quiet
    "$PYTHON" "$REF" grad "$T/w2/weights.txt" "$WORDS" 500 >"$T/g2-numpy.txt"
    check "... numpy's, to 1e-9 relative" same_numbers "$T/g2.txt" "$T/g2-numpy.txt" 1e-9
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- another word list --------------------------------------------------------
{ printf 'Zebra\n'; for k in $(seq 1 30); do printf 'ab%s\n' "$(printf '%d' $k | tr 0-9 a-j)"; done; } >"$T/list.txt"
expect_ok "--words: a list of 30 words and a capital" --words "$T/list.txt" --epochs 1 --sample 3 --out "$T/list"
check "--words: what was left out, said" grep -q "(1 of its 31 lines left out: not lowercase letters a-z only, or longer than 40, e.g. 'Zebra')" "$OUT"

# --- bad input: one line, exit 2 ---------------------------------------------
expect_error "--context 0" 2 "--context: must be between 1 and 16, got 0" --context 0
expect_error "--embed too large" 2 "--embed: must be between 1 and 256, got 1000" --embed 1000
expect_error "--temperature below 0" 2 "--temperature: must be 0 or more, got -1" --temperature -1
expect_error "weights of another context" 2 "W1 is 30x50, but this model's W1 is 40x50" --context 4 --hidden 50 \
    --load-weights "$D/weights.txt"
expect_error "weights of another hidden size" 2 "W1 is 30x50, but this model's W1 is 30x200" --load-weights "$D/weights.txt"
head -5 "$D/weights.txt" >"$T/cut.txt"
expect_error "a cut weight file" 2 "cut.txt" --load-weights "$T/cut.txt"
expect_error "an unwritable gradients file" 1 "cannot write" --train-limit 10 --gradients /nonexistent/dir/g.txt

# --- the options that size buffers, at their limits ---------------------------
expect_ok "--batch 65536 (the largest) on 300 examples" "${SOME[@]}" --batch 65536 --train-limit 300 --epochs 1 --sample 1 --quiet \
    --out "$T/lim"
expect_ok "--batch 1" "${SOME[@]}" --batch 1 --train-limit 30 --epochs 1 --sample 1 --quiet --out "$T/lim"
expect_ok "--context 16 --embed 256 (4096 numbers a context)" --context 16 --embed 256 --hidden 4 --train-limit 100 \
    "${SOME[@]}" --epochs 1 --sample 1 --quiet --out "$T/lim"

if command -v script >/dev/null 2>&1; then
    script -qec "'$PROG' --train-limit 20000 --epochs 1 --sample 0 --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "a progress bar on a terminal" grep -q 'epoch 1 \[#' "$T/tty.txt"
fi
t_done
