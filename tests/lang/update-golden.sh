#!/bin/sh
# Regenerates tests/lang/golden/NAME.ast and NAME.dis from
# tests/lang/inputs/NAME.py with the built pymodel. Review `git diff
# tests/lang/golden` before committing: a changed golden file is a changed
# syntax tree or bytecode, and must be the change you meant.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pymodel=${PYMODEL:-$here/../../build/backends/pymodel}
for input in "$here"/inputs/*.py; do
    name=$(basename "$input" .py)
    "$pymodel" --ast "$input" > "$here/golden/$name.ast"
    "$pymodel" --dis "$input" > "$here/golden/$name.dis"
done
