#!/bin/sh
# Runs every case of the corpus on pymodel (cpython-3.11), each in a fresh
# directory: none may crash, hang, or make a sanitizer complain (in the asan
# build this is the leak and use-after-free check over the whole corpus).
# Whether the outcomes match CPython is the runner's business.
# Usage: corpus_smoke.sh PYMODEL CASES_DIR
PYMODEL=$1
CASES=$2
status=0
for case in "$CASES"/*/*.py; do
    dir=$(mktemp -d)
    cp "$case" "$dir/"
    out=$(cd "$dir" && timeout 120 "$PYMODEL" --runtime cpython-3.11 "$(basename "$case")" 2>&1)
    code=$?
    rm -rf "$dir"
    if [ $code -ge 124 ] || echo "$out" | grep -q "Sanitizer\|runtime error:"; then
        echo "FAIL $case (exit $code)"
        echo "$out" | grep -A8 "ERROR\|runtime error:" | head -20
        status=1
    fi
done
[ $status -eq 0 ] && echo "every case ran cleanly"
exit $status
