#!/bin/bash
# make bench, chapter 12: training tokens/s of the default model (4 blocks, 4 heads, E 128, T 64; B 32, float)
# in C on one thread and on two, against PyTorch (when it happens to be installed: the course never needs it)
# and numpy (reference.py train); and the C program's generation, with the KV cache and without it.
# The figures go to B/ch12-bench.csv as well, for a plot beside the course's.
#   bash chapters/12-gpt/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
src=${FORTUNES:-/usr/share/games/fortunes}
steps=40 batch=32

# The text: the first 300 kB of the fortunes, then a piece holding each byte of them all (the same 114-byte
# vocabulary, so the same model), so that the validation at the end of a run is short. Speed does not depend on it.
if [ -d "$src" ]; then
    for f in "$src"/*; do
        case ${f##*/} in *.*) continue ;; esac
        [ -f "$f" ] && [ ! -L "$f" ] && cat "$f"
    done
else
    cat "$src"
fi >"$tmp/all"
{
    head -c 300000 "$tmp/all"
    printf '\n%%\n'
    for c in $(od -An -v -tu1 "$tmp/all" | tr -s ' \n' '\n' | sort -un); do printf '%b' "\\0$(printf %03o "$c")"; done
    printf '\n'
} >"$tmp/text"

# python3 on two threads: PyTorch's, and its threads sleep when idle, like the C program's below.
py2() { env OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OMP_WAIT_POLICY=passive \
    "${PYTHON:-/usr/bin/python3}" "$@"; }

# c_run THREADS: one run of $steps steps; prints training tokens/s and generation bytes/s with and without the
# KV cache (speed.csv). OMP_WAIT_POLICY=passive: on a busy machine, spinning threads would take a core for nothing.
c_run() {
    OMP_WAIT_POLICY=passive "$B/bin/ch12" --text "$tmp/text" --batch $batch --steps $steps --eval-every 100000 \
        --val-slice 2 --sample 200 --threads "$1" --quiet --out "$tmp/c$1" >/dev/null || return
    awk -F, '{ v[$1] = $2 } END { print v["training"], v["generation with the KV cache"], v["generation without it"] }' \
        "$tmp/c$1/speed.csv"
}
col() { awk -v k="$1" '{ print $k }' | sort -n | sed -n 2p; }     # the median of a column of 3 rows

echo "chapter 12: training tokens/s of the default model (4 blocks, 4 heads, E 128, T 64, V 114), B $batch,"
echo "float (numpy: float32), median of 3 ($steps steps a run in C)"
for _ in 1 2 3; do c_run 1; done >"$tmp/c1.txt"
for _ in 1 2 3; do c_run 2; done >"$tmp/c2.txt"
c1=$(col 1 <"$tmp/c1.txt") c2=$(col 1 <"$tmp/c2.txt")
t1=- t2=- np=-
if have_numpy && py1 -c 'import torch' 2>/dev/null; then
    t1=$(median 3 py1 chapters/12-gpt/reference.py torch "$tmp/text" 10 $batch 1)
    t2=$(median 3 py2 chapters/12-gpt/reference.py torch "$tmp/text" 10 $batch 2)
fi
have_numpy && np=$(median 3 py1 chapters/12-gpt/reference.py train "$tmp/text" 6 $batch)
printf '  %-20s %10s\n' "C, 1 thread" "$c1" "C, 2 threads" "$c2" "PyTorch, 1 thread" "$t1" "PyTorch, 2 threads" "$t2" \
    "numpy, 1 thread" "$np"
[ "$t1" != - ] && printf '  %-20s %10s\n' "C / PyTorch, 1 thread" "$(awk -v c="$c1" -v t="$t1" \
    'BEGIN { printf "%.2f", c / t }')"
echo "generation, bytes/s of one stream (one thread, 200 bytes after a 2-byte prompt), median of 3:"
printf '  %-20s %10s\n' "with the KV cache" "$(col 2 <"$tmp/c1.txt")" "without it" "$(col 3 <"$tmp/c1.txt")"
{
    echo "what,tokens_per_s"
    echo "C 1 thread,$c1"
    echo "C 2 threads,$c2"
    [ "$t1" != - ] && echo "PyTorch 1 thread,$t1" && echo "PyTorch 2 threads,$t2"
    [ "$np" != - ] && echo "numpy 1 thread,$np"
} >"$B/ch12-bench.csv"
exit 0
