#!/usr/bin/env bash
# Runs each probe in probes/ through run.mjs and compares what it leaves with
# probes/NAME.expected, written from what MicroPython's unix port does with
# `micropython FILE ARGS`: the merged stdout and stderr, the exit status, and
# the files left in the current directory and in $TMPDIR. Then the checks of
# the launcher itself: large output, usage errors, launcher failures, the
# version queries.
#
# A probe runs in a fresh directory, under umask 0, with the arguments `A b TMPDIR`, or once
# for each of its `# argv: ARGS` lines with `ARGS TMPDIR`; its expected file
# holds one `[run ARGS]` block per run, the fresh directory shown as `<dir>`.
#
# usage: test.sh            needs `npm ci --prefix tools/micropython` first
set -u

here=$(cd "$(dirname "$0")" && pwd)
launcher=(node "$here/run.mjs")

# shellcheck source=tools/launcher_test.sh
. "$here/../launcher_test.sh"
require_node_package @micropython/micropython-webassembly-pyscript "$here"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir=$work/run

# The outcome of running probe $1 with arguments $2 (split at spaces) in a
# fresh $dir: output, exit status, then each file left and its text.
outcome() {
    local probe=$1 args=$2 name
    name=$(basename "$probe")
    rm -rf "$dir" && mkdir -p "$dir/cwd" "$dir/tmp" && cp "$probe" "$dir/cwd/"
    echo "[run $args]"
    # shellcheck disable=SC2086 # the arguments are words
    (cd "$dir/cwd" && umask 0 && TMPDIR=$dir/tmp "${launcher[@]}" "$name" $args "$dir/tmp" </dev/null 2>&1
     echo "[exit $?]")
    for f in "$dir"/cwd/* "$dir"/tmp/*; do
        if [ ! -e "$f" ] || [ "$f" = "$dir/cwd/$name" ]; then continue; fi
        echo "[file ${f#"$dir"/}]"
        cat "$f"
    done
}

for probe in "$here"/probes/*.py; do
    name=$(basename "$probe" .py)
    runs=$(sed -n 's/^# argv: //p' "$probe")
    while read -r args; do
        outcome "$probe" "$args"
    done <<<"${runs:-A b}" | sed "s|$dir|<dir>|g" >"$work/actual"
    if diff -u "${probe%.py}.expected" "$work/actual" >"$work/diff" 2>&1; then
        pass "$name"
    else
        fail "$name" "$(cat "$work/diff")"
    fi
done

check_large_output

# A module beside the program shadows this build's frozen io for the program,
# and not for the launcher, which still prints the traceback.
mkdir "$work/shadow" && echo 'StringIO = "shadowed"' >"$work/shadow/io.py" &&
    printf 'import io\nprint(io.StringIO)\nraise ValueError("x")\n' >"$work/shadow/prog.py"
got=$(cd "$work/shadow" && "${launcher[@]}" prog.py 2>&1; echo "[exit $?]")
want=$'shadowed\nTraceback (most recent call last):\n  File "prog.py", line 3, in <module>\nValueError: x\n[exit 1]'
if [ "$got" = "$want" ]; then
    pass "io.py beside the program"
else
    fail "io.py beside the program" "$got"
fi

check_usage_errors
check_refusal "a current directory of /" 70 "$one_line" \
    bash -c 'cd / && "$@"' - "${launcher[@]}" "$work/large.py"
# A copy of the launcher without the package beside it.
mkdir -p "$work/bare/micropython" && cp "$here/../launcher.mjs" "$work/bare/" &&
    cp "$here/run.mjs" "$work/bare/micropython/"
check_refusal "no package" 70 \
    '^run\.mjs: no @micropython/micropython-webassembly-pyscript package: run npm ci --prefix tools/micropython$' \
    node "$work/bare/micropython/run.mjs" "$work/large.py"

# The version queries answer for the interpreter inside.
check_version --version '^MicroPython 1\.27\.[0-9]+$' "${launcher[@]}" --version
check_version --runtime-version '^MicroPython 1\.27\.[0-9]+ \(Node v[0-9.]+\)$' \
    "${launcher[@]}" --runtime-version

finish
