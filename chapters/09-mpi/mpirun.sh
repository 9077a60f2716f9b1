#!/bin/bash
# Start chapter 09's program with mpirun on this machine: --ranks N processes (default 2).
#   bash chapters/09-mpi/mpirun.sh PROGRAM [--ranks N] [OPTIONS...]
# It adds what this machine needs and nothing else: --allow-run-as-root only when
# running as root (mpirun refuses root otherwise), --oversubscribe only when N is
# more than the cores (mpirun refuses more ranks than cores otherwise), and -q,
# because the program says its own errors in one line, from rank 0. It prints the
# command it runs. On a cluster, run mpirun yourself (the chapter's page shows how).
set -u
prog=$1
shift
ranks=2
args=()
while [ $# -gt 0 ]; do
    case $1 in
    --ranks) ranks=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --ranks=*) ranks=${1#--ranks=}; shift ;;
    *) args+=("$1"); shift ;;
    esac
done
case $ranks in
'' | *[!0-9]* | 0*)
    echo "ch09: --ranks: expected a whole number of processes from 1, got '$ranks'" >&2
    exit 2 ;;
esac
command -v mpirun >/dev/null 2>&1 || { echo "ch09: mpirun is not installed (sh common/deps.sh mpi)" >&2; exit 1; }
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-run-as-root)
[ "$ranks" -gt "$(nproc 2>/dev/null || echo 1)" ] && extra+=(--oversubscribe)
[ "${MPIRUN_QUIET:-}" = yes ] || echo "+ mpirun -q ${extra[*]}${extra[*]:+ }-np $ranks $prog${args[*]:+ ${args[*]}}"
exec mpirun -q "${extra[@]}" -np "$ranks" "$prog" "${args[@]}"
