#!/bin/bash
# make chNN: run chapter NN's program, then draw its plots of that run.
#   ARGS="..." bash common/chapter.sh NN PROGRAM [NAME=RUN_ARGS...]
#
# ARGS (make chNN ARGS="...", which make exports, so that any quotes in it
# reach this script intact) go to the program, so that any run can be
# plotted, not only the defaults. Without ARGS the chapter's extra runs are
# made as well (beside the main run, on a second core), each NAME=RUN_ARGS
# writing to build/chNN/NAME and its report to build/chNN/NAME.txt: the runs
# some plots compare (chapter 02's studies).
# What the program printed is kept in OUT/report.txt, which the chapter's page
# quotes: the page shows what `make chNN` shows.
# LAUNCH=SCRIPT (the Makefile's LAUNCH_NN): the program is started by
# `bash SCRIPT PROGRAM ARGS...` (chapter 09's mpirun), which prints what it runs.
# SERIAL=yes (the Makefile's SERIAL_NN): the extra runs wait for the main run
# instead, for chapters that time things (two runs at once would share the
# caches and the memory). A chapter's after.sh, when it has one, runs after
# them all (make chNN without ARGS) with OUT and PROGRAM: chapter 06 races
# numpy there.
set -u
nn=$1
prog=$2
args_text=${ARGS:-}
shift 2
out=build/ch$nn

launch=()
[ -n "${LAUNCH:-}" ] && launch=(bash "$LAUNCH")

# ARGS as the shell would split them, quotes included (ARGS="--data 'my file.csv'")
if ! eval "args=($args_text)" 2>/dev/null; then
    echo "make ch$nn: cannot read ARGS=\"$args_text\" (unbalanced quotes?)" >&2
    exit 2
fi
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
    --out=*) out=${args[i]#--out=} ;;
    --out) [ $((i + 1)) -lt ${#args[@]} ] && out=${args[i + 1]} ;;
    esac
done

# Only the default directory is emptied: files of an earlier run must not be
# plotted as if this run had written them.
[ "$out" = "build/ch$nn" ] && rm -rf "$out"
report=$(mktemp)
lane=$(mktemp)
trap 'rm -f "$report" "$lane"' EXIT

# The extra runs (make chNN without ARGS) go in a lane of their own beside the
# main run when the machine has a second core; their reports follow the main one.
extra=()
lane_pid=""
if [ -z "$args_text" ] && [ $# -gt 0 ]; then
    mkdir -p "$out"
    [ "${SERIAL:-}" = yes ] && echo "First the runs the plots compare, one at a time: ${*%%=*}"
    (
        for run in "$@"; do
            name=${run%%=*}
            eval "run_args=(${run#*=})"
            "${launch[@]}" "$prog" "${run_args[@]}" --out "$out/$name" >"$out/$name.txt" 2>&1 ||
                { echo "$prog ${run#*=} --out $out/$name failed:"; tail -1 "$out/$name.txt"; exit 1; }
        done
    ) >"$lane" &
    lane_pid=$!
    [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && [ "${SERIAL:-}" != yes ] || wait "$lane_pid"
    for run in "$@"; do
        extra+=("$out/${run%%=*}")
    done
fi

# shown as it comes (a long run reports each epoch), line by line though stdout is a
# pipe; stdbuf preloads a library, which a sanitizer build refuses: then without it
linebuf=()
stdbuf -oL "$prog" --help >/dev/null 2>&1 && linebuf=(stdbuf -oL)
[ ${#launch[@]} = 0 ] && echo "+ $prog${args_text:+ $args_text}"
"${linebuf[@]}" "${launch[@]}" "$prog" "${args[@]}" | tee "$report"
rc=${PIPESTATUS[0]}
if [ -n "$lane_pid" ]; then
    wait "$lane_pid"
    lane_rc=$?
    cat "$lane" >&2
    [ $rc != 0 ] || rc=$lane_rc
fi
[ $rc = 0 ] || exit $rc
if [ ! -d "$out" ]; then
    echo "This run wrote no files in $out: nothing to plot."
    exit 0
fi
cat "$report" >"$out/report.txt"
for run in "$@"; do
    [ -n "$lane_pid" ] || break
    [ ${#launch[@]} = 0 ] && echo "+ $prog ${run#*=} --out $out/${run%%=*}"
    cat "$out/${run%%=*}.txt"
done
after=$(ls chapters/"$nn"-*/after.sh 2>/dev/null)
if [ -z "$args_text" ] && [ -n "$after" ]; then
    bash "$after" "$out" "$prog" || exit
fi
exec bash common/plot.sh "$nn" "$out" "${extra[@]}"
