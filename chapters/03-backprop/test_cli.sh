#!/bin/bash
# Chapter 03's program end to end and on bad input.   bash test_cli.sh build/bin/ch03
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
D=$T/out
PYTHON=${PYTHON:-/usr/bin/python3}

# --- end to end -------------------------------------------------------------
expect_ok "runs with its defaults" --out "$D"
check "the gradient check passes" grep -q "^verdict: PASSED" "$OUT"
check "the table has one row per layer" test "$(grep -cE '^ +[123] +[0-9]+ +[0-9.e+-]+ +[0-9.e+-]+$' "$OUT")" = 3
for f in eps.csv loss.csv weights.txt grid.dat samples.csv; do
    check "writes $f" test -s "$D/$f"
done
check "eps.csv: eps from 1e-1 to 1e-12" test "$(sed -n '2p;$p' "$D/eps.csv" | cut -d, -f1 | tr '\n' ' ')" = "0.10000000000000001 9.9999999999999998e-13 "
check "eps study: central beats forward at 1e-4" awk -F, '$1 > 0.9e-4 && $1 < 1.1e-4 { exit !($2 < $3) }' "$D/eps.csv"
check "eps study: the V (error at 1e-12 and 1e-1 above the best)" awk -F, 'NR > 1 { if (min == "" || $2 < min) min = $2; v[NR] = $2 } END { exit !(v[2] > 100 * min && v[NR] > 100 * min) }' "$D/eps.csv"
check "learns the spirals" grep -q "100.0% of the samples" "$OUT"
check "loss.csv: 4000 epochs" test "$(($(wc -l <"$D/loss.csv") - 1))" = 4000
check "--make-data spirals makes data/spirals.csv" bash -c "'$PROG' --make-data spirals | cmp - data/spirals.csv"
check "--turns 1.5 --points 200: the page's harder spirals, 200 samples" \
    test "$("$PROG" --make-data spirals --turns 1.5 --points 200 | sed 1d | wc -l)" = 200
check "--turns 1.5: another set than one turn" \
    bash -c "! '$PROG' --make-data spirals --turns 1.5 | cmp -s - data/spirals.csv"
for L in 2,3,3,3,1 2,20,1 2,8,8,8,8,8,1; do
    expect_ok "architecture $L" --layers "$L" --epochs 0 --out "$T/a" --quiet
    check "architecture $L: the check passes" grep -q "^verdict: PASSED" "$OUT"
done

# --- --gradients against numpy, random architectures ------------------------
if "$PYTHON" -c 'import numpy' 2>/dev/null; then
    for spec in "3,5,2:1" "2,4,4,1:2" "4,3,6,3,2:3" "1,7,1:4" "5,2,2,2,2,3:5"; do
        L=${spec%:*}
        seed=${spec#*:}
        n_in=${L%%,*}
        n_out=${L##*,}
        awk -v n="$n_in" -v m="$n_out" -v s="$seed" 'BEGIN { srand(s)
            for (j = 1; j <= n; j++) printf "x%d,", j; for (j = 1; j <= m; j++) printf "t%d%s", j, j < m ? "," : "\n"
            for (k = 0; k < 9; k++) { for (j = 0; j < n; j++) printf "%.6f,", 4 * rand() - 2
                for (j = 1; j <= m; j++) printf "%d%s", rand() < 0.5, j < m ? "," : "\n" } }' >"$T/data$seed.csv"
        expect_ok "layers $L: weights at seed $seed" --layers "$L" --seed "$seed" --epochs 0 --data "$T/data$seed.csv" --out "$T/g$seed" --quiet
        expect_ok "layers $L: --gradients" --load-weights "$T/g$seed/weights.txt" --data "$T/data$seed.csv" --gradients "$T/grad$seed.txt"
        check "layers $L: --gradients wrote nothing else to stdout" test ! -s "$OUT"
        "$PYTHON" "$(dirname "$0")/reference.py" "$T/g$seed/weights.txt" "$T/data$seed.csv" >"$T/np$seed.txt"
        check "layers $L: numpy agrees to 1e-9 relative" same_numbers "$T/grad$seed.txt" "$T/np$seed.txt" 1e-9
    done
else
    t_fail "numpy comparison" "$PYTHON cannot import numpy (make check installs python3-numpy)"
fi

# --- bad input: exit 2 and one line naming the problem ------------------------
expect_error "empty layer size" 2 "--layers: empty item 2 in '2,,1'" --layers 2,,1
expect_error "zero layer size" 2 "--layers: item 2 is '0'" --layers 2,0,1
expect_error "a single size" 2 "--layers: needs at least the inputs and the outputs" --layers 2
expect_error "layers that do not fit the data" 2 "data/spirals.csv has 2 input columns before its 1 target, but the network takes 3 inputs" --layers 3,4,1
expect_error "--gradients without weights" 2 "--gradients needs --load-weights" --gradients "$T/x.txt"
printf 'W1 3 2\n1 2\n3 4\n5 6\nb1 1 2\n0 0\nW2 2 1\n1\n1\nb2 1 1\n0\n' >"$T/w3.txt"
expect_error "weights of other shapes" 2 "data/spirals.csv has 2 input columns before its 1 target, but the network takes 3 inputs" \
    --load-weights "$T/w3.txt" --gradients "$T/x.txt"
expect_error "weights disagree with --layers" 2 "w3.txt: its layer sizes differ from --layers" --load-weights "$T/w3.txt" --layers 3,4,1
printf 'W1 2 2\n1 2\n3 4\nb1 1 2\n0 0\nW2 2 1\n1\n1\n' >"$T/nob.txt"
expect_error "a W without its b" 2 "nob.txt:8: W2 has no b2 after it" --load-weights "$T/nob.txt" --gradients "$T/x.txt"
expect_error "--eps 0" 2 "--eps: must be greater than 0" --eps 0
expect_error "--turns 0" 2 "--turns: must be greater than 0, got '0'" --make-data spirals --turns 0
expect_error "--make-data other" 2 "--make-data: the only data set is 'spirals', got 'moons'" --make-data moons
expect_error "unwritable gradients file" 1 "cannot write" --load-weights "$T/g2/weights.txt" --data "$T/data2.csv" --gradients /nonexistent/dir/g.txt

expect_error "a huge --lr diverges" 1 "epoch 1: training diverged (a weight passed 1e+06" --lr 1e300 --out "$T/div"
check "diverged: no loss.csv left behind" test ! -e "$T/div/loss.csv" -a ! -e "$T/div/loss.csv.partial"

# the options that size buffers, at their limits: no crash, no assert
expect_ok "--points 2 (the fewest)" --points 2 --epochs 10 --quiet --out "$T/lim"
expect_ok "--points 1000000 (the most)" --points 1000000 --epochs 1 --quiet --out "$T/lim"
t_done
