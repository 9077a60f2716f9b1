#!/bin/bash
# make bench, chapter 09: an epoch on 1, 2 and 4 ranks (mpirun), and what the allreduce costs here.
#   bash chapters/09-mpi/bench.sh B TMP
source common/benchlib.sh
B=$1 tmp=$2
command -v mpirun >/dev/null 2>&1 || exit 0
rate9() { MPIRUN_QUIET=yes bash chapters/09-mpi/mpirun.sh "$B/bin/ch09" --ranks "$1" --batch "$2" --lr "$3" \
    --train-limit 20000 --test-limit 100 --epochs 1 --out "$tmp/b9" >/dev/null && sed -n '2s/.*,//p' "$tmp/b9/timing.csv"; }
echo "chapter 09: training samples/s, an epoch of 20000 images, median of 3 (4 ranks share the 2 cores)"
printf '  %-6s %12s %12s %12s\n' batch "1 rank" "2 ranks" "4 ranks"
for b in 32:0.5 256:4; do
    printf '  %-6s %12s %12s %12s\n' "${b%:*}" "$(median 3 rate9 1 "${b%:*}" "${b#*:}")" \
        "$(median 3 rate9 2 "${b%:*}" "${b#*:}")" "$(median 3 rate9 4 "${b%:*}" "${b#*:}")"
done
echo
MPIRUN_QUIET=yes bash chapters/09-mpi/mpirun.sh "$B/bin/ch09" --ranks 2 --bench-allreduce --out "$tmp/b9" ||
    { echo "ch09 --bench-allreduce failed"; exit 1; }
