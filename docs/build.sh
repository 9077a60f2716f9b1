#!/bin/sh
# Build the web pages into build/docs/html: Doxygen (warnings are errors),
# then the part of Debian's MathJax that the pages use (about 2 MB of 54).
set -eu
out=build/docs
mj=/usr/share/javascript/mathjax
rm -rf "$out" build/docs-run
mkdir -p "$out/html" build/docs-run

# Program output that the pages quote (\verbinclude), made now by the real programs.
./build/bin/ch01 --weights 0.8,0.5,0.1 --lr 1 --out build/docs-run/ch01 \
    > build/docs-run/ch01-tutorial-run.txt
./build/bin/ch02 --out build/docs-run/ch02 > build/docs-run/ch02-run.txt
./build/bin/ch02 --study 1000 --out build/docs-run/ch02-study > build/docs-run/ch02-study-default.txt
./build/bin/ch02 --study 1000 --hidden 3 --lr 0.1 --epochs 10000 --init normal \
    --out build/docs-run/ch02-study > build/docs-run/ch02-study-tutorial.txt
./build/bin/ch03 --quiet --out build/docs-run/ch03 | sed -n '1,/^verdict/p' > build/docs-run/ch03-check.txt
cp build/ch04/report.txt build/docs-run/ch04-run.txt
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
