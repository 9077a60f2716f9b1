#!/bin/bash
# make docs, chapter 11: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory): the made-up text of the
# default run, and the report of the gradient-norm experiment (the run `study`).
set -e
cp build/ch11/report.txt build/docs-run/ch11-run.txt
cp build/ch11/samples.txt build/docs-run/ch11-samples.txt
cp build/ch11/study.txt build/docs-run/ch11-study.txt
