#!/bin/bash
# make docs, chapter 07: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch07/report.txt build/docs-run/ch07-run.txt
run_as_learner ch07-check ./build/bin/ch07 --check
# the accuracy plot compares with chapter 05's best recipe, which make docs has just made
ONLY=accuracy bash common/plot.sh 07 >/dev/null
