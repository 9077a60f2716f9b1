#!/bin/bash
# make memcheck: every chapter program with its defaults under valgrind:
# no invalid access, no uninitialised value, no leak of any kind.
#   bash common/memcheck.sh BUILD_DIR NN...
set -u
source "$(dirname "$0")/declared.sh"
B=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for n in "$@"; do
    log=$tmp/ch$n.log
    args=$(tiny_args "$n")
    echo "== valgrind: $B/bin/ch$n with its defaults${args:+ but $args}"
    # (HWLOC_COMPONENTS: Open MPI's hardware probe says on stderr that it cannot run under valgrind: it need not try)
    supp=(--suppressions=common/valgrind.supp)
    for s in chapters/"$n"-*/valgrind.supp; do     # a chapter's own: a library only it uses
        [ -f "$s" ] && supp+=(--suppressions="$s")
    done
    HWLOC_COMPONENTS=-x86 valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all "${supp[@]}" \
        --errors-for-leak-kinds=all --track-origins=yes \
        "$B/bin/ch$n" $args --quiet --out "$tmp/out$n" >/dev/null 2>"$log"
    rc=$?
    if [ $rc = 0 ] && [ ! -s "$log" ]; then
        echo "   no errors, no leaks"
        passed=$((passed + 1))
    else
        echo "   FAIL (exit $rc):"
        head -30 "$log" | sed 's/^/   /'
        failed=$((failed + 1))
    fi
done
echo "memcheck: $passed passed, $failed failed"
[ $failed = 0 ]
