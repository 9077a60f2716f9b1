#!/bin/bash
# Draw chapter NN's plots (plots/chNN-*.gp) from the files of one run.
#   bash common/plot.sh NN [DIR [MORE_DIR...]]   DIR: the run's --out (default build/chNN)
# The plots go to $PLOTS (default build/plots).
#
# A script is drawn only when every file it reads (each data."/name" it
# names) is in DIR, so that no plot shows a file an earlier run left; the
# others are listed with the file the run did not write. MORE_DIRs are the
# chapter's extra runs (make chNN without ARGS): a script whose files are not
# in DIR is drawn from the first of them that has them all (chapter 04's
# templates come from its --hidden 0 run). A script with a line "# drawn for: ..."
# plots one kind of run: it is drawn from DIR only, and the line says which runs. A script with a line
# "# drawn from the run NAME when there is one" takes the extra run NAME first (chapter 10's
# embedding plot, from its run with a 2-D embedding), DIR otherwise. gnuplot's chatter
# ("30 frames in animation sequence", the NaN gaps of a mosaic) is dropped;
# its errors are not. Graphviz files the run wrote (DIR/NAME.dot) are drawn as chNN-NAME.png.
set -u
nn=$1
main_dir=${2:-build/ch$nn}
shift $(($# < 2 ? $# : 2))
plots=${PLOTS:-build/plots}
mkdir -p "$plots"
errs=$(mktemp)
trap 'rm -f "$errs"' EXIT
drawn=()
# (bash's own words and patterns below, not basename, grep and sed: make check draws
# dozens of plots, and a process start costs more than the reading)
for gp in plots/ch$nn-${ONLY:-*}.gp; do          # ONLY=best: that plot alone
    name=${gp##*/}
    name=${name%.gp}
    old=("$plots/$name".*)
    [ ! -e "${old[0]}" ] || rm -f "${old[@]}"
    # what the script says of itself, and each file data."/NAME" it reads
    mapfile -t lines <"$gp"
    only_this="" prefer="" hint="" reads=" "
    for line in "${lines[@]}"; do
        if [[ $line == "# drawn for: "* ]]; then
            only_this=yes
            [ -n "$hint" ] || hint=${line#"# drawn for: "}
        fi
        [[ $line =~ ^#\ drawn\ from\ the\ run\ ([^ ]*)\ when\ there\ is\ one ]] && prefer=${BASH_REMATCH[1]}
        while [[ $line =~ data\.\"/([^\"]*)\" ]]; do
            [[ $reads == *" ${BASH_REMATCH[1]} "* ]] || reads="$reads${BASH_REMATCH[1]} "
            line=${line#*"${BASH_REMATCH[0]}"}
        done
    done
    dir=""
    dirs=("$main_dir" "$@")
    [ -n "$only_this" ] && dirs=("$main_dir")   # a plot of one kind of run: that run's files only
    for d in "$@"; do
        [ -n "$prefer" ] && [ "${d##*/}" = "$prefer" ] && dirs=("$d" "${dirs[@]}")
    done
    for d in "${dirs[@]}"; do
        missing=""
        for f in $reads; do
            [ -s "$d/$f" ] || missing="$missing $f"
        done
        [ -z "$missing" ] && { dir=$d; break; }
        [ "$d" = "$main_dir" ] && main_missing=$missing
    done
    if [ -z "$dir" ]; then
        main_missing=$(printf ' %s' $(printf '%s\n' $main_missing | sort -u))
        echo "Not drawn: $name (this run wrote no$main_missing in $main_dir${hint:+; it is drawn for $hint})"
        continue
    fi
    gnuplot -e "data='$dir'; out='$plots'" "$gp" 2>"$errs"
    rc=$?
    [ ! -s "$errs" ] || grep -v -e 'frames in animation sequence$' -e 'matrix contains missing or undefined values$' "$errs" >&2
    if [ $rc != 0 ]; then
        echo "plot.sh: gnuplot failed on $gp (exit $rc)" >&2
        exit 1
    fi
    drawn+=("$plots/$name".*)
done
# Graphs a run wrote in Graphviz's language (chapter 08): DIR/NAME.dot becomes chNN-NAME.png;
# a chNN picture without a script is an earlier run's graph, removed like the plots above.
for png in "$plots"/ch$nn-*.png; do
    name=${png##*/}
    [ -f "$png" ] && [ ! -f "plots/${name%.png}.gp" ] && rm -f "$png"
done
for gv in "$main_dir"/*.dot; do
    [ -f "$gv" ] || continue
    name=${gv##*/}
    name=ch$nn-${name%.dot}
    if ! command -v dot >/dev/null 2>&1; then
        echo "Not drawn: $name (Graphviz's dot is not installed: sh common/deps.sh graphviz)"
        continue
    fi
    dot -Tpng "$gv" -o "$plots/$name.png" || { echo "plot.sh: dot failed on $gv" >&2; exit 1; }
    drawn+=("$plots/$name.png")
done
[ ${#drawn[@]} = 0 ] || echo "Plots: ${drawn[*]}"
