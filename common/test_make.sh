#!/bin/bash
# The learner's make commands that do not build: make help, a chapter that does
# not exist, make memcheck's prerequisites, and make chNN ARGS=... (through
# common/chapter.sh, when gnuplot is here): a run's own plots, no gnuplot chatter,
# and the plots it cannot draw named.
#   bash common/test_make.sh BIN_DIR
source "$(dirname "$0")/testlib.sh"
BIN=$1
t_init /bin/false

make -s --no-print-directory help >"$OUT" 2>&1
for d in chapters/[0-9][0-9]-*; do
    n=$(basename "$d" | cut -d- -f1)
    check "make help lists ch$n" grep -q "^  make ch$n " "$OUT"
done
check "make help lists ARGS" grep -q 'make chNN ARGS=' "$OUT"

make --no-print-directory ch7 >"$OUT" 2>&1
RC=$?
check "make ch7: exit 2" test $RC = 2
check "make ch7: says there is no such chapter" grep -q "^make ch7: there is no such chapter" "$OUT"
check "make ch7: lists the chapters" grep -q "^  make ch01 " "$OUT"
check "make ch7: not make's 'No rule'" bash -c "! grep -q 'No rule to make target' '$OUT'"

# memcheck once depended on $(BINS) before BINS was defined: from a clean tree it
# ran valgrind on programs that were never built
make -n --no-print-directory -W common/cli.c memcheck >"$OUT" 2>&1
check "make memcheck builds the programs first" grep -qE -- "-o build/(.*/)?bin/ch01" "$OUT"

if command -v gnuplot >/dev/null 2>&1; then
    PLOTS=$T/plots ARGS="--data data/xor-bipolar.csv --quiet --out '$T/xor'" bash common/chapter.sh 01 "$BIN/ch01" \
        >"$OUT" 2>"$ERR"
    RC=$?
    check "make ch01 ARGS=...: exit 0" test $RC = 0
    check "make ch01 ARGS=...: runs the program with them" grep -q "^+ $BIN/ch01 --data data/xor-bipolar.csv" "$OUT"
    check "make ch01 ARGS=...: the run's report kept" grep -q "^Did not converge" "$T/xor/report.txt"
    check "make ch01 ARGS=...: that run's plots" test -s "$T/plots/ch01-boundary.png" -a -s "$T/plots/ch01-training.gif"
    check "gnuplot's 'frames in animation sequence' is not shown" \
        bash -c "! grep -q 'frames in animation' '$OUT' '$ERR'"
    check "nothing on stderr" test ! -s "$ERR"
    PLOTS=$T/plots ARGS="--data data/and-bipolar.csv --lr 0.05 --seed 3 --quiet --out '$T/one'" \
        bash common/chapter.sh 01 "$BIN/ch01" >"$OUT" 2>"$ERR"
    check "a run of one epoch: plotted without a word from gnuplot" \
        bash -c "grep -q '^Converged after 1 epoch' '$OUT' && test ! -s '$ERR'"
    printf 'a,b,c,t\n1,0,0,1\n0,1,0,1\n0,0,1,-1\n-1,-1,-1,-1\n' >"$T/three.csv"
    PLOTS=$T/plots ARGS="--data '$T/three.csv' --quiet --out '$T/three'" bash common/chapter.sh 01 "$BIN/ch01" \
        >"$OUT" 2>"$ERR"
    check "three inputs: the boundary plot is named, not drawn" \
        grep -q "^Not drawn: ch01-boundary (this run wrote no lines.csv samples.csv in $T/three)" "$OUT"
    check "three inputs: no stale boundary plot left" test ! -e "$T/plots/ch01-boundary.png"
    check "three inputs: the error plot is drawn" test -s "$T/plots/ch01-errors.png"
    # A scratch copy of the course, so that its build/ch01 is the default run's directory.
    scratch=$T/course
    abs_bin=$(cd "$BIN" && pwd)
    mkdir -p "$scratch/build/ch01"
    cp -R common chapters plots data "$scratch/"
    echo "the last good run" >"$scratch/build/ch01/marker"
    (cd "$scratch" && ARGS="--hiden 30" bash common/chapter.sh 01 "$abs_bin/ch01") >"$OUT" 2>"$ERR"
    RC=$?
    check "make ch01 ARGS=--hiden: exit 2" test $RC = 2
    check "make ch01 ARGS=--hiden: the last good run is still there" test -f "$scratch/build/ch01/marker"
    (cd "$scratch" && ARGS="--quiet" bash common/chapter.sh 01 "$abs_bin/ch01") >"$OUT" 2>"$ERR"
    check "make ch01 after it: a run that succeeds replaces the last one" \
        bash -c "test ! -e '$scratch/build/ch01/marker' -a -s '$scratch/build/ch01/weights.txt' -a ! -e '$scratch/build/.ch01.previous'"
    (cd "$scratch" && ARGS="--quiet --seed \$(touch '$T/evaluated') --data 'data/xor-bipolar.csv'" \
        bash common/chapter.sh 01 "$abs_bin/ch01") >"$OUT" 2>"$ERR"
    check "make chNN ARGS=...: options are words, not shell code" test ! -e "$T/evaluated"
    check "make chNN ARGS=...: the words reach the program as written" \
        grep -q "^ch01: --seed: expected a whole number, got '\$(touch'" "$ERR"
    # a chapter whose extra runs go one at a time says each as it starts
    (cd "$scratch" && SERIAL=yes bash common/chapter.sh 01 "$abs_bin/ch01" one="--quiet --seed 2" two="--quiet --seed 3") \
        >"$OUT" 2>"$ERR"
    check "serial runs: announced with their count" grep -q "^First the 2 runs the plots compare, one at a time:" "$OUT"
    check "serial runs: each said as it starts" grep -qE "^  2/2  two +--quiet --seed 3$" "$OUT"
    # a comparison with another chapter's run draws no empty entry when that run is missing:
    # the scratch copy's plots drawn as SVG, whose text can be read
    sed -i 's/^set terminal pngcairo .*/set terminal svg size 720,540 font "DejaVu Sans,11" enhanced/' "$scratch/plots/style.gp"
    mkdir -p "$scratch/build/ch07"
    printf 'epoch,train_loss,test_loss,test_accuracy\n1,0.5,0.4,85\n2,0.4,0.35,88\n' >"$scratch/build/ch07/epochs.csv"
    (cd "$scratch" && gnuplot -e "data='build/ch07'; out='$T'" plots/ch07-accuracy.gp) 2>"$ERR"
    check "ch07-accuracy without chapter 05's best run: no entry for it" \
        bash -c "grep -q 'this run (test)' '$T/ch07-accuracy.png' && ! grep -q \"chapter 05\" '$T/ch07-accuracy.png'"
    # chapter 08's agreement: what could have differed (the differences on a log scale), not two
    # equal numbers on the diagonal
    mkdir -p "$scratch/build/ch08"
    printf 'index,matrix,row,column,tape,other,relative_difference\n0,W1,1,1,0.5,0.5,0\n1,b1,1,1,0.25,0.25,4e-17\n' \
        >"$scratch/build/ch08/agreement.csv"
    (cd "$scratch" && gnuplot -e "data='build/ch08'; out='$T'" plots/ch08-agreement.gp) 2>"$ERR"
    check "ch08-agreement shows the relative differences, on a log scale" \
        bash -c "grep -q 'tape - hand| / |hand|' '$T/ch08-agreement.png' && grep -q '>-16</tspan>' '$T/ch08-agreement.png'"
else
    echo "(gnuplot is not installed: make chNN ARGS=... not tested here)"
fi

# Adding a chapter is its folder, its plots and a line in the README: chapter 01 copied as
# chapter 99 into a scratch copy of the course (with this build's objects, so that only
# chapter 99 compiles), and make ch99, make ex99 and the test suite pick it up.
built=$(dirname "$BIN")        # build/ or build/clang/, build/cc-sanitize/, ...: the objects of this build
if command -v gnuplot >/dev/null 2>&1 && [ -d "$built/obj" ]; then
    new=$T/added
    mkdir -p "$new/$built"
    cp -a Makefile README.md chapters common data docs plots "$new/"
    cp -a "$built/obj" "$new/$built/"
    (
        cd "$new" || exit 1
        cp -a chapters/01-perceptron chapters/99-copy
        rm -f chapters/99-copy/exercises.c.sha256
        sed -i 's/ch01/ch99/g; s/chapter01/chapter99/g; s/Chapter 01/Chapter 99/g' chapters/99-copy/*
        for gp in plots/ch01-*.gp; do sed 's/ch01/ch99/g' "$gp" >"plots/ch99-${gp#plots/ch01-}"; done
        echo "- [Chapter 99: a copy](chapters/99-copy/README.md) (\`make ch99\`)" >>README.md
        make -s --no-print-directory ch99 >"$T/ch99.txt" 2>&1       # (make's variables, SANITIZE=1, come along)
        echo "ch99 $?"
        make -n --no-print-directory check-build >"$T/check-build.txt" 2>&1
        make -s --no-print-directory ex99 >"$T/ex99.txt" 2>&1
        make -n --no-print-directory check >"$T/check.txt" 2>&1
    ) >"$T/added.txt" 2>&1
    check "an added chapter: make ch99 runs it" grep -qx "ch99 0" "$T/added.txt"
    check "an added chapter: make ch99 writes its report and plots" \
        test -s "$new/build/ch99/report.txt" -a -s "$new/build/plots/ch99-boundary.png"
    check "an added chapter: make ex99 tests its exercises" grep -qE '^ex99: 0 of [0-9]+ pass' "$T/ex99.txt"
    check "an added chapter: make check builds its tests" \
        bash -c "grep -qE -- '-o [^ ]*/test/ch99( |$)' '$T/check-build.txt' && grep -qE -- '-o [^ ]*/test/ex99( |$)' '$T/check-build.txt'"
    check "an added chapter: make check runs it" grep -qE 'common/check.sh .* 01 ([0-9]{2} )*99$' "$T/check.txt"
fi

# make docs quotes the runs make chNN made: it runs only the chapters that have none
mkdir -p "$T/docs/build/ch01" "$T/docs/build/ch03"
echo report >"$T/docs/build/ch01/report.txt"
echo report >"$T/docs/build/ch03/report.txt"
check "make docs runs only the chapters not run yet" \
    test "$(cd "$T/docs" && bash "$OLDPWD/docs/runs.sh" --list 01 02 03 | tr '\n' ' ')" = "02 "
make -n --no-print-directory docs >"$OUT" 2>&1
check "make docs does not run every chapter again" \
    bash -c "grep -q 'docs/runs.sh' '$OUT' && ! grep -q 'chapters ARGS=' '$OUT'"
t_done
