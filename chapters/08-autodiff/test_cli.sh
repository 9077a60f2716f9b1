#!/bin/bash
# Chapter 08's program end to end, against the chapters whose backward passes
# were written by hand (02, 03, 04: their programs, through the files both
# write), against numpy for --expr, and on bad input.
#   bash test_cli.sh build/bin/ch08
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
BIN=$(dirname "$PROG")
PYTHON=${PYTHON:-/usr/bin/python3}
D=$T/out

# --- every operation checked ----------------------------------------------------------
expect_ok "--check: both engines against central differences" --check
check "--check: passed" grep -q "^Checked: PASSED" "$OUT"
check "--check: x * x, x / x and a node used three times are among the cases" \
    bash -c "grep -q '^  a \* a  ' '$OUT' && grep -q '^  a / a  ' '$OUT' && grep -q '^  a \* a \* a  ' '$OUT'"
check "--check: every matrix operation" test "$(grep -cE '^  (sum\(|softmax_ce|a [0-9-]+ (sigmoid )?network)' "$OUT")" = 12

# --- the default run ---------------------------------------------------------------------
expect_ok "the default run (spirals, 300 epochs)" --epochs 300 --out "$D"
for f in graph-neuron.dot graph-network.dot weights0.txt gradients.txt loss.csv weights.txt; do
    check "writes $f" test -s "$D/$f"
done
check "the neuron's gradient: do/dw1 = (1 - o^2) x1 = 1.9221" grep -qE '^  w1 +0\.5000 +1\.9221$' "$OUT"
check "the 2-2-1 network: scalars and tape equal" grep -q "^9 of 9 gradients equal to the last bit" "$OUT"
check "a graph of the network: 31 value nodes" test "$(grep -c 'shape=record' "$D/graph-network.dot")" = 31
check "x1 is used by two products: two edges leave it" test "$(grep -c '^  v0 -> ' "$D/graph-network.dot")" = 2
check "loss.csv: a line per epoch" test "$(($(wc -l <"$D/loss.csv") - 1))" = 300
if command -v dot >/dev/null 2>&1; then
    check "Graphviz reads the graph" dot -Tpng "$D/graph-network.dot" -o "$T/g.png"
fi
expect_ok "--quiet" --epochs 10 --quiet --out "$T/q"
check "--quiet: the summary only" test "$(wc -l <"$OUT")" = 1

# --- the tape against the hand-written chapters, through their files --------------------
H=$T/hand
expect_ok "--task xor, chapter 02's defaults" --task xor --out "$T/xor"
check "--task: that network alone, without part 1" bash -c "! grep -q '^Part 1' '$OUT' && test ! -e '$T/xor/graph-neuron.dot'"
"$BIN/ch02" --quiet --out "$H/xor" >/dev/null
check "--task xor ends with chapter 02's weights (1e-12)" same_numbers "$T/xor/weights.txt" "$H/xor/weights.txt" 1e-12
check "... to the last bit, on this machine" cmp -s <(grep -v '^#' "$T/xor/weights.txt") <(grep -v '^#' "$H/xor/weights.txt")
"$BIN/ch03" --load-weights "$D/weights0.txt" --gradients "$H/g03.txt"
check "spirals: the tape's gradient equals chapter 03's --gradients (1e-12)" \
    same_numbers "$D/gradients.txt" "$H/g03.txt" 1e-12
expect_ok "--gradients, spirals" --load-weights "$D/weights0.txt" --gradients "$T/g08.txt"
check "--gradients: the same file as the default run's gradients.txt" \
    cmp -s <(grep -v '^#' "$T/g08.txt") <(grep -v '^#' "$D/gradients.txt")
"$BIN/ch03" --load-weights "$D/weights0.txt" --epochs 300 --quiet --out "$H/s" >/dev/null
check "spirals: 300 epochs through the tape end with chapter 03's weights (1e-12)" \
    same_numbers "$D/weights.txt" "$H/s/weights.txt" 1e-12
check "spirals: the same loss every epoch (1e-12)" bash -c "paste -d, '$D/loss.csv' '$H/s/loss.csv' |
    awk -F, 'NR > 1 { d = \$2 - \$4; if (d < 0) d = -d; if (d > 1e-12 * \$4) exit 1 }'"
expect_ok "--against chapter 03's gradient" --load-weights "$D/weights0.txt" --against "$H/g03.txt" --out "$T/ag"
check "--against: 105 numbers, all equal" grep -q "105 numbers, 105 equal to the last bit" "$OUT"
check "--against: agreement.csv, a line per number" test "$(($(wc -l <"$T/ag/agreement.csv") - 1))" = 105
if [ -f "$FASHION/train-images-idx3-ubyte.gz" ]; then
    F=(--task fashion --train-limit 600 --test-limit 100)
    "$BIN/ch04" --train-limit 600 --test-limit 100 --epochs 0 --quiet --out "$H/w4" >/dev/null
    expect_ok "--gradients, fashion" "${F[@]}" --load-weights "$H/w4/weights.txt" --gradients "$T/g8f.txt"
    "$BIN/ch04" --train-limit 600 --load-weights "$H/w4/weights.txt" --gradients "$H/g4f.txt"
    check "fashion: the tape's gradient equals chapter 04's --gradients (1e-12)" same_numbers "$T/g8f.txt" "$H/g4f.txt" 1e-12
    expect_ok "fashion: two epochs through the tape" "${F[@]}" --epochs 2 --out "$T/f"
    check "fashion: one report line per epoch" test "$(grep -cE '^ +[12] +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9.]+% ' "$OUT")" = 2
    "$BIN/ch04" --train-limit 600 --test-limit 100 --epochs 2 --quiet --out "$H/f" >/dev/null
    check "fashion: two epochs end with chapter 04's weights (1e-12)" same_numbers "$T/f/weights.txt" "$H/f/weights.txt" 1e-12
    check "fashion: the same epochs.csv as chapter 04's" cmp -s "$T/f/epochs.csv" "$H/f/epochs.csv"
    expect_ok "fashion --hidden 0: softmax regression" "${F[@]}" --hidden 0 --epochs 1 --quiet --out "$T/f0"
    "$BIN/ch04" --train-limit 600 --test-limit 100 --hidden 0 --epochs 1 --quiet --out "$H/f0" >/dev/null
    check "... chapter 04's weights too (1e-12)" same_numbers "$T/f0/weights.txt" "$H/f0/weights.txt" 1e-12
    if command -v script >/dev/null 2>&1; then
        script -qec "'$PROG' ${F[*]} --epochs 1 --out '$T/tty'" /dev/null >"$T/tty.txt" 2>&1
        check "fashion: a progress bar on a terminal" grep -q 'epoch 1/1 \[#' "$T/tty.txt"
    fi
fi

# --- --expr, against numpy's forward mode ----------------------------------------------------
expr_case() { # expr_case TEXT NAMES
    expect_ok "--expr '$1'" --expr "$1" --set "$2" --out "$T/e"
    if "$PYTHON" -c 'import numpy' 2>/dev/null; then
        "$PYTHON" chapters/08-autodiff/reference.py expr "$1" "$2" >"$T/np.csv"
        check "--expr '$1': the value and gradient equal numpy's dual numbers (1e-12)" bash -c "paste -d, '$T/e/expr.csv' \
            '$T/np.csv' | awk -F, 'NR == 1 { next } \$1 != \$4 { exit 1 } { for (c = 2; c <= 3; c++) {
                d = \$c - \$(c + 3); d = d < 0 ? -d : d; s = \$c < 0 ? -\$c : \$c; if (s < 1e-12) s = 1e-12
                if (d / s > 1e-12) exit 1 } } END { if (NR < 2) exit 1 }'"
    fi
}
expr_case "tanh(x*w1 + y*w2 + b)" "x=1,y=2,w1=0.5,w2=-1,b=0.1"
expr_case "x*x*x + x/x - log(x)^2" "x=1.7"
expr_case "-x^2 + sigmoid(-y)*exp(x/y) + relu(x - y) - relu(y)" "x=0.3,y=-1.2"
expr_case "(a - b)^-1.5 / (1 + exp(-a*b))" "a=2.5,b=0.25"
expect_ok "--expr: x * x" --expr "x * x" --set x=3 --out "$T/e"
check "d(x * x)/dx = 6: a node used twice adds its two contributions" grep -qx "x,3,6" "$T/e/expr.csv"
check "--expr writes graph-expr.dot" test -s "$T/e/graph-expr.dot"
expect_ok "--expr: a number alone" --expr "2.5" --out "$T/e"
check "... its value" grep -qx "f,2.5,1" "$T/e/expr.csv"

# --- bad expressions, as a compiler reports them ------------------------------------------
expect_error "--expr: an unknown name" 2 "--expr 'x + z', position 5: unknown name 'z' (--set gives x)" \
    --expr "x + z" --set x=1
expect_error "--expr: an unknown function" 2 "position 1: unknown function 'sin' (the functions are exp, log, tanh," \
    --expr "sin(x)" --set x=1
expect_error "--expr: an unclosed bracket" 2 "position 5: '(' is never closed" --expr "tanh((x + 1)" --set x=1
expect_error "--expr: a bracket too many" 2 "position 6: ')' without a '(' before it" --expr "x + 1)" --set x=1
expect_error "--expr: a missing operand" 2 "position 4: expected a number, a name or '(' after '*', found '+'" \
    --expr "x *+ y" --set x=1,y=2
expect_error "--expr: an operand missing at the end" 2 "position 5: the expression ends after '-': an operand is missing" \
    --expr "x - " --set x=1
expect_error "--expr: a missing operator" 2 "position 3: unexpected 'y': an operator is missing before it?" \
    --expr "x y" --set x=1,y=2
expect_error "--expr: an empty call" 2 "position 5: expected a number, a name or '(' after '(', found ')'" \
    --expr "exp()"
expect_error "--expr: a function without brackets" 2 "'exp' is a function: write exp(...)" --expr "exp + 1"
expect_error "--expr: an exponent that is not a number" 2 "position 3: the exponent after '^' must be a number" \
    --expr "x^y" --set x=1,y=2
expect_error "--expr: empty" 2 "--expr is empty" --expr "  "
expect_error "--expr: a character outside the language" 2 "position 3: '@' is not part of the language" --expr "x @ y" --set x=1,y=2
expect_error "--expr: Python's power" 2 "position 2: '**' is not an operator here: a power is written a^k" --expr "x**2" --set x=1
expect_error "--expr: an overflow" 2 "position 1: 'exp' of 1000 gives inf, not a finite number" --expr "exp(x)" --set x=1000
expect_error "--expr: log of 0" 2 "position 1: log of 0: log needs a number greater than 0" --expr "log(x - 1)" --set x=1
expect_error "--expr: division by 0" 2 "position 3: division by 0" --expr "1 / (x - x)" --set x=2
expect_error "--expr: no derivative" 2 "the derivative by x is inf" --expr "x^0.5" --set x=0
expect_error "--expr: too deep" 2 "nested more than 200 deep" --expr "$(printf '(%.0s' $(seq 300))x"
expect_error "--set: no value" 2 "--set: 'x' has no value: write x=NUMBER" --expr x --set x
expect_error "--set: not a number" 2 "--set: y: 'two' is not a finite number" --expr x --set x=1,y=two
expect_error "--set: a name twice" 2 "--set: x is given twice" --expr x --set x=1,x=2
expect_error "--set: a function's name" 2 "--set: 'exp' is a function, not a name" --expr x --set exp=1
expect_error "--set: a trailing comma" 2 "--set: nothing after the last ','" --expr x --set x=1,
expect_error "--expr: a control character" 2 "--expr: a control character (0x0a) at position 2" --expr "$(printf 'x\n+ 1')" --set x=1
expect_error "--set without --expr" 2 "--set gives the names of an --expr" --set x=1
# random garbage: an error line or an answer, never a crash (a tiny fuzz; make fuzz has none for --expr)
bad=0
mapfile -t texts < <(awk 'BEGIN { c = "xy()+-*/^ 1.e5tanhlogexp,"
    for (s = 1; s <= 40; s++) { srand(s); n = 1 + int(rand() * 14)
        for (i = 0; i < n; i++) printf "%s", substr(c, 1 + int(rand() * length(c)), 1); printf "\n" } }')
for text in "${texts[@]}"; do
    "$PROG" --expr "$text" --set x=0.5,y=2 --quiet --out "$T/fz" >"$T/fz.out" 2>"$T/fz.err"
    rc=$?
    mapfile -t lines <"$T/fz.err"
    { [ $rc = 0 ] && [ ${#lines[@]} = 0 ]; } || { [ $rc = 2 ] && [ ${#lines[@]} = 1 ]; } ||
        { bad=$((bad + 1)); echo "   --expr '$text': exit $rc, $(head -c 200 "$T/fz.err")"; }
done
check "40 random expressions: each an answer or one error line" test $bad = 0

# --- bad options -------------------------------------------------------------------------
expect_error "--task" 2 "--task: expected xor, spirals or fashion, got 'mnist'" --task mnist
expect_error "--layers for fashion" 2 "--layers is for --task xor and spirals" --task fashion --layers 784,10
expect_error "--hidden for spirals" 2 "--hidden is for --task xor and fashion; spirals takes --layers" --hidden 5
expect_error "--batch for spirals" 2 "--batch, --shuffle, --train-limit and --test-limit are for --task fashion" --batch 8
expect_error "--expr with --task" 2 "--expr differentiates an expression" --expr x --set x=1 --task xor
expect_error "--check with weights" 2 "--check checks the operations on its own small examples" --check --load-weights w
expect_error "--gradients and --against" 2 "--gradients and --against: give one" --gradients a --against b
expect_error "--layers that do not fit the data" 2 "spirals.csv has 3 columns, but a network of 3 inputs and 1 output needs 4" \
    --layers 3,4,1
expect_error "--check with a training option" 2 "it takes no --task, weights or training options such as --lr" --check --lr 0.1
expect_error "--expr with a training option" 2 "it takes only --set, --out and --quiet, not --epochs" --expr x --set x=1 --epochs 3
printf 'W1 2 2\n1 2\n3 4\nb1 1 2\n0 0\n' >"$T/w22.txt"
expect_error "--against a file of other shapes" 2 "w22.txt: its shapes differ from the network's" \
    --load-weights "$D/weights0.txt" --against "$T/w22.txt" --out "$T/ag2"
expect_error "--load-weights with other --layers" 2 "its layer sizes differ from --layers" \
    --load-weights "$D/weights0.txt" --layers 2,4,1
# images of another size than 28 x 28: chapter 04's network on their pixels
idx_sized "$T/sized" train 40 10 12
idx_sized "$T/sized" t10k 20 10 12
expect_ok "--task fashion on 10 x 12 images" --task fashion --data "$T/sized" --epochs 1 --quiet --out "$T/sized-out"
check "10 x 12 images: a 120-H-10 network" grep -q '^W1 120 ' "$T/sized-out/weights.txt"
# the options that size buffers, at their limits: no crash, no assert
expect_ok "--batch 60000 (the largest) on 50 images" --batch 60000 --train-limit 50 --test-limit 10 --epochs 1 --task fashion --quiet --out "$T/lim"
expect_ok "--batch 1 on 5 images" --batch 1 --train-limit 5 --test-limit 1 --epochs 1 --task fashion --quiet --out "$T/lim"
t_done
