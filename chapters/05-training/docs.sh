#!/bin/bash
# make docs, chapter 05: what its page quotes besides the default run's report, into
# build/docs-run/ (run by docs/build.sh from the top directory; run_as_learner runs a
# command as the page shows it, from a scratch copy of the top directory).
set -e
cp build/ch05/report.txt build/docs-run/ch05-run.txt
# The best recipe takes minutes, too long for make ch05: its run is made here once and kept
# in build/ch05-best (where the page's own command puts it too), then its plot.
if [ ! -s build/ch05-best/report.txt ]; then
    echo "docs: training chapter 05's best recipe for its page (about three minutes, once: kept in build/ch05-best)"
    ./build/bin/ch05 --preset best --out build/ch05-best >build/docs-run/ch05-best.txt || exit
    mv build/docs-run/ch05-best.txt build/ch05-best/report.txt
fi
cp build/ch05-best/report.txt build/docs-run/ch05-best.txt
ONLY=best bash common/plot.sh 05 build/ch05-best >/dev/null
