#!/bin/bash
# Build the web pages into build/docs/html: Doxygen (warnings are errors),
# then the part of Debian's MathJax that the pages use (about 2 MB of 54).
set -eu
out=build/docs
mj=/usr/share/javascript/mathjax
rm -rf "$out" build/docs-run
mkdir -p "$out/html" build/docs-run

# Program output that the pages quote (\verbinclude), gathered by each chapter's
# docs.sh into build/docs-run. The default runs are quoted from what `make chNN`
# printed (build/chNN/report.txt), so the page shows the numbers and paths a
# learner sees. Other commands a page shows are run exactly as written, from a
# scratch copy of the top directory, so that their paths too are the learner's.
run_as_learner() { # run_as_learner NAME COMMAND...: the command's output in build/docs-run/NAME.txt
    local_dir=build/docs-run/$1
    shift
    mkdir -p "$local_dir/build"
    cp -R data "$local_dir/"
    ln -s ../../../bin "$local_dir/build/bin"
    (cd "$local_dir" && "$@") >"$local_dir.txt"
}
export -f run_as_learner
for page in chapters/*/docs.sh; do      # what each page quotes besides its default run
    [ -f "$page" ] && { bash "$page" || exit; }
done
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
