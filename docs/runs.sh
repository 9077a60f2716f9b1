#!/bin/bash
# make docs: a chapter's page quotes what `make chNN` printed (build/chNN/report.txt)
# and shows its plots, so the pages are built from the runs already made; a
# chapter that has not been run yet is run first (make chNN, its output in build/chNN.log).
#   bash docs/runs.sh NN...           run the chapters that have no run
#   bash docs/runs.sh --list NN...    only print their numbers
set -u
list=no
[ "${1:-}" = --list ] && { list=yes; shift; }
for n in "$@"; do
    [ -s "build/ch$n/report.txt" ] && continue
    if [ $list = yes ]; then
        echo "$n"
        continue
    fi
    echo "docs: chapter $n has not been run yet: make ch$n first (its output in build/ch$n.log)"
    mkdir -p build
    make --no-print-directory "ch$n" ARGS= >"build/ch$n.log" 2>&1 || { cat "build/ch$n.log"; exit 1; }
done
