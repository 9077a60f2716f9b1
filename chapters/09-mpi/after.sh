#!/bin/bash
# make ch09, after its runs: the scaling runs' timings side by side in OUT/scaling.csv, for
# ch09-scaling: for each number of ranks and batch, the fastest of its three rounds (this
# machine's other work only ever slows a run down: the fastest is the least disturbed).
#   bash chapters/09-mpi/after.sh OUT PROGRAM
set -u
out=$1
{
    echo "ranks,batch,seconds,comm_seconds,samples_per_second"
    for b in 32 256; do
        for r in 1 2 4; do
            cat "$out"/r$r-b$b-*/timing.csv 2>/dev/null |
                awk -F, '$1 ~ /^[0-9]+$/ && (best == "" || $4 < best) { best = $4; line = $2 "," $3 "," $4 "," $5 "," $6 }
                         END { if (line != "") print line }'
        done
    done
} >"$out/scaling.csv"
echo
echo "An epoch of 20 000 images on 1, 2 and 4 ranks (4 share the 2 cores), the fastest of three rounds:"
awk -F, 'NR > 1 { printf "  %d rank%s, batch %3d: %5.2f s, %5.1f%% of it in MPI_Allreduce, %6d samples/s\n", $1,
    $1 == 1 ? " " : "s", $2, $3, 100 * $4 / $3, $5 }' "$out/scaling.csv" | tee "$out/scaling.txt"
