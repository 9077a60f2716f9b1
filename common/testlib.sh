# Helpers for the chapters' program tests (chapters/NN-*/test_cli.sh), in bash.
#
#   source common/testlib.sh; t_init "$1"      PROG is the program under test
#   expect_ok NAME ARGS...                     exit 0, nothing on stderr
#   expect_error NAME CODE TEXT ARGS...        exit CODE, one stderr line "prog: ...TEXT..."
#   check NAME COMMAND...                      COMMAND succeeds
#   same_numbers FILE1 FILE2 TOL               weight files agree to TOL (relative)
#   t_done                                     prints "N passed, N failed"
#
# After a run, $OUT and $ERR hold the program's stdout and stderr files and
# $T is a scratch directory (removed at the end).

t_init() {
    PROG=$1
    T=$(mktemp -d)
    OUT=$T/stdout
    ERR=$T/stderr
    t_passed=0
    t_failed=0
    trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
    # A program that never ends is stopped after 60 s of CPU (SIGXCPU, exit 152), a limit each
    # child inherits: a `timeout` around every run was a process start each, thousands in make
    # check. check.sh stops a task that waits forever instead (a wall-clock limit a task).
    ulimit -S -t 60
    # numpy's references on one thread: the pool of threads OpenBLAS starts in every python3
    # run cost more than these small products gain (the programs set their own threads)
    export OPENBLAS_NUM_THREADS=1
}

t_pass() { t_passed=$((t_passed + 1)); echo "ok    $1"; }
t_fail() { t_failed=$((t_failed + 1)); echo "FAIL  $1: $2"; }

run() {
    "$PROG" "$@" >"$OUT" 2>"$ERR"
    RC=$?
    [ $RC != 152 ] || echo "(stopped after 60 s of CPU: an endless loop?)" >>"$ERR"
}

expect_ok() {
    local name=$1
    shift
    run "$@"
    if [ $RC != 0 ]; then
        t_fail "$name" "exit $RC, expected 0; stderr: $(head -c 300 "$ERR")"
    elif [ -s "$ERR" ]; then
        t_fail "$name" "wrote to stderr: $(head -c 300 "$ERR")"
    else
        t_pass "$name"
    fi
}

expect_error() {
    local name=$1 code=$2 text=$3 prog lines
    shift 3
    run "$@"
    prog=${PROG##*/}
    mapfile -t lines <"$ERR"   # (builtins: the bad-input tables run this thousands of times)
    if [ $RC != "$code" ]; then
        t_fail "$name" "exit $RC, expected $code; stderr: $(head -c 300 "$ERR")"
    elif [ ${#lines[@]} != 1 ]; then
        t_fail "$name" "${#lines[@]} lines on stderr, expected exactly 1: $(head -c 300 "$ERR")"
    elif [[ ${lines[0]} != "$prog: "* ]]; then
        t_fail "$name" "message does not start with '$prog: ': ${lines[0]}"
    elif [[ ${lines[0]} != *"$text"* ]]; then
        t_fail "$name" "message lacks '$text': ${lines[0]}"
    else
        t_pass "$name"
    fi
}

check() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then
        t_pass "$name"
    else
        t_fail "$name" "'$*' failed"
    fi
}

# The value of column COL (by header name) in the last row of CSV file FILE.
csv_last() {
    awk -F, -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                         { v = $c } END { print v }' "$1"
}

# True when |a - b| <= tol.
near() {
    awk -v a="$1" -v b="$2" -v tol="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= tol) }'
}

# True when two files in the weight format hold the same names and shapes and
# numbers that agree within TOL, relative to max(|a|, FLOOR) (FLOOR 1e-12 by
# default; comment lines of either file are skipped): common/compare_weights.sh,
# the learner's tool for the same question.
#   same_numbers FILE1 FILE2 TOL [FLOOR]
same_numbers() {
    bash "$(dirname "${BASH_SOURCE[0]}")/compare_weights.sh" "$1" "$2" "$3" "${4:-1e-12}" >/dev/null 2>&1
}

t_done() {
    echo "$t_passed passed, $t_failed failed"
    [ $t_failed = 0 ]
}

# IDX files for chapter 04 on, made by the tests themselves.
FASHION=${FASHION:-/usr/share/datasets/fashion-mnist}

# A big-endian 32-bit number as 4 bytes.   be32 N
be32() {
    printf "\\$(printf %03o $(($1 >> 24 & 255)))\\$(printf %03o $(($1 >> 16 & 255)))"
    printf "\\$(printf %03o $(($1 >> 8 & 255)))\\$(printf %03o $(($1 & 255)))"
}

# An IDX set NAME (train or t10k) of the first N images and labels of
# Fashion-MNIST's, in DIR, gzipped or plain.   idx_slice DIR NAME N [plain]
idx_slice() {
    local dir=$1 name=$2 n=$3 z=gzip
    [ "${4:-}" = plain ] && z=cat
    mkdir -p "$dir"
    { printf '\0\0\10\3'; be32 "$n"; be32 28; be32 28
      gzip -dc "$FASHION/$name-images-idx3-ubyte.gz" | tail -c +17 | head -c $((n * 784)); } |
        $z >"$dir/$name-images-idx3-ubyte$([ $z = gzip ] && echo .gz)"
    { printf '\0\0\10\1'; be32 "$n"
      gzip -dc "$FASHION/$name-labels-idx1-ubyte.gz" | tail -c +9 | head -c "$n"; } |
        $z >"$dir/$name-labels-idx1-ubyte$([ $z = gzip ] && echo .gz)"
}

# An IDX set NAME (train or t10k) of N images of ROWS x COLS pixels, in DIR, plain: pixel
# (k, i) is (k * 7 + i * 3) % 256 and image k's label k % 10 (any other size of image than
# Fashion-MNIST's, for the chapters that must work with it or say why not).
#   idx_sized DIR NAME N ROWS COLS
idx_sized() {
    local dir=$1 name=$2 n=$3 rows=$4 cols=$5
    mkdir -p "$dir"
    { printf '\0\0\10\3'; be32 "$n"; be32 "$rows"; be32 "$cols"
      awk -v n="$n" -v d=$((rows * cols)) 'BEGIN { for (k = 0; k < n; k++) for (i = 0; i < d; i++)
          printf "%c", (k * 7 + i * 3) % 256 }'; } >"$dir/$name-images-idx3-ubyte"
    { printf '\0\0\10\1'; be32 "$n"
      awk -v n="$n" 'BEGIN { for (k = 0; k < n; k++) printf "%c", k % 10 }'; } >"$dir/$name-labels-idx1-ubyte"
}
