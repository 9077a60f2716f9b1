#!/bin/bash
# make docs, chapter 10: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory).
set -e
cp build/ch10/report.txt build/docs-run/ch10-run.txt
