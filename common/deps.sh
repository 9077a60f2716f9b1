#!/bin/sh
# Install what the course needs and is missing, saying what and why.
#
#   sh common/deps.sh NEED...     NEED: zlib openblas openmp mpi fashion-mnist words fortunes criterion
#                                       gnuplot graphviz doxygen mathjax theme numpy fuzz valgrind
#
# On Debian or Ubuntu the missing packages are installed with apt-get (through
# sudo when not root); elsewhere the script stops with the command to run.
set -u
pkgs=""
why=""
data_hint=""
need() { # need PACKAGE REASON (once, however many chapters need it)
    case " $pkgs " in *" $1 "*) return ;; esac
    pkgs="$pkgs $1"
    why="$why
  $1: $2"
}
for n in "$@"; do
    case $n in
    zlib)
        printf '#include <zlib.h>\n' | ${CC:-cc} -E -x c - >/dev/null 2>&1 ||
            need zlib1g-dev "zlib, which reads the gzipped image files (chapter 04 on)" ;;
    openblas)
        # OpenBLAS's own cblas.h and library: the reference BLAS (libblas-dev) has a cblas.h too,
        # without openblas_set_num_threads(), and a machine may have that one only
        printf '#include <cblas.h>\nint main(void) { openblas_set_num_threads(1); return 0; }\n' |
            ${CC:-cc} -Werror=implicit-function-declaration -x c - -o /tmp/nn-deps-blas.$$ -lopenblas >/dev/null 2>&1 ||
            need libopenblas-dev "OpenBLAS, the yardstick chapter 06 measures its matrix products against"
        rm -f /tmp/nn-deps-blas.$$ ;;
    openmp)
        # gcc brings its OpenMP library; clang needs LLVM's (make check builds with both when it can)
        for c in ${CC:-cc} clang; do
            command -v "$c" >/dev/null 2>&1 || continue
            printf 'int main(void) { return 0; }\n' | "$c" -fopenmp -x c - -o /tmp/nn-deps-omp.$$ >/dev/null 2>&1 || {
                need libomp-dev "OpenMP for clang: chapter 06's threads"
                break
            }
        done
        rm -f /tmp/nn-deps-omp.$$ ;;
    fashion-mnist)
        [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || {
            need dataset-fashion-mnist "Fashion-MNIST, the 70 000 images that chapter 04 on learn from (31 MB)"
            data_hint="Fashion-MNIST's four .gz files also come from the project itself (zalandoresearch/fashion-mnist
on GitHub, folder data/fashion): put them in a directory and pass --data DIR."; } ;;
    words)
        [ -f /usr/share/dict/words ] ||
            need wamerican "the list of English words that the chapter on words learns from (/usr/share/dict/words)" ;;
    fortunes)
        # fortunes-min has three of the files (fortunes, literature, riddles), fortunes the others
        [ -f /usr/share/games/fortunes/fortunes ] ||
            need fortunes-min "the running text the chapters on sequences learn from (part of it)"
        [ -f /usr/share/games/fortunes/art ] || need fortunes "the running text the chapters on sequences learn from" ;;
    criterion)
        printf '#include <criterion/criterion.h>\n' | ${CC:-cc} -E -x c - >/dev/null 2>&1 ||
            need libcriterion-dev "the Criterion test framework (make check, make exNN)" ;;
    gnuplot)
        command -v gnuplot >/dev/null 2>&1 ||
            need gnuplot-nox "draws the plots from the programs' data files" ;;
    mpi)
        command -v mpicc >/dev/null 2>&1 || need libopenmpi-dev "Open MPI's compiler wrapper and headers: chapter 09"
        command -v mpirun >/dev/null 2>&1 || need openmpi-bin "mpirun, which starts chapter 09's processes" ;;
    graphviz)
        command -v dot >/dev/null 2>&1 ||
            need graphviz "draws chapter 08's graphs of a computation (Graphviz's dot)" ;;
    doxygen)
        command -v doxygen >/dev/null 2>&1 ||
            need doxygen "builds the course's web pages (make docs)" ;;
    mathjax)
        [ -f /usr/share/javascript/mathjax/MathJax.js ] ||
            need libjs-mathjax "renders the formulas of the web pages offline" ;;
    theme)
        [ -f /usr/share/doxygen-awesome-css/doxygen-awesome.css ] ||
            need doxygen-awesome-css "the web pages' theme: readable type, dark mode, phone layout" ;;
    numpy)
        ${PYTHON:-/usr/bin/python3} -c 'import numpy' >/dev/null 2>&1 ||
            need python3-numpy "the tutorial's own numpy code, which make check compares chapter 02 with" ;;
    fuzz)
        command -v clang >/dev/null 2>&1 || need clang "compiles the fuzz targets (make fuzz)"
        printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return !d + n * 0; }\n' |
            clang -fsanitize=fuzzer -x c - -o /tmp/nn-deps-fuzz.$$ >/dev/null 2>&1 ||
            need libclang-rt-14-dev "libFuzzer, clang's coverage-guided fuzzer (make fuzz)"
        rm -f /tmp/nn-deps-fuzz.$$ ;;
    valgrind)
        command -v valgrind >/dev/null 2>&1 ||
            need valgrind "checks the programs' memory (make memcheck)" ;;
    *) echo "deps.sh: unknown need '$n'" >&2; exit 2 ;;
    esac
done
[ -z "$pkgs" ] && exit 0

echo "Installing what is missing:$why"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install the equivalents of these Debian packages, then run make again:" >&2
    echo "  $pkgs" >&2
    [ -z "$data_hint" ] || echo "$data_hint" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "Not root and no sudo: run as root, then make again:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$pkgs" >&2
    exit 1
fi
echo "+ $sudo apt-get update && $sudo apt-get install -y --no-install-recommends$pkgs"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null &&
    $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null || {
    echo "deps.sh: installing$pkgs failed; run the command above by hand to see why" >&2
    exit 1
}
echo "Installed:$pkgs"
