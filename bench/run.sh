#!/bin/sh
# The memconform benchmark: times each program of bench/programs on each
# backend with hyperfine, and prints the mean times side by side with their
# ratio to real CPython. Usage: run.sh PYMODEL [RUNS]
# A backend is one line of BACKENDS: "label|command" (the program's path is
# appended); a backend whose command is missing is skipped. Add the PyPy
# model's column here when it exists.
set -eu
PYMODEL=$1
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
BACKENDS="python3|python3 -u
pymodel cpython-3.11|$PYMODEL --runtime cpython-3.11
pypy3|pypy3 -u"
REFERENCE=python3

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# mean <label> <program>: hyperfine's mean time in seconds.
mean() {
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/out.csv" \
        --command-name "$1" "$2 $3" >/dev/null 2>&1 || { echo "-"; return; }
    awk -F, 'NR == 2 { print $2 }' "$WORK/out.csv"
}

printf '%-16s' "program"
echo "$BACKENDS" | while IFS='|' read -r label cmd; do printf '%24s' "$label"; done
echo
for program in "$HERE"/programs/*.py; do
    name=$(basename "$program" .py)
    printf '%-16s' "$name"
    ref=""
    echo "$BACKENDS" | while IFS='|' read -r label cmd; do
        if ! command -v "${cmd%% *}" >/dev/null; then printf '%24s' "(absent)"; continue; fi
        t=$(mean "$label" "$cmd" "$program")
        if [ "$label" = "$REFERENCE" ]; then ref=$t; fi
        if [ "$t" = "-" ]; then printf '%24s' "failed"; continue; fi
        ratio=$(awk -v t="$t" -v r="$ref" 'BEGIN { if (r > 0) printf "%.2fx", t / r; else print "" }')
        printf '%16.3fs %6s' "$t" "$ratio"
    done
    echo
done
echo "(mean of $RUNS runs after a warmup; ratio = time / $REFERENCE's time)"
