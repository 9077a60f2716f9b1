#!/bin/bash
# make docs, chapter 12: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory): the made-up text of the
# default run, and the report of --check.
set -e
cp build/ch12/report.txt build/docs-run/ch12-run.txt
cp build/ch12/samples.txt build/docs-run/ch12-samples.txt
build/bin/ch12 --check >build/docs-run/ch12-check.txt
