#!/bin/bash
# make docs, chapter 08: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch08/report.txt build/docs-run/ch08-run.txt
cp build/ch08/agreement.txt build/docs-run/ch08-agreement.txt
sed -n '/^  epoch/,/^Test accuracy/p' build/ch08/fashion.txt >build/docs-run/ch08-fashion.txt
run_as_learner ch08-check ./build/bin/ch08 --check
run_as_learner ch08-expr ./build/bin/ch08 --expr 'tanh(x*w1 + y*w2 + b)' --set x=1,y=2,w1=0.5,w2=-1,b=0.1 --out build/expr
