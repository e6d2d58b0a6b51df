#!/usr/bin/env bash
# Runs each probe in probes/ through run.mjs and through a native CPython
# (REFERENCE, default python3) as `python3 -u FILE ARGS`, and compares what
# they leave: the merged stdout and stderr, the exit status, and the files
# left in the current directory. The comparison ignores what differs between
# CPython versions rather than launchers: traceback bodies (kept: the header
# and the exception line), the wording of "Exception ignored" headers, and
# hex addresses.
#
# A probe runs once with the arguments `A b`, or once for each of its
# `# argv: ARGS` lines.
#
# usage: test.sh [REFERENCE]     needs `npm ci --prefix tools/pyodide` first
set -u

here=$(cd "$(dirname "$0")" && pwd)
launcher=(node "$here/run.mjs")

# shellcheck source=tools/launcher_test.sh
. "$here/../launcher_test.sh"
require_node_package pyodide "$here"
# The interpreter itself, not a wrapper such as a pyenv shim that changes the
# environment it passes on.
reference=$("${1:-python3}" -c 'import sys; print(sys.executable)') || {
    echo "test.sh: no ${1:-python3}" >&2
    exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The outcome of running probe $2 with arguments $3 (split at spaces) and the
# interpreter command "$@" after them, in a fresh directory $1: output, exit
# status, then each file left and its text.
outcome() {
    local dir=$1 probe=$2 args=$3
    shift 3
    rm -rf "$dir" && mkdir -p "$dir" && cp "$probe" "$dir/"
    # shellcheck disable=SC2086 # the arguments are words
    (cd "$dir" && printf 'one\ntwo\n' | "$@" "$(basename "$probe")" $args 2>&1
     echo "[exit $?]")
    for f in "$dir"/*; do
        [ "$(basename "$f")" = "$(basename "$probe")" ] && continue
        echo "[file $(basename "$f")]"
        cat "$f"
    done
}

normalize() {
    sed -e "s|$work/[a-z]*|.|g" -e 's/0x[0-9a-f]*/0x?/g' \
        -e 's/Exception ignored[^<]*\(<[^>]*>\):\{0,1\}/Exception ignored: \1/' |
    awk '/^Traceback \(most recent call last\):$/ { print; body = 1; next }
         body && /^[ \t]/ { next }
         { body = 0; print }'
}

passed=0 failed=0
for probe in "$here"/probes/*.py; do
    runs=$(sed -n 's/^# argv: //p' "$probe")
    while read -r args; do
        name=$(basename "$probe" .py)${runs:+ $args}
        outcome "$work/expected" "$probe" "$args" "$reference" -u | normalize >"$work/expected.out"
        outcome "$work/actual" "$probe" "$args" "${launcher[@]}" | normalize >"$work/actual.out"
        if diff -u "$work/expected.out" "$work/actual.out" >"$work/diff"; then
            passed=$((passed + 1))
            echo "PASS $name"
        else
            failed=$((failed + 1))
            echo "FAIL $name"
            sed 's/^/    /' "$work/diff"
        fi
    done <<<"${runs:-A b}"
done

# The version queries answer for the interpreter inside.
check_version() {
    local what=$1 pattern=$2
    shift 2
    local got
    got=$("$@" 2>&1)
    if [[ $? -eq 0 && $got =~ $pattern ]]; then
        passed=$((passed + 1))
        echo "PASS $what: $got"
    else
        failed=$((failed + 1))
        echo "FAIL $what: $got"
    fi
}
check_version --version '^Python 3\.14\.[0-9]+$' "${launcher[@]}" --version
check_version --runtime-version \
    '^Python 3\.14\.[0-9]+ \(Pyodide [0-9.]+, Node v[0-9.]+\)$' \
    "${launcher[@]}" --runtime-version

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
