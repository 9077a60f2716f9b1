#!/bin/bash
# make docs, chapter 09: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch09/report.txt build/docs-run/ch09-run.txt
cp build/ch09/scaling.txt build/docs-run/ch09-scaling.txt
sed 1d build/ch09/allreduce.txt >build/docs-run/ch09-allreduce.txt      # (without the launcher's command line)
