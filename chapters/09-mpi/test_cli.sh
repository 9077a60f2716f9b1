#!/bin/bash
# Chapter 09's program end to end: alone and under mpirun (2 and 4 ranks, on slices of the data),
# against chapter 04 through the files both write, checkpoints and a killed rank, and bad input.
#   bash test_cli.sh build/bin/ch09
source "$(dirname "$0")/../../common/testlib.sh"
t_init "$1"
BIN=$(dirname "$PROG")
ALONE=$PROG
# ch09 under mpirun with N ranks, as a program of the same name (the messages start with "ch09: ")
for n in 2 3 4; do
    mkdir -p "$T/np$n"
    printf '#!/bin/sh\nMPIRUN_QUIET=yes exec bash "%s" "%s" --ranks %d "$@"\n' \
        "$PWD/chapters/09-mpi/mpirun.sh" "$ALONE" "$n" >"$T/np$n/ch09"
    chmod +x "$T/np$n/ch09"
done
NP2=$T/np2/ch09
NP4=$T/np4/ch09
S=(--train-limit 500 --test-limit 100 --epochs 1)
weights_of() { grep -v '^#' "$1/weights.txt"; }

# --- alone, and against chapter 04 -----------------------------------------------------------
expect_ok "one process, without mpirun" "${S[@]}" --out "$T/one"
for f in epochs.csv timing.csv weights.txt; do
    check "writes $f" test -s "$T/one/$f"
done
check "a report line per epoch, with the share of communication" \
    grep -qE '^ +1 +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9]+ +[0-9.]+%$' "$OUT"
"$BIN/ch04" "${S[@]}" --quiet --out "$T/ch04" >/dev/null
check "one rank is chapter 04: the same weights (1e-12 of the weights' scale)" \
    same_numbers "$T/one/weights.txt" "$T/ch04/weights.txt" 1e-12 1
check "... and the same epochs.csv" cmp -s <(cut -d, -f1-5 "$T/one/epochs.csv") "$T/ch04/epochs.csv"

# --- two ranks: the same model ----------------------------------------------------------------
PROG=$NP2
expect_ok "two ranks under mpirun" "${S[@]}" --out "$T/two"
check "the report says 2 ranks, once" test "$(grep -c '^Test accuracy: .* on 2 ranks$' "$OUT")" = 1
check "two ranks end with one rank's weights (1e-12 of the weights' scale)" \
    same_numbers "$T/two/weights.txt" "$T/one/weights.txt" 1e-12 1
check "... but not with the same bits (the sums are added in another order)" \
    bash -c "! cmp -s '$T/two/weights.txt' '$T/one/weights.txt'"
expect_ok "--gradients on two ranks" --train-limit 700 --gradients "$T/g2.txt"
"$BIN/ch04" --train-limit 700 --gradients "$T/g4.txt" --load-weights "$T/ch04/weights.txt"
"$ALONE" --train-limit 700 --gradients "$T/g1.txt" --load-weights "$T/ch04/weights.txt"
"$NP2" --train-limit 700 --gradients "$T/g2w.txt" --load-weights "$T/ch04/weights.txt"
# (summed in another order than chapter 04's: equal to 1e-12 of each number, or of 1e-3 for the smallest)
check "--gradients: one rank and chapter 04 (1e-12)" same_numbers "$T/g1.txt" "$T/g4.txt" 1e-12 1e-3
check "--gradients: two ranks and chapter 04 (1e-12)" same_numbers "$T/g2w.txt" "$T/g4.txt" 1e-12 1e-3

# --- --deterministic: the same bits on 1, 2 and 4 ranks -------------------------------------------
PROG=$ALONE
expect_ok "--deterministic, one rank" "${S[@]}" --deterministic --momentum 0.5 --quiet --out "$T/d1"
PROG=$NP2
expect_ok "--deterministic, two ranks" "${S[@]}" --deterministic --momentum 0.5 --quiet --out "$T/d2"
PROG=$NP4
expect_ok "--deterministic, four ranks (more than the cores: --oversubscribe)" "${S[@]}" --deterministic \
    --momentum 0.5 --quiet --out "$T/d4"
check "--deterministic: 1 and 2 ranks, the same weights to the bit" cmp -s "$T/d1/weights.txt" "$T/d2/weights.txt"
check "--deterministic: 1 and 4 ranks, the same weights to the bit" cmp -s "$T/d1/weights.txt" "$T/d4/weights.txt"
check "--deterministic: the same epochs.csv" cmp -s "$T/d1/epochs.csv" "$T/d4/epochs.csv"

# --- checkpoints: a rank killed mid-epoch, and the run resumed ----------------------------------------
PROG=$NP2
R=(--train-limit 500 --test-limit 100 --epochs 2 --momentum 0.9 --lr 0.1 --quiet)
expect_ok "a run of two epochs with momentum" "${R[@]}" --out "$T/full"
run "${R[@]}" --checkpoint-every 5 --fail-at 1:23 --out "$T/killed"
check "--fail-at 1:23: rank 1 dies in epoch 2; mpirun stops the run (exit 137)" test $RC = 137
check "... and rank 0 says why, in one line" bash -c "[ \"\$(wc -l <'$ERR')\" = 1 ] && grep -q '^ch09: stopped by mpirun: another rank ended first' '$ERR'"
check "... nothing half written is left" test -z "$(find "$T/killed" -name '*.partial')"
check "... and the checkpoint of step 20 is there" grep -qx "step 20" "$T/killed/checkpoint/state.txt"
check "... with only its own files (those of step 15 are gone)" test "$(ls "$T/killed/checkpoint" | tr '\n' ' ')" = \
    "order-00000020.txt state.txt velocity-00000020.txt weights-00000020.txt "
expect_ok "--resume: the run continues" "${R[@]}" --resume "$T/killed/checkpoint" --out "$T/resumed"
check "--resume ends with the uninterrupted run's weights, to the bit" \
    cmp -s "$T/resumed/weights.txt" "$T/full/weights.txt"
PROG=$ALONE
expect_ok "--resume on one rank, from two ranks' checkpoint" "${R[@]}" --resume "$T/killed/checkpoint" --out "$T/res1"
check "... the same weights (1e-12 of the weights' scale)" same_numbers "$T/res1/weights.txt" "$T/full/weights.txt" 1e-12 1
expect_error "--resume with another --batch" 2 "that run had 500 training images, --batch 32, --lr 0.1, --momentum 0.9" \
    "${R[@]}" --batch 64 --resume "$T/killed/checkpoint" --out "$T/x"
expect_error "--resume from a directory that is not a checkpoint" 2 "state.txt: cannot open" \
    "${R[@]}" --resume "$T" --out "$T/x"
sed 's/^step 20$/step twenty/' "$T/killed/checkpoint/state.txt" >"$T/bad-state.txt"
mkdir -p "$T/badck" && cp "$T/killed/checkpoint/"* "$T/badck/" && cp "$T/bad-state.txt" "$T/badck/state.txt"
expect_error "--resume: a damaged state.txt, named with its line" 2 "badck/state.txt:2: 'step'" \
    "${R[@]}" --resume "$T/badck" --out "$T/x"

# --- bad options under mpirun: rank 0 says it, once ---------------------------------------------------
PROG=$NP2
expect_error "two ranks: --batch smaller than the ranks" 2 "--batch 1 is smaller than the 2 ranks" --batch 1 --train-limit 10
expect_error "two ranks: a bad option, said once" 2 "--lr: must be greater than 0, got '-1'" --lr -1
expect_error "two ranks: a missing data set, said once" 2 "nope/train-images-idx3-ubyte.gz: cannot open" --data "$T/nope"
expect_error "two ranks: --fail-at a rank that is not there" 2 "--fail-at: there is no rank 5 in a run of 2" \
    --fail-at 5:1 --train-limit 10
PROG=$T/np3/ch09
expect_error "--deterministic on 3 ranks" 2 "it runs on 1, 2 or 4 ranks, not 3" --deterministic --train-limit 10
PROG=$ALONE
expect_error "--fail-at without a step" 2 "--fail-at: expected RANK:STEP, e.g. 1:40, got '1'" --fail-at 1
expect_error "--ranks given to the program" 2 "--ranks is for the launcher: mpirun -np 4" --ranks 4
expect_error "--momentum 1" 2 "--momentum: must be in [0, 1), got '1'" --momentum 1
expect_error "--resume with --load-weights" 2 "--resume continues a run with its own weights" --resume a --load-weights b
bash chapters/09-mpi/mpirun.sh "$ALONE" --ranks 0 >"$OUT" 2>"$ERR"
RC=$?
check "the launcher: --ranks 0 is refused in one line" bash -c "[ $RC = 2 ] && [ \"\$(wc -l <'$ERR')\" = 1 ] &&
    grep -qx \"ch09: --ranks: expected a whole number of processes from 1, got '0'\" '$ERR'"
"$NP2" --help >"$OUT" 2>"$ERR"
check "--help under mpirun: printed once" test "$(grep -c '^Usage: ' "$OUT")" = 1
t_done
