#!/bin/sh
# Records what CPython's import of each module allocates and frees, for the
# model's import traces: `tools/import_traces/record.sh PYTHON MODULE... > FILE`,
# e.g. for backends/profiles/cpython-3.11.imports:
#   tools/import_traces/record.sh ~/.pyenv/versions/3.11.7/bin/python3.11 \
#       gc atexit os _weakrefset weakref tracemalloc
# PYTHON must be CPython 3.8 to 3.13 with debug information; needs gdb. Each
# module is imported first thing after `import gc` in a fresh `PYTHON -S`,
# as the runner starts it, with the collector disabled. With FORCED=1, each
# is recorded a second time with a collection at every allocation, which
# says where its cyclic garbage is allocated and dropped (README.md).
set -eu
python=$1
shift
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$("$python" -S -c 'import sys; print(sys.version.split()[0])')
cat <<END
# What CPython $version's import of each module allocates and frees, in
# order, as the gen-0 count and the free lists see it: recorded by
# tools/import_traces/record.sh (README.md there), not written by hand.
# After an \`import MODULE\` line, the events of that import:
#   d l tN o   a dict, a list, an N-tuple, another container allocated
#              (the first three taken from their free list when it holds one)
#   m c        (3.8) a bound method, a builtin function or method allocated
#              (taken from its free list when it holds one; before, an o)
#   d@NAME     the dict of base NAME's subclasses, made with its first subclass:
#              allocated only where no earlier import or class made it
#   D L TN O   the same freed (the first three kept on their free list when it
#              has room; O: one CPython did not keep, whatever its kind)
#   M C        (3.8) a bound method, a builtin function freed (kept on its free
#              list when it has room; before, no event)
#   !X,Y,...   objects allocated above (in this nested import) that end as
#              cyclic garbage, each as the next collection frees it (D L TN
#              O as above); ~ before one it did not find but freed with
#              them (untracked); ? before a tuple it found that holds no
#              tracked object (an earlier collection would untrack it)
#   &K:X,Y,... the same objects, of piece K of the garbage, allocated here (a
#              collection before its !&K finds them alive and ages them); X>J:
#              one on no cycle of the piece, held by its J-th object; X+ (after
#              any >J): one held from outside the piece too, until its -&K
#   !&K        piece K is cyclic garbage from here on
#   -&K        piece K's X+ objects lose their outside holder (the module's
#              code, whose body ended): a collection of the piece before this
#              left them, one after frees them with it
#   [NAME ]    a nested import, the first of NAME: nothing when NAME was
#              imported before
#   [(STEP:NAME) ]  inside NAME's import, the C init importlib's loader asks
#              _imp for (STEP: create_dynamic, exec_dynamic, create_builtin,
#              exec_builtin): a model that runs importlib replays only these
#   f@CODE     a frame object of CODE's first call (FILE:LINE:NAME; to 3.10), from
#              the frame free list if it holds one: later calls, in any import,
#              take the zombie frame it leaves
#   f          a frame object of a call nested in one of the same code (whose
#              zombie is in use): allocated whenever the trace runs
#   F          a frame freed that did not become its code's zombie: kept on the
#              frame free list when it has room
#   *K         the event K times
#   { }        around C code that checks no eval breaker (unmarshalling; the
#              traceback printer but where it runs Python code or calls
#              PyErr_CheckSignals): a collection scheduled inside (3.12+)
#              runs after the }
#   ^          (3.12+, instead of { }) where CPython checks its eval breaker
#              (or calls PyErr_CheckSignals) after an allocation: a collection
#              scheduled before runs here, and nowhere else in the trace
# "import (source-line)" is not an import: what printing a traceback
# allocates to show one line of the script's source (CPython opens the file
# with io and reads it up to the line), replayed at each line shown.
END
for module in "$@"; do
    if [ "$module" = gc ]; then
        printf 'import gc\ngc.disable()\ngc.collect(0)\n' >"$work/program.py"
    elif [ "$module" = "(source-line)" ]; then
        # A traceback printed by the unraisable hook shows the line of the
        # __del__ that raised: CPython opens the script to read it.
        printf 'import gc\ngc.disable()\nclass K:\n    def __del__(self):\n        raise ValueError\nK()\ngc.collect(0)\n' >"$work/program.py"
    else
        printf 'import gc\ngc.disable()\nimport %s\ngc.collect(0)\n' "$module" >"$work/program.py"
    fi
    TRACE_OUT="$work/log" PYTHONHASHSEED=0 gdb -q -batch -x "$here/record_gdb.py" \
        --args "$python" -S "$work/program.py" >"$work/gdb.out" 2>&1 || {
        cat "$work/gdb.out" >&2
        exit 1
    }
    if [ -n "${FORCED:-}" ] && [ "$module" != "(source-line)" ]; then
        # Where each piece of cyclic garbage is allocated and dropped: the
        # import again, every allocation starting a full collection.
        printf 'import gc\nimport %s\ngc.collect(0)\n' "$module" >"$work/forced.py"
        FORCE_COLLECT=$module TRACE_OUT="$work/forced.log" PYTHONHASHSEED=0 gdb -q -batch -x "$here/record_gdb.py" \
            --args "$python" -S "$work/forced.py" >"$work/gdb.out" 2>&1 || {
            cat "$work/gdb.out" >&2
            exit 1
        }
        python3 "$here/convert.py" "$work/log" "$module" "$work/forced.log"
    else
        python3 "$here/convert.py" "$work/log" "$module"
    fi
done
