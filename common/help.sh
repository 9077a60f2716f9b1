#!/bin/sh
# make help: the learner's commands and the chapters.
#   sh common/help.sh            the list
#   sh common/help.sh TARGET     make had no rule for TARGET: say so, list, exit 2
chapters() {
    for d in chapters/[0-9][0-9]-*/; do
        n=$(basename "$d" | cut -d- -f1)
        title=$(sed -n '1s/^# *\(.*\) {#.*}$/\1/p' "$d/README.md")
        printf '  make ch%s   %s\n' "$n" "${title#Chapter $n: }"
    done
}
if [ $# -gt 0 ]; then
    case $1 in
    ch[0-9]* | ex[0-9]* | plots[0-9]*)
        echo "make $1: there is no such chapter. The chapters are:" >&2
        chapters >&2
        echo "(make ex01 checks your exercises for chapter 01, make help lists every command)" >&2 ;;
    *)
        echo "make $1: no such command or file (make help lists the commands)" >&2 ;;
    esac
    exit 2
fi
cat <<'TXT'
Neural Networks from Scratch in C

  make                 every chapter built, run and plotted, then the web pages
  make chNN            build chapter NN's program, run it with its defaults, draw its plots
  make chNN ARGS="..." the same for any run: make ch01 ARGS="--data data/xor-bipolar.csv"
  make exNN            check your exercises for chapter NN (chapters/NN-*/exercises.c)
  make check           the whole test suite (SANITIZE=1: with AddressSanitizer and UBSan)
  make docs            the web pages, at build/docs/html/index.html
  make bench           timings of each chapter's training and the matrix module
  make memcheck        every program under valgrind
  make fuzz            the fuzz targets, FUZZ_SECONDS (60) each
  make clean           remove build/, where everything generated goes
  make CC=clang ...    any of these with clang

The chapters (./build/bin/chNN --help lists a program's options):
TXT
chapters
