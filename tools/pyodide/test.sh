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
reference=$(reference_interpreter "${1:-python3}") || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare_probes_with_reference "$here/probes" "$reference"

# The version queries answer for the interpreter inside.
check_version --version '^Python 3\.14\.[0-9]+$' "${launcher[@]}" --version
check_version --runtime-version \
    '^Python 3\.14\.[0-9]+ \(Pyodide [0-9.]+, Node v[0-9.]+\)$' \
    "${launcher[@]}" --runtime-version

finish
