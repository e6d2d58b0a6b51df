#!/bin/sh
# The memory benchmark: peak RSS per live instance of each program of
# bench/memory (LIVE instances alive at once), on real CPython and on
# pymodel's CPython model: (the program's peak RSS - an empty program's) /
# LIVE, the median of RUNS runs. Usage: memory.sh PYMODEL [RUNS]
set -eu
PYMODEL=$1
RUNS=${2:-3}
LIVE=1000000
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/real_binary.sh"
PYTHON3="$(real_binary python3) -S -u"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
: >"$WORK/empty.py"

# peak_kib <command> <program>: the median peak RSS of RUNS runs, in KiB.
peak_kib() {
    for run in $(seq "$RUNS"); do
        /usr/bin/time -f '%M' -o "$WORK/rss" $1 "$2" >/dev/null
        cat "$WORK/rss"
    done | sort -n | awk -v runs="$RUNS" '{ m[NR] = $1 } END { print m[int((runs + 1) / 2)] }'
}

printf '%-12s | %12s %10s | %12s %10s | %6s\n' program "python3 MiB" bytes/inst "pymodel MiB" bytes/inst ratio
py_empty=$(peak_kib "$PYTHON3" "$WORK/empty.py")
model_empty=$(peak_kib "$PYMODEL --runtime cpython-3.11" "$WORK/empty.py")
for program in "$HERE"/memory/*.py; do
    sed -e "s/^LIVE = .*/LIVE = $LIVE/" "$program" >"$WORK/program.py"
    py=$(peak_kib "$PYTHON3" "$WORK/program.py")
    model=$(peak_kib "$PYMODEL --runtime cpython-3.11" "$WORK/program.py")
    awk -v name="$(basename "$program" .py)" -v py="$py" -v pe="$py_empty" -v model="$model" -v me="$model_empty" \
        -v live="$LIVE" 'BEGIN {
            pb = (py - pe) * 1024 / live; mb = (model - me) * 1024 / live
            printf "%-12s | %12.1f %10.0f | %12.1f %10.0f | %5.2fx\n", name, py / 1024, pb, model / 1024, mb, mb / pb }'
done
echo "(peak RSS, median of $RUNS runs; bytes/inst = (peak - an empty program's peak) / $LIVE live instances)"
