#!/bin/sh
# The collector benchmark: gc.collect() on 10^4, 10^5 and 10^6 objects of
# cyclic garbage (rings of instances, each holding a list), on real CPython
# and on pymodel's CPython model. The program times its own gc.collect()
# calls (CPU time); this prints the median of RUNS runs, the time per
# object, and how each time grew from the size before (x10 is linear).
# The last column is pymodel's PyPy model on the same program: its
# gc.collect() traces the live objects only, so its time should not grow
# with the garbage. Usage: collector.sh PYMODEL [RUNS]
set -eu
PYMODEL=$1
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/real_binary.sh"
PYTHON3="$(real_binary python3) -S -u"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# median <command> <program>: "<objects found> <median ms>" over RUNS runs.
median() {
    for run in $(seq "$RUNS"); do $1 "$2"; done |
        sort -n -k2 | awk -v runs="$RUNS" '{ found = $1; t[NR] = $2 }
            END { printf "%d %.3f\n", found, t[int((runs + 1) / 2)] / 1e6 }'
}

printf '%-8s | %10s %8s %7s | %10s %8s %7s | %6s | %8s\n' objects "python3 ms" ns/obj growth \
    "pymodel ms" ns/obj growth ratio "pypy-7.3 model ms"
previous="0 0"
# Each size is collected often enough for 2*10^6 objects in all.
for n in 10000 100000 1000000; do
    sed -e "s/^OBJECTS = .*/OBJECTS = $n/" -e "s/^REPEAT = .*/REPEAT = $((2000000 / n))/" \
        "$HERE/collector/collect_cycles.py" > "$WORK/collect.py"
    set -- $(median "$PYTHON3" "$WORK/collect.py") \
        $(median "$PYMODEL --runtime cpython-3.11" "$WORK/collect.py") $previous \
        $(median "$PYMODEL --runtime pypy-7.3" "$WORK/collect.py")
    awk -v found="$1" -v py="$2" -v found_model="$3" -v model="$4" -v py_before="$5" -v model_before="$6" \
        -v pypy_model="$8" '
        function growth(t, before) { return before > 0 ? sprintf("x%.1f", t / before) : "" }
        BEGIN {
            if (found != found_model) { printf "python3 found %d objects, pymodel %d\n", found, found_model; exit 1 }
            printf "%-8d | %10.2f %8.1f %7s | %10.2f %8.1f %7s | %5.2fx | %8.2f\n", found,
                py, py * 1e6 / found, growth(py, py_before),
                model, model * 1e6 / found, growth(model, model_before), model / py, pypy_model }'
    previous="$2 $4"
done
echo "(ms: median over $RUNS runs of the mean CPU time of one gc.collect(); ratio = pymodel / python3)"
