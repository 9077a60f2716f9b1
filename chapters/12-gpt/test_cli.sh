#!/bin/bash
# Chapter 12's program end to end (on one file of the fortunes and tiny models) and on bad input.
#   bash test_cli.sh build/bin/ch12
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}
REF=$(dirname "$0")/reference.py
cp /usr/share/games/fortunes/fortunes "$T/f.txt"    # one file of the corpus: 22 kB of training text
SMALL=(--text "$T/f.txt" --layers 2 --heads 2 --embed 16 --context 16 --batch 4 --steps 30 --warmup 5 --lr 3e-3
       --eval-every 10 --val-slice 1000 --sample 60)

# --- end to end ----------------------------------------------------------------
expect_ok "a small GPT on a slice" "${SMALL[@]}" --out "$D"
cp "$OUT" "$T/stdout.first"
for f in loss.csv summary.csv speed.csv samples.txt attention.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "the Files paragraph lists what it wrote" bash -c "sed -n '/^Files in/,\$p' '$OUT' | tr '\n' ' ' | \
    grep -q 'loss.csv, summary.csv, speed.csv, samples.txt, attention.csv, weights.txt'"
check "loss.csv: a line every 10 steps" test "$(sed 1d "$D/loss.csv" | cut -d, -f1 | tr '\n' ' ')" = "10 20 30 "
check "it learns: the training loss falls below log V" \
    awk -F, -v V="$(grep -o '[0-9]* distinct bytes' "$OUT" | cut -d' ' -f1)" 'END { exit !($2 < log(V)) }' "$D/loss.csv"
check "the whole validation text at the end, in nats and bits" \
    grep -qE '^Validation, the whole text \([0-9]+ bytes, windows of 16\): [0-9.]+ nats a byte, [0-9.]+ bits' "$OUT"
check "the yardsticks: the bigram counts and chapter 11's best" \
    grep -qE '^Yardsticks on the validation text: bigram counts \(add-one\) [0-9.]+ nats a byte' "$OUT"
check "weights.txt: its shape and the bytes of its ids on the first line" \
    grep -qxE '# layers 2 heads 2 embed 16 context 16 vocab 80 bytes [0-9a-f]{160}' "$D/weights.txt"
check "weights.txt: the matrices in the issue's order" test "$(grep -E '^[A-Za-z]' "$D/weights.txt" | cut -d' ' -f1 | \
    tr '\n' ' ')" = "tok pos ln1_g1 ln1_b1 Wqkv1 bqkv1 Wo1 bo1 ln2_g1 ln2_b1 W11 b11 W21 b21 ln1_g2 ln1_b2 Wqkv2 bqkv2 Wo2 bo2 ln2_g2 ln2_b2 W12 b12 W22 b22 lnf_g lnf_b Wout bout "
check "weights.txt: tok 80 16, Wqkv1 16 48, W11 16 64, W21 64 16, Wout 16 80" bash -c "grep -qx 'tok 80 16' '$D/weights.txt' \
    && grep -qx 'Wqkv1 16 48' '$D/weights.txt' && grep -qx 'W11 16 64' '$D/weights.txt' && grep -qx 'W21 64 16' '$D/weights.txt' \
    && grep -qx 'Wout 16 80' '$D/weights.txt'"
check "samples.txt: three temperatures" test "$(grep -c '^Temperature' "$D/samples.txt")" = 3
check "speed.csv: training, and generation with and without the KV cache" \
    test "$(cut -d, -f1 "$D/speed.csv" | tr '\n' '|')" = "what|training|generation with the KV cache|generation without it|"
check "attention.csv: 2 layers x 2 heads x 16 x 16 weights, each row summing to 1" awk -F, 'NR > 1 { n++; s[$1" "$2" "$3] += $5 }
    END { for (k in s) if (s[k] < 0.9999 || s[k] > 1.0001) exit 1; exit n != 1024 }' "$D/attention.csv"
check "attention.csv: the causal mask (no weight on a later byte)" awk -F, 'NR > 1 && $4 > $3 && $5 != 0 { exit 1 }' "$D/attention.csv"
expect_ok "--quiet" "${SMALL[@]}" --out "$T/q" --quiet
check "--quiet: no seconds, no tokens/s" bash -c "! grep -q 'seconds\\|tokens/s\\|bytes/s' '$OUT'"

# --- the same numbers from the same seed; sampling ---------------------------------
expect_ok "seed 1 again" "${SMALL[@]}" --out "$T/again" --quiet
for f in samples.txt weights.txt attention.csv; do
    check "the same seed: the same $f" cmp -s "$D/$f" "$T/again/$f"
done
check "the same seed: the same losses" cmp -s <(cut -d, -f1-4 "$D/loss.csv") <(cut -d, -f1-4 "$T/again/loss.csv")
expect_ok "two threads" "${SMALL[@]}" --out "$T/two" --quiet --threads 2
check "two threads: the same weights, to the bit" cmp -s "$D/weights.txt" "$T/two/weights.txt"
W=(--text "$T/f.txt" --load-weights "$D/weights.txt" --steps 0 --val-slice 100)
expect_ok "from the weights, seed 2" "${W[@]}" --sample 80 --seed 2 --out "$T/s2" --quiet
sed -n '/^80 bytes/,/^Files/p' "$OUT" | sed '$d' >"$T/s2.txt"
expect_ok "from the weights, seed 2 again" "${W[@]}" --sample 80 --seed 2 --out "$T/s2b" --quiet
check "sampling: the same seed, the same text" bash -c "sed -n '/^80 bytes/,/^Files/p' '$OUT' | sed '\$d' | cmp -s - '$T/s2.txt'"
expect_ok "seed 3" "${W[@]}" --sample 80 --seed 3 --out "$T/s3" --quiet
check "sampling: another seed, another text" bash -c "! sed -n '/^80 bytes/,/^Files/p' '$OUT' | sed '\$d' | cmp -s - '$T/s2.txt'"
expect_ok "--top-k 1 is temperature 0" "${W[@]}" --sample 50 --top-k 1 --temperature 1.5 --prompt "The " --out "$T/k1" --quiet
sed -n '/^50 bytes/,/^Files/p' "$OUT" | sed '1d;$d' >"$T/k1.txt"
expect_ok "temperature 0" "${W[@]}" --sample 50 --temperature 0 --prompt "The " --out "$T/t0" --quiet
check "--top-k 1: the same text as temperature 0" bash -c "sed -n '/^50 bytes/,/^Files/p' '$OUT' | sed '1d;\$d' | cmp -s - '$T/k1.txt'"
long=$(printf 'x%.0s' {1..40})
expect_ok "a prompt longer than the context" "${W[@]}" --sample 10 --prompt "$long" --out "$T/long" --quiet
check "a long prompt: the report says the model reads its last T bytes" grep -q "of which the model reads the last 16 bytes" "$OUT"

# --- the gradient against numpy, --check -------------------------------------------------
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    expect_ok "--gradients, 3 sequences of 16" --text "$T/f.txt" --load-weights "$D/weights.txt" --grad-seqs 3 \
        --gradients "$T/g.txt"
    check "--gradients: nothing on stdout" test ! -s "$OUT"
    check "--gradients: the weights' shape line and their matrices" \
        bash -c "head -1 '$T/g.txt' | grep -q '^# layers 2 heads 2 embed 16 context 16 vocab 80' && \
                 diff <(grep -E '^[A-Za-z]' '$T/g.txt') <(grep -E '^[A-Za-z]' '$D/weights.txt') >/dev/null"
    "$PYTHON" "$REF" grad "$D/weights.txt" "$T/f.txt" 3 >"$T/g-numpy.txt"
    # (a floor of 1e-10: the keys' biases get a gradient of exactly 0 in theory, rounding noise of 1e-21 in both,
    # since a bias of the keys adds the same q . b to a whole row of scores, and a softmax ignores that)
    check "--gradients: numpy's, to 1e-9 relative" same_numbers "$T/g.txt" "$T/g-numpy.txt" 1e-9 1e-10
    bigram=$("$PYTHON" "$REF" bigram "$T/f.txt")
    check "the bigram yardstick: numpy's ($bigram)" grep -q "bigram counts (add-one) $bigram nats" "$T/stdout.first"
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi
expect_ok "--check" --check
check "--check: seven layers against finite differences, the model against the tape" \
    test "$(grep -c '(<= 1e-6)' "$OUT") $(grep -c "tape: .*(<= 1e-10)" "$OUT")" = "7 1"

# --- bad input: one line, exit 2 ---------------------------------------------------------
expect_error "--embed not divisible by --heads" 2 "--embed 30 is not divisible by --heads 4" --embed 30 --heads 4
: >"$T/empty.txt"
expect_error "an empty text" 2 "empty.txt: 0 bytes: too short to split" --text "$T/empty.txt"
printf 'A short text, shorter than two windows.\n' >"$T/short.txt"
expect_error "a text shorter than a window" 2 "too few for windows of --context 64" --text "$T/short.txt"
expect_error "a prompt byte outside the vocabulary" 2 "--prompt: byte 3 ('\\x01') is not in the text's vocabulary" \
    --text "$T/f.txt" --prompt $'ab\x01'
expect_error "weights of another text" 2 "its vocabulary is 80 bytes, this text's 114" --load-weights "$D/weights.txt"
expect_error "an option that contradicts the weights" 2 "--embed 32: the weights in $D/weights.txt have embed 16" \
    --text "$T/f.txt" --load-weights "$D/weights.txt" --embed 32
expect_ok "weights of 3 heads of 3 features" --text "$T/f.txt" --layers 1 --heads 3 --embed 9 --context 8 --steps 0 \
    --sample 0 --val-slice 50 --out "$T/h3" --quiet
expect_ok "... loaded with --heads 3, which the file agrees with (128, the default --embed, is not a multiple)" \
    --text "$T/f.txt" --load-weights "$T/h3/weights.txt" --heads 3 --steps 0 --sample 5 --val-slice 50 --out "$T/h3b" --quiet
sed '1s/.*/# layers 2 heads 3 embed 16 context 16 vocab 80/' "$D/weights.txt" >"$T/bad-shape.txt"
expect_error "a shape line that is not a model's" 2 "bad-shape.txt:1: the shape" --text "$T/f.txt" \
    --load-weights "$T/bad-shape.txt"
sed 1d "$D/weights.txt" >"$T/no-shape.txt"
expect_error "weights without their shape line" 2 "no-shape.txt:1: expected the shape" --text "$T/f.txt" \
    --load-weights "$T/no-shape.txt"
# a text of as many distinct bytes, one of them another: its ids stand for other bytes from there on
last=$(LC_ALL=C tr -d '\n' <"$T/f.txt" | LC_ALL=C fold -w1 | LC_ALL=C sort -u | tail -1)
LC_ALL=C tr "$last" '#' <"$T/f.txt" >"$T/other.txt"
if ! grep -q '#' "$T/f.txt"; then
    expect_error "weights of another text of as many distinct bytes" 2 "(weights trained on another text)" \
        --text "$T/other.txt" --load-weights "$D/weights.txt" --steps 0
else
    t_fail "weights of another text of as many distinct bytes" "f.txt has a '#': pick another byte"
fi
sed '1s/ bytes ../ bytes zz/' "$D/weights.txt" >"$T/bad-bytes.txt"
expect_error "a vocabulary that is not hex" 2 "bad-bytes.txt:1: after 'bytes', expected the 80 bytes of the vocabulary" \
    --text "$T/f.txt" --load-weights "$T/bad-bytes.txt"
sed '1s/ bytes .*//' "$D/weights.txt" >"$T/no-bytes.txt"
expect_ok "a weight file written before the bytes were listed: still read" --text "$T/f.txt" \
    --load-weights "$T/no-bytes.txt" --steps 0 --sample 5 --val-slice 50 --out "$T/nb" --quiet
head -40 "$D/weights.txt" >"$T/cut.txt"
expect_error "a cut weight file" 2 "cut.txt" --text "$T/f.txt" --load-weights "$T/cut.txt"
expect_error "--temperature below 0" 2 "--temperature: must be 0 or more, got -1" --temperature -1
expect_error "--clip below 0" 2 "--clip: must be 0 or more, got -1" --clip -1
expect_error "--weight-decay below 0" 2 "--weight-decay: must be 0 or more, got -0.5" --weight-decay -0.5
expect_error "too many --grad-seqs" 2 "--grad-seqs 5000: 5000 sequences of 16" --text "$T/f.txt" \
    --load-weights "$D/weights.txt" --grad-seqs 5000 --gradients "$T/g2.txt"
expect_error "an unwritable gradients file" 1 "cannot write" --text "$T/f.txt" --load-weights "$D/weights.txt" \
    --gradients /nonexistent/dir/g.txt

if command -v script >/dev/null 2>&1; then
    script -qec "'$PROG' ${SMALL[*]} --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
    check "a progress bar on a terminal" grep -q 'training \[#' "$T/tty.txt"
fi
t_done
