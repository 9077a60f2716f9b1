#!/bin/bash
# make docs, chapter 01: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
run_as_learner ch01-tutorial-run ./build/bin/ch01 --weights 0.8,0.5,0.1 --lr 1 --out build/ch01-tutorial
run_as_learner ch01-xor-run ./build/bin/ch01 --data data/xor-bipolar.csv --quiet --out build/ch01-xor
