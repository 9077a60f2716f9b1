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
# Open MPI's start-up, cut for the many short runs here (the learner's runs keep its defaults): shared
# memory and the process itself as the only transports, without probing for UCX's network devices, and a
# process started without mpirun as a world of its own (no orted daemon; the SIGTERM test below starts
# one, for the threads it looks at).
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader OMPI_MCA_osc=^ucx OMPI_MCA_ess_singleton_isolated=1 OMPI_MCA_mpi_yield_when_idle=1
NP2=$T/np2/ch09
NP4=$T/np4/ch09
S=(--train-limit 500 --test-limit 100 --epochs 1)
weights_of() { grep -v '^#' "$1/weights.txt"; }

# Tests that mostly wait run side by side (an error under mpirun: mpirun gives the other ranks a
# second to stop before it ends), each in a subshell with stdout and stderr files of its own;
# collect prints their results and counts them, in the order they were started.
bg_pids=()
beside() { # beside COMMAND...: a test, or a function of tests, run beside the others
    local k=${#bg_pids[@]}
    (OUT=$T/bg$k.out ERR=$T/bg$k.err; "$@") >"$T/bg$k.log" 2>&1 &
    bg_pids+=($!)
}
collect() {
    local k
    for k in "${!bg_pids[@]}"; do
        wait "${bg_pids[k]}"
        cat "$T/bg$k.log"
        t_passed=$((t_passed + $(grep -c '^ok    ' "$T/bg$k.log")))
        t_failed=$((t_failed + $(grep -c '^FAIL  ' "$T/bg$k.log")))
    done
    bg_pids=()
}

# A plain IDX set NAME of N images of R x C pixels in DIR, made here: image k is of class k mod 10,
# a bright bar on row (k mod 10) mod R of a dim background (a set a network learns in an epoch or two).
#   idx_small DIR NAME N R C
idx_small() {
    local dir=$1 name=$2 n=$3 r=$4 c=$5
    mkdir -p "$dir"
    { printf '\0\0\10\3'; be32 "$n"; be32 "$r"; be32 "$c"
      LC_ALL=C awk -v n="$n" -v r="$r" -v c="$c" 'BEGIN { for (k = 0; k < n; k++) for (i = 0; i < r; i++)
          for (j = 0; j < c; j++) printf "%c", i == (k % 10) % r ? 200 + (j + k) % 50 : (i * j + k) % 40 }'
    } >"$dir/$name-images-idx3-ubyte"
    { printf '\0\0\10\1'; be32 "$n"; LC_ALL=C awk -v n="$n" 'BEGIN { for (k = 0; k < n; k++) printf "%c", k % 10 }'
    } >"$dir/$name-labels-idx1-ubyte"
}

# The ring allreduce's time as a formula, written out: the third exercise's answer.
RING='2 *\( *P *- *1 *\)|bytes *[/}] *\(? *P|frac\{\\text\{bytes\}\}\{P'
PAGE=chapters/09-mpi/README.md

# --- bad options under mpirun, and --bench-allreduce: started now, beside the rest, counted at the end -----
bench() {
    expect_ok "--bench-allreduce on 2 ranks, a batch of 4096 (2048 a rank) and 100 images" --bench-allreduce \
        --batch 4096 --hidden 1 --train-limit 100 --min-time 0.001 --out "$T/bench"
    check "... times a step of 4096 images (the 100, over and over) and one of 1024" \
        grep -q 'ms for a batch of 4096, .* ms for 1024\.$' "$OUT"
    check "... writes allreduce.csv and model.csv" test -s "$T/bench/allreduce.csv" -a -s "$T/bench/model.csv"
    check "... prints the model, and not the ring's formula (the third exercise's answer)" \
        bash -c "grep -q '^A model, not a measurement' '$OUT' && ! grep -qE '$RING' '$OUT'"
}
PROG=$NP2
beside bench
beside expect_error "two ranks: --batch smaller than the ranks" 2 "--batch 1 is smaller than the 2 ranks" --batch 1 --train-limit 10
beside expect_error "two ranks: a bad option, said once" 2 "--lr: must be greater than 0, got '-1'" --lr -1
beside expect_error "two ranks: a missing data set, said once" 2 "nope/train-images-idx3-ubyte.gz: cannot open" \
    --data "$T/nope" --out "$T/x"
beside expect_error "two ranks: --fail-at a rank that is not there" 2 "--fail-at: there is no rank 5 in a run of 2" \
    --fail-at 5:1 --train-limit 10
PROG=$T/np3/ch09
beside expect_error "--deterministic on 3 ranks" 2 "it runs on 1, 2 or 4 ranks, not 3" --deterministic --train-limit 10

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
# (482 images: the last batch holds 2, so two of its 4 shares are empty)
DS=(--train-limit 482 --test-limit 100 --epochs 1 --deterministic --momentum 0.5 --quiet)
PROG=$ALONE
expect_ok "--deterministic, one rank (a last batch of 2: two of its 4 shares empty)" "${DS[@]}" --out "$T/d1"
PROG=$NP2
expect_ok "--deterministic, two ranks" "${DS[@]}" --out "$T/d2"
PROG=$NP4
expect_ok "--deterministic, four ranks (more than the cores: --oversubscribe)" "${DS[@]}" --out "$T/d4"
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

# --- the work space at its limits: the rows each rank gathers ---------------------------------------
PROG=$NP2
expect_ok "the largest --batch, 60000, on 2 ranks and 500 images (one batch an epoch)" --batch 60000 \
    --train-limit 500 --test-limit 100 --epochs 1 --quiet --out "$T/b60000"
check "... one step an epoch, of the 500 images" test "$(cut -d, -f3,6 "$T/b60000/timing.csv" | sed -n 2p | cut -d, -f1)" = 60000
expect_ok "--batch 2 on 2 ranks, 101 images: the last batch (1 image) leaves rank 1 nothing" --batch 2 \
    --train-limit 101 --test-limit 20 --epochs 1 --quiet --out "$T/b2"
PROG=$ALONE
"$ALONE" --batch 2 --train-limit 101 --test-limit 20 --epochs 1 --quiet --out "$T/b2one" >/dev/null 2>&1
check "... and ends with one rank's weights (1e-12)" same_numbers "$T/b2/weights.txt" "$T/b2one/weights.txt" 1e-12 1

# --- images of another size: the network's inputs are the images' pixels ----------------------------------
idx_small "$T/small" train 300 10 10
idx_small "$T/small" t10k 100 10 10
PROG=$NP2
expect_ok "10 x 10 images on 2 ranks" --data "$T/small" --hidden 16 --epochs 3 --batch 10 --lr 2 --out "$T/small-out"
check "... a 100-16-10 network" grep -q "^Chapter 09: chapter 04's 100-16-10 network on 2 ranks" "$OUT"
check "... whose W1 is 100 x 16" grep -qx 'W1 100 16' "$T/small-out/weights.txt"
check "... and it learns the bars (test accuracy above 90%)" \
    awk -F, 'NR == 4 { exit !($5 > 90) }' "$T/small-out/epochs.csv"
PROG=$ALONE
mkdir -p "$T/mixed" && cp "$T/small/train-"* "$T/mixed/"
idx_small "$T/mixed" t10k 20 8 8
expect_error "training images of 10 x 10, test images of 8 x 8" 2 "the test images are 8x8 but the training images 10x10" \
    --data "$T/mixed" --out "$T/x"
expect_error "784-pixel weights on images of 100 pixels" 2 "ch04/weights.txt: a 784-100-10 network; images of 100 pixels need 100-10 or 100-H-10" \
    --data "$T/small" --load-weights "$T/ch04/weights.txt" --out "$T/x"

# --- SIGTERM: the handler runs on the main thread, when what it reads is whole ----------------------------
PROG=$ALONE
OMPI_MCA_ess_singleton_isolated=0 "$ALONE" --train-limit 20000 --test-limit 100 --epochs 100 --quiet --out "$T/term" >"$OUT" 2>"$ERR" &
pid=$!
for i in $(seq 300); do [ -e "$T/term/epochs.csv.partial" ] && break; sleep 0.1; done
# the signals each thread blocks (SigBlk, in hexadecimal): SIGTERM, 15, is bit 14 (0x4000)
main_mask=$(sed -n 's/^SigBlk:\t*//p' "/proc/$pid/task/$pid/status" 2>/dev/null)
masks=$(for t in /proc/$pid/task/*; do [ "${t##*/}" = "$pid" ] || sed -n 's/^SigBlk:\t*//p' "$t/status"; done 2>/dev/null |
    tr '\n' ' ')
kill -TERM "$pid" 2>/dev/null
wait "$pid"
RC=$?
check "SIGTERM: every thread of the MPI library blocks it, the main thread does not (the handler runs there)" \
    bash -c "[ -n \"$main_mask\" ] && [ -n \"$masks\" ] && [ \$((0x$main_mask & 0x4000)) = 0 ] &&
        for m in $masks; do [ \$((0x\$m & 0x4000)) != 0 ] || exit 1; done"
check "... a run stopped by SIGTERM says so in one line and exits 143" \
    bash -c "[ $RC = 143 ] && [ \"\$(wc -l <'$ERR')\" = 1 ] && grep -q '^ch09: stopped' '$ERR'"
check "... and leaves no .partial file" test -z "$(find "$T/term" -name '*.partial')"

# --- a mistake only rank 0 finds (the files): every rank leaves by itself, with rank 0's code ---------------
# mpirun ends a run when one of its ranks exits with an error; told not to (orte_abort_on_non_zero_status),
# it shows whether the other ranks leave on their own or wait for rank 0 forever. Each rank's exit code
# is kept in own/rc-RANK.
mkdir -p "$T/own"
printf '#!/bin/sh\n"%s" "$@"\nrc=$?\necho $rc >"%s/rc-$OMPI_COMM_WORLD_RANK"\nexit $rc\n' "$ALONE" "$T/own" >"$T/own/ch09"
chmod +x "$T/own/ch09"
own() { # own NAME CODE TEXT ARGS...: 2 ranks, each on its own; then every rank exits CODE, one line with TEXT
    local name=$1 code=$2 text=$3 codes
    shift 3
    rm -f "$T"/own/rc-*
    OMPI_MCA_orte_abort_on_non_zero_status=0 MPIRUN_QUIET=yes timeout 20 \
        bash chapters/09-mpi/mpirun.sh "$T/own/ch09" --ranks 2 "$@" >"$OUT" 2>"$ERR"
    RC=$?
    codes=$(cat "$T"/own/rc-* 2>/dev/null | tr '\n' ' ')
    if [ $RC = 124 ]; then
        t_fail "$name" "still running after 20 s (ranks that left: exit ${codes:-none})"
    elif [ "$codes" != "$code $code " ]; then
        t_fail "$name" "the ranks' exit codes are '$codes', expected $code from each"
    elif [ "$(wc -l <"$ERR")" != 1 ] || ! grep -q "^ch09: .*$text" "$ERR"; then
        t_fail "$name" "expected one line on stderr with '$text', got: $(head -c 300 "$ERR")"
    else
        t_pass "$name"
    fi
}
own "2 ranks, a missing data set: every rank leaves with exit 2 by itself, rank 0 says why" 2 \
    "nope/train-images-idx3-ubyte.gz: cannot open" --data "$T/nope" --out "$T/x"
own "2 ranks, an --out that rank 0 cannot make: every rank leaves with exit 1 by itself" 1 \
    "cannot create directory '/proc/nn-course'" --out /proc/nn-course/out --train-limit 10

PROG=$ALONE
expect_error "--fail-at without a step" 2 "--fail-at: expected RANK:STEP, e.g. 1:40, got '1'" --fail-at 1
expect_error "--ranks given to the program" 2 "--ranks is for the launcher: mpirun -np 4" --ranks 4
expect_error "--momentum 1" 2 "--momentum: must be in [0, 1), got '1'" --momentum 1
expect_error "--min-time without --bench-allreduce" 2 "--min-time is for --bench-allreduce" --min-time 0.01
expect_error "--min-time over 10 s" 2 "--min-time: at most 10 seconds a size, got '11'" --bench-allreduce --min-time 11
expect_error "--resume with --load-weights" 2 "--resume continues a run with its own weights" --resume a --load-weights b
bash chapters/09-mpi/mpirun.sh "$ALONE" --ranks 0 >"$OUT" 2>"$ERR"
RC=$?
check "the launcher: --ranks 0 is refused in one line" bash -c "[ $RC = 2 ] && [ \"\$(wc -l <'$ERR')\" = 1 ] &&
    grep -qx \"ch09: --ranks: expected a whole number of processes from 1, got '0'\" '$ERR'"
"$NP2" --help >"$OUT" 2>"$ERR"
check "--help under mpirun: printed once" test "$(grep -c '^Usage: ' "$OUT")" = 1
collect

# --- the page ---------------------------------------------------------------------------------------
# The ring's formula only in the solution the learner opens on purpose, nowhere else the learner reads.
check "the page gives the ring's formula only in its solution" \
    bash -c "! awk 'index(\$0, \"\\\\solution{\") { s = 1 } !s; index(\$0, \"\\\\endsolution\") { s = 0 }' $PAGE |
        grep -qE '$RING'"
check "... and share.h (the API page) does not give it" bash -c "! grep -qE '$RING' chapters/09-mpi/share.h"
# The page's commands that start the program, in code blocks or in `spans` (which may wrap), work as
# written for root and others alike: mpirun only through the launcher, which adds --allow-run-as-root
# for root (bare mpirun only on a cluster, with --hostfile); --fail-at R:S (R > 0) on more than one
# rank; and an --out of their own, since build/ch09 holds the files that make ch09's report describes.
page_commands() {
    sed -n 's/^    \(.*build\/bin\/ch09.*\)$/\1/p' $PAGE
    grep -v '^    ' $PAGE | tr '\n' ' ' | awk -F'`' '{ for (i = 2; i <= NF; i += 2) print $i }' | tr -s ' ' |
        grep -E '^(\./build/bin/ch09|bash chapters/09-mpi/mpirun\.sh|mpirun)( |$)' | grep 'build/bin/ch09'
}
bad_commands=$(page_commands | while IFS= read -r c; do
    [[ $c == *' --help' ]] && continue
    if [[ $c == 'mpirun '* && $c != *--hostfile* ]] ||         # mpirun alone refuses root
        [[ $c == './build/bin/ch09 '* && $c =~ --fail-at\ [1-9] ]] ||    # no rank 1 in a run of one
        [[ ! $c =~ --out\ ([^ ]+) || ${BASH_REMATCH[1]%/} == build/ch09 ]]; then
        echo "$c"
    fi
done)
check "the page's commands work as written for root, and keep make ch09's files: $(page_commands | wc -l) commands" \
    test -z "$bad_commands"
[ -z "$bad_commands" ] || printf '      not as written: %s\n' "$bad_commands"
t_done
