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
# SERIAL=yes (the Makefile's SERIAL_NN): the extra runs go one at a time
# before the main run instead, each said as it starts, for chapters that time
# things (two runs at once would share the caches and the memory). A chapter's after.sh, when it has one, runs after
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

# Words split as the shell splits them, quotes and backslashes included
# (ARGS="--data 'my file.csv'"), but never run: xargs reads quotes, not $(...) or `...`.
split_words() { # split_words TEXT ARRAY: the words of TEXT into ARRAY, or status 1 (unbalanced quotes)
    if [[ $1 =~ ^[[:space:]]*$ ]]; then
        mapfile -d '' "$2" </dev/null       # no words (xargs would still run printf once)
        return 0
    fi
    printf '%s\n' "$1" | xargs printf '' 2>/dev/null || return 1
    mapfile -d '' "$2" < <(printf '%s\n' "$1" | xargs printf '%s\0')
}
if ! split_words "$args_text" args; then
    echo "make ch$nn: cannot read ARGS=\"$args_text\" (unbalanced quotes?)" >&2
    exit 2
fi
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
    --out=*) out=${args[i]#--out=} ;;
    --out) [ $((i + 1)) -lt ${#args[@]} ] && out=${args[i + 1]} ;;
    esac
done

# The default directory starts empty, so that no file of an earlier run is
# plotted as if this run had written them; but the earlier run is only set
# aside until this one has succeeded: a rejected option or a failed run puts
# it back, so a typo never costs the last good run (nor the plots that read it).
kept=""
if [ "$out" = "build/ch$nn" ] && [ -e "$out" ]; then
    kept=build/.ch$nn.previous
    rm -rf "$kept"
    mv "$out" "$kept"
fi
restore() { # the run failed or was interrupted: the previous run comes back
    [ -n "$kept" ] || return 0
    rm -rf "$out"
    mv "$kept" "$out"
}
report=$(mktemp)
lane=$(mktemp)
trap 'rm -f "$report" "$lane"; restore' EXIT
trap 'exit 130' INT TERM

# The extra runs (make chNN without ARGS) go in a lane of their own beside the
# main run when the machine has a second core; their reports follow the main one.
extra=()
lane_pid=""
if [ -z "$args_text" ] && [ $# -gt 0 ]; then
    mkdir -p "$out"
    serial=${SERIAL:-}
    [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] || serial=yes
    # one at a time, each said as it starts (they may take minutes): the runs of a chapter that
    # times things, or of a machine with one core; otherwise in a lane beside the main run
    [ "$serial" = yes ] && echo "First the $# runs the plots compare, one at a time:"
    (
        k=0
        for run in "$@"; do
            name=${run%%=*}
            k=$((k + 1))
            split_words "${run#*=}" run_args
            [ "$serial" = yes ] && printf '  %*d/%d  %-14s %s\n' ${##} $k $# "$name" "${run#*=}" >&3
            "${launch[@]}" "$prog" "${run_args[@]}" --out "$out/$name" >"$out/$name.txt" 2>&1 ||
                { echo "$prog ${run#*=} --out $out/$name failed:"; tail -1 "$out/$name.txt"; exit 1; }
        done
    ) 3>&1 >"$lane" &
    lane_pid=$!
    if [ "$serial" = yes ]; then
        wait "$lane_pid"
        lane_rc=$?
        [ $lane_rc = 0 ] || { cat "$lane" >&2; exit $lane_rc; }
    fi
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
    [ "$serial" = yes ] || { wait "$lane_pid"; lane_rc=$?; }
    cat "$lane" >&2
    [ $rc != 0 ] || rc=$lane_rc
fi
[ $rc = 0 ] || exit $rc
rm -rf "$kept"      # this run stands: the previous one goes
kept=""
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
rm -f "$report" "$lane"      # exec replaces this shell: its EXIT trap would not run
exec bash common/plot.sh "$nn" "$out" "${extra[@]}"
