# Helpers for make bench's scripts (common/bench.sh and each chapter's bench.sh).
#   source common/benchlib.sh
# A chapter's bench.sh is run from the top directory as `bash chapters/NN-*/bench.sh B TMP`:
# B the build directory (its programs in B/bin), TMP a scratch directory; PYTHON is the
# system's python3. It prints its figures and asserts nothing.

# The median of what N runs of COMMAND print (one number each).   median N COMMAND...
median() {
    local n=$1
    shift
    for ((k = 0; k < n; k++)); do "$@"; done | sort -n | sed -n "$(((n + 1) / 2))p"
}

# Nanoseconds one run of COMMAND takes, its output thrown away.   wall_ns COMMAND...
wall_ns() {
    local s
    s=$(date +%s%N)
    "$@" >/dev/null || return
    echo $(($(date +%s%N) - s))
}

# True when the system's python has numpy (a comparison with it is then made).
have_numpy() { "${PYTHON:-/usr/bin/python3}" -c 'import numpy' 2>/dev/null; }

# python3 on one thread, like the C programs: numpy's BLAS must not take the other core.
py1() { env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "${PYTHON:-/usr/bin/python3}" "$@"; }

FASHION=${FASHION:-/usr/share/datasets/fashion-mnist}
