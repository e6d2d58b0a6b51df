#!/bin/sh
# The memconform benchmark, interpreter part: times each program of
# bench/programs on each backend with hyperfine, and prints the median times
# side by side, each model with its ratio to the real interpreter it models.
# The last row, fuzz_mix, runs FUZZ_PROGRAMS programs of `memconform fuzz`
# (seed 7000) one after another: small programs, where start-up counts.
# Usage: run.sh PYMODEL MEMCONFORM [RUNS]
# A backend is one line of BACKENDS: "label|reference|command" (the
# program's path is appended; reference: the label of the backend listed
# before it that its ratio is to, or empty); a backend whose command is
# missing is skipped. The real interpreters run as backends.toml runs them
# (start-up pinned with -S, PyPy's nursery pinned), and as their binaries:
# a pyenv shim would add tens of milliseconds to every run.
set -eu
PYMODEL=$(realpath "$1")
MEMCONFORM=$(realpath "$2")
RUNS=${3:-5}
FUZZ_PROGRAMS=40
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/real_binary.sh"
BACKENDS="python3||$(real_binary python3) -S -u
pymodel cpython-3.11|python3|$PYMODEL --runtime cpython-3.11
pypy3||env PYPY_GC_NURSERY=1M $(real_binary pypy3) -S -u
pymodel pypy-7.3|pypy3|$PYMODEL --runtime pypy-7.3"

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The fuzz programs, one file each, and a script that runs them all with
# the command it is given.
mkdir "$WORK/fuzz"
(cd "$HERE/.." && "$MEMCONFORM" fuzz --backend pymodel-cpython-3.11 --against python3 --seed 7000 \
    --count "$FUZZ_PROGRAMS" --show) |
    awk -v dir="$WORK/fuzz" '/^# seed / { file = sprintf("%s/%s.py", dir, $3) } file { print > file }'
[ "$(ls "$WORK/fuzz" | wc -l)" -eq "$FUZZ_PROGRAMS" ] || { echo "bench: memconform fuzz --show failed" >&2; exit 2; }
mkdir "$WORK/files"  # what the programs write
cat >"$WORK/fuzz_mix" <<EOF
#!/bin/sh
cd "$WORK/files"
for program in "$WORK"/fuzz/*.py; do "\$@" "\$program" >/dev/null 2>&1 || true; done
EOF
chmod +x "$WORK/fuzz_mix"

# median <label> <command> <program>: hyperfine's median time in seconds.
median() {
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$WORK/out.csv" \
        --command-name "$1" "$2" >/dev/null 2>&1 || { echo "-"; return; }
    awk -F, 'NR == 2 { print $4 }' "$WORK/out.csv"
}

# The program a command runs: its first word, or the one after `env VAR=...`.
program_of() {
    for word in $1; do
        case $word in env | *=*) ;; *) echo "$word"; return ;; esac
    done
}

printf '%-16s' "program"
echo "$BACKENDS" | while IFS='|' read -r label reference cmd; do printf '%24s' "$label"; done
echo
for program in "$HERE"/programs/*.py fuzz_mix; do
    name=$(basename "$program" .py)
    printf '%-16s' "$name"
    rm -f "$WORK"/time.*
    echo "$BACKENDS" | while IFS='|' read -r label reference cmd; do
        if ! command -v "$(program_of "$cmd")" >/dev/null; then printf '%24s' "(absent)"; continue; fi
        if [ "$program" = fuzz_mix ]; then t=$(median "$label" "$WORK/fuzz_mix $cmd")
        else t=$(median "$label" "$cmd $program"); fi
        echo "$t" >"$WORK/time.$label"
        if [ "$t" = "-" ]; then printf '%24s' "failed"; continue; fi
        ref=$(cat "$WORK/time.$reference" 2>/dev/null || echo "-")
        ratio=$(awk -v t="$t" -v r="$ref" 'BEGIN { if (r > 0) printf "%.2fx", t / r; else print "" }')
        printf '%16.3fs %6s' "$t" "$ratio"
    done
    echo
done
echo "(median of $RUNS runs after a warmup; a model's ratio = its time / the real interpreter's;"
echo " fuzz_mix: $FUZZ_PROGRAMS programs of memconform fuzz --seed 7000, run one after another)"
