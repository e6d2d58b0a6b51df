#!/usr/bin/env bash
# Runs each probe in probes/ through run.mjs and through a native CPython
# (REFERENCE, default python3) as `python3 -u FILE ARGS`, and compares what
# they leave (launcher_test.sh, compare_probes_with_reference): the probes
# are what a launcher must make of Brython, where Brython itself agrees with
# CPython. Then the checks of the launcher itself: a module beside the
# program, large output, usage errors, launcher failures, the version
# queries.
#
# usage: test.sh [REFERENCE]     needs `npm ci --prefix tools/brython` first
set -u

here=$(cd "$(dirname "$0")" && pwd)
launcher=(node "$here/run.mjs")

# shellcheck source=tools/launcher_test.sh
. "$here/../launcher_test.sh"
require_node_package brython "$here"
reference=$(reference_interpreter "${1:-python3}") || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare_probes_with_reference "$here/probes" "$reference"
check_large_output

# A module beside the program is imported from there (through the page's
# XMLHttpRequest), and the traceback names the program's own path.
mkdir "$work/beside" && echo 'X = "beside"' >"$work/beside/helper.py" &&
    printf 'import helper\nprint(helper.X)\nraise ValueError("x")\n' >"$work/beside/prog.py"
got=$(cd "$work/beside" && "${launcher[@]}" prog.py 2>&1; echo "[exit $?]")
want=$'beside\nTraceback (most recent call last):\n  File "'"$(realpath "$work/beside/prog.py")"$'", line 3, in <module>\n    raise ValueError("x")\nValueError: x\n[exit 1]'
if [ "$got" = "$want" ]; then
    pass "a module beside the program"
else
    fail "a module beside the program" "$got"
fi

check_usage_errors
# A copy of the launcher without the package beside it.
mkdir -p "$work/bare/brython" && cp "$here/../launcher.mjs" "$work/bare/" && cp "$here/run.mjs" "$work/bare/brython/"
check_refusal "no package" 70 '^run\.mjs: no brython package: run npm ci --prefix tools/brython$' \
    node "$work/bare/brython/run.mjs" "$work/large.py"

# The version queries answer for the interpreter inside.
check_version --version '^Brython 3\.14\.[0-9]+$' "${launcher[@]}" --version
check_version --runtime-version '^Brython 3\.14\.[0-9]+ \(Python 3\.14\.[0-9]+, Node v[0-9.]+\)$' \
    "${launcher[@]}" --runtime-version

finish
