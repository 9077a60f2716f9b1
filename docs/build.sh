#!/bin/sh
# Build the web pages into build/docs/html: Doxygen (warnings are errors),
# then the part of Debian's MathJax that the pages use (about 2 MB of 54).
set -eu
out=build/docs
mj=/usr/share/javascript/mathjax
rm -rf "$out" build/docs-run
mkdir -p "$out/html" build/docs-run

# Program output that the pages quote (\verbinclude). The default runs are
# quoted from what `make chNN` printed (build/chNN/report.txt, which make docs
# has just made), so the page shows the numbers and paths a learner sees. Other
# commands a page shows are run here exactly as written, from a scratch copy of
# the top directory, so that their paths too are the learner's.
run_as_learner() { # run_as_learner NAME COMMAND...: the command's output in build/docs-run/NAME.txt
    local_dir=build/docs-run/$1
    shift
    mkdir -p "$local_dir/build"
    cp -R data "$local_dir/"
    ln -s ../../../bin "$local_dir/build/bin"
    (cd "$local_dir" && "$@") >"$local_dir.txt"
}
run_as_learner ch01-tutorial-run ./build/bin/ch01 --weights 0.8,0.5,0.1 --lr 1 --out build/ch01-tutorial
run_as_learner ch01-xor-run ./build/bin/ch01 --data data/xor-bipolar.csv --quiet --out build/ch01-xor
sed -n '1,/^verdict/p' build/ch03/report.txt >build/docs-run/ch03-check.txt
cp build/ch05/report.txt build/docs-run/ch05-run.txt
# chapter 05's best recipe takes minutes, too long for make ch05: its run is made here once and
# kept in build/ch05-best (where the page's own command puts it too), then its plot, and chapter
# 07's accuracy plot, which compares with it
if [ ! -s build/ch05-best/report.txt ]; then
    echo "docs: training chapter 05's best recipe for its page (about three minutes, once: kept in build/ch05-best)"
    ./build/bin/ch05 --preset best --out build/ch05-best >build/docs-run/ch05-best.txt
    mv build/docs-run/ch05-best.txt build/ch05-best/report.txt
fi
cp build/ch05-best/report.txt build/docs-run/ch05-best.txt
ONLY=best bash common/plot.sh 05 build/ch05-best >/dev/null
[ -s build/ch07/epochs.csv ] && ONLY=accuracy bash common/plot.sh 07 >/dev/null
cp build/ch04/report.txt build/docs-run/ch04-run.txt
cp build/ch06/report.txt build/docs-run/ch06-run.txt
cp build/ch07/report.txt build/docs-run/ch07-run.txt
run_as_learner ch07-check ./build/bin/ch07 --check
cp build/ch08/report.txt build/docs-run/ch08-run.txt
cp build/ch08/agreement.txt build/docs-run/ch08-agreement.txt
sed -n '/^  epoch/,/^Test accuracy/p' build/ch08/fashion.txt >build/docs-run/ch08-fashion.txt
run_as_learner ch08-check ./build/bin/ch08 --check
run_as_learner ch08-expr ./build/bin/ch08 --expr 'tanh(x*w1 + y*w2 + b)' --set x=1,y=2,w1=0.5,w2=-1,b=0.1 --out build/expr
cp build/ch09/report.txt build/docs-run/ch09-run.txt
cp build/ch09/scaling.txt build/docs-run/ch09-scaling.txt
sed 1d build/ch09/allreduce.txt >build/docs-run/ch09-allreduce.txt      # (without the launcher's command line)
sed 1d build/ch06/race.txt >build/docs-run/ch06-race.txt
sed -n '/^Test accuracy/,/^Files in/p' build/ch04/softmax-regression.txt | sed '$d' >build/docs-run/ch04-softmax-regression.txt
if ! doxygen docs/Doxyfile; then
    echo "docs: Doxygen failed:" >&2
    cat "$out/warnings.log" >&2
    exit 1
fi
if [ -s "$out/warnings.log" ]; then
    echo "docs: Doxygen warned (warnings are errors):" >&2
    cat "$out/warnings.log" >&2
    exit 1
fi
dst=$out/html/mathjax
mkdir -p "$dst/jax/input" "$dst/jax/output/SVG/fonts"
cp -L "$mj/MathJax.js" "$dst/"
cp -RL "$mj/extensions" "$dst/"
cp -RL "$mj/jax/element" "$dst/jax/"
cp -RL "$mj/jax/input/TeX" "$dst/jax/input/"
cp -L "$mj/jax/output/SVG/config.js" "$mj/jax/output/SVG/jax.js" "$dst/jax/output/SVG/"
cp -RL "$mj/jax/output/SVG/autoload" "$dst/jax/output/SVG/"
cp -RL "$mj/jax/output/SVG/fonts/TeX" "$dst/jax/output/SVG/fonts/"
# what a reader sees: no raw commands, internal paths, run-on links or stale numbers
bash docs/check.sh
