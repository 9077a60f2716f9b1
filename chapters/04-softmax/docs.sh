#!/bin/bash
# make docs, chapter 04: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch04/report.txt build/docs-run/ch04-run.txt
sed -n '/^Test accuracy/,/^Files in/p' build/ch04/softmax-regression.txt | sed '$d' >build/docs-run/ch04-softmax-regression.txt
