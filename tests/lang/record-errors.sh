#!/bin/sh
# Records what CPython 3.11 prints for each tests/lang/errors/NAME.py (a
# syntax error, or compile-time SyntaxWarnings and no output) into
# NAME.expected (stderr, then "[exit N]"), with the directory taken out of
# the file name CPython prints (it makes it absolute). The expectations come from the
# real interpreter, never from pymodel: review the diff before committing.
set -eu
cd "$(dirname "$0")/errors"
python=${PYTHON:-python3.11}
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$version" = 3.11 ] || { echo "record-errors.sh: $python is Python $version, not 3.11" >&2; exit 1; }
stderr=$(mktemp)
trap 'rm -f "$stderr"' EXIT
for file in *.py; do
    status=0
    "$python" "$file" > /dev/null 2> "$stderr" < /dev/null || status=$?
    sed "s|$PWD/||" "$stderr" > "${file%.py}.expected"
    echo "[exit $status]" >> "${file%.py}.expected"
done
