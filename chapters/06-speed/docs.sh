#!/bin/bash
# make docs, chapter 06: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch06/report.txt build/docs-run/ch06-run.txt
sed 1d build/ch06/race.txt >build/docs-run/ch06-race.txt
