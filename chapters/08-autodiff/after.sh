#!/bin/bash
# make ch08, after its runs: chapter 03's hand-written backward pass on the
# starting weights of chapter 08's default run (OUT/weights0.txt), for the
# plots that set the tape beside it: chapter 03's gradient there, compared
# number by number (OUT/agreement.csv), and chapter 03's training from there
# (OUT/hand/loss.csv). Chapter 08 never includes chapter 03's code: the two
# programs meet through their files.
#   bash chapters/08-autodiff/after.sh OUT PROGRAM
set -u
out=$1
prog=$2
ch03=$(dirname "$prog")/ch03
[ -f "$out/weights0.txt" ] || exit 0     # a run of the fashion task: nothing of chapter 03's to compare
echo
echo "+ $ch03 --load-weights $out/weights0.txt --gradients $out/hand-gradients.txt"
"$ch03" --load-weights "$out/weights0.txt" --gradients "$out/hand-gradients.txt" || exit
echo "+ $prog --load-weights $out/weights0.txt --against $out/hand-gradients.txt"
"$prog" --load-weights "$out/weights0.txt" --against "$out/hand-gradients.txt" --out "$out" | tee "$out/agreement.txt" ||
    exit
echo "+ $ch03 --load-weights $out/weights0.txt --quiet --out $out/hand"
"$ch03" --load-weights "$out/weights0.txt" --quiet --out "$out/hand" | grep '^Final' || exit
# chapter 03 sums its loss with compensation, the tape plainly: the same curve to about 1e-15
paste -d, "$out/loss.csv" "$out/hand/loss.csv" | awk -F, 'NR > 1 { d = $2 - $4; d = d < 0 ? -d : d; r = d / ($4 < 0 ? -$4 : $4)
    if (r > worst) worst = r } END { printf "Loss by the tape and by hand, every epoch: within %.1g of each other.\n", worst }'
cmp -s <(grep -v '^#' "$out/weights.txt") <(grep -v '^#' "$out/hand/weights.txt") &&
    echo "Weights after training: the same, to the last bit." ||
    echo "Weights after training: not the same bits (see the weight files)."
