#!/bin/bash
# make docs, chapter 03: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
sed -n '1,/^verdict/p' build/ch03/report.txt >build/docs-run/ch03-check.txt
