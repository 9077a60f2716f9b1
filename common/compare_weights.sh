#!/bin/bash
# Compare two files in the course's weight format (weights or gradients), number by number.
#   bash common/compare_weights.sh A B [TOL [FLOOR]]
# Prints each matrix's largest relative difference, |a - b| / max(|a|, FLOOR) (FLOOR 1e-12 by
# default: near-zero numbers are compared absolutely), and the largest of all with where it is.
# Exit 0 when the files hold the same matrices (names and shapes) and, with TOL, every
# difference is at most TOL; 1 otherwise; 2 when a file cannot be read. Comment lines are skipped.
set -u
[ $# -ge 2 ] || { echo "usage: bash common/compare_weights.sh A B [TOL [FLOOR]]" >&2; exit 2; }
for f in "$1" "$2"; do
    [ -r "$f" ] || { echo "compare_weights: cannot read '$f'" >&2; exit 2; }
done
awk -v tol="${3:-}" -v floor="${4:-1e-12}" -v fa="$1" -v fb="$2" '
    function fail(msg) { print "compare_weights: " msg; bad = 1; exit 1 }
    /^#/ || NF == 0 { next }
    NR == FNR { a[++na] = $0; next }
    { b[++nb] = $0 }
    END {
        if (bad) exit 1
        if (na != nb) fail(fa " has " na " lines of matrices, " fb " has " nb)
        worst = 0; where = ""; count = 0
        for (i = 1; i <= na; i++) {
            n = split(a[i], x, " "); m = split(b[i], y, " ")
            if (x[1] ~ /^[A-Za-z]/) {                    # a header: name rows cols
                if (a[i] != b[i]) fail("line " i ": " a[i] " against " b[i])
                if (name != "") printf "  %-8s %-12s largest relative difference %.3g\n", name, shape, mworst
                name = x[1]; shape = x[2] "x" x[3]; mworst = 0; row = 0
                continue
            }
            if (n != m) fail(name " row " row + 1 ": " n " numbers against " m)
            row++
            for (j = 1; j <= n; j++) {
                d = x[j] - y[j]; d = d < 0 ? -d : d
                s = x[j] < 0 ? -x[j] : x[j]; if (s < floor) s = floor
                r = d / s; count++
                if (r > mworst) mworst = r
                if (r > worst) { worst = r; where = name ", row " row ", column " j }
            }
        }
        if (name != "") printf "  %-8s %-12s largest relative difference %.3g\n", name, shape, mworst
        if (worst == 0) printf "%d numbers, every one the same\n", count
        else printf "%d numbers; the largest relative difference is %.3g (%s)\n", count, worst, where
        if (tol != "" && worst > tol + 0) { printf "more than the tolerance %s\n", tol; exit 1 }
    }' "$1" "$2"
