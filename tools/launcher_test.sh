# shellcheck shell=bash
# What the test scripts of the Node launchers (tools/*/test.sh) share,
# sourced by them: the skip when the launcher's package is missing, the
# tally of checks, and the checks every launcher has. A script sets
# `launcher` (the command that runs a file) and `work` (a scratch folder).

passed=0 failed=0

pass() {
    passed=$((passed + 1))
    echo "PASS $1"
}

# fail NAME [DETAIL...]: each detail line indented under the FAIL line.
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    shift
    printf '%s\n' "$@" | sed 's/^/    /'
}

# The tally, and the script's status.
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# Exits 2 (ctest reports the test as skipped) unless Node and the npm
# package [1] of the launcher in folder [2] are installed.
require_node_package() {
    if ! command -v node >/dev/null; then
        echo "test.sh: no node" >&2
        exit 2
    fi
    if [ ! -d "$2/node_modules/$1" ]; then
        echo "test.sh: run 'npm ci --prefix tools/$(basename "$2")' first" >&2
        exit 2
    fi
}

# The interpreter [1] itself (default python3), not a wrapper such as a pyenv
# shim that changes the environment it passes on; exits 2 without it.
reference_interpreter() {
    "${1:-python3}" -c 'import sys; print(sys.executable)' || {
        echo "test.sh: no ${1:-python3}" >&2
        exit 2
    }
}

# The outcome of running probe $2 with arguments $3 (split at spaces) and the
# interpreter command "$@" after them, in a fresh directory $1, two lines on
# its stdin: output, exit status, then each file left and its text.
probe_outcome() {
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

# What differs between CPython versions rather than launchers: the scratch
# folder, hex addresses, the wording of "Exception ignored" headers and a
# traceback's body (its header and exception line are kept).
normalize_outcome() {
    sed -e "s|$work/[a-z]*|.|g" -e 's/0x[0-9a-f]*/0x?/g' \
        -e 's/Exception ignored[^<]*\(<[^>]*>\):\{0,1\}/Exception ignored: \1/' |
    awk '/^Traceback \(most recent call last\):$/ { print; body = 1; next }
         body && /^[ \t]/ { next }
         { body = 0; print }'
}

# Runs each probe of folder $1 once with the arguments `A b`, or once for
# each of its `# argv: ARGS` lines, through the launcher and through the
# reference interpreter $2 as `python3 -u FILE ARGS`, and compares the two.
compare_probes_with_reference() {
    local probes=$1 reference=$2 probe runs args name
    for probe in "$probes"/*.py; do
        runs=$(sed -n 's/^# argv: //p' "$probe")
        while read -r args; do
            name=$(basename "$probe" .py)${runs:+ $args}
            probe_outcome "$work/expected" "$probe" "$args" "$reference" -u | normalize_outcome >"$work/expected.out"
            probe_outcome "$work/actual" "$probe" "$args" "${launcher[@]}" | normalize_outcome >"$work/actual.out"
            if diff -u "$work/expected.out" "$work/actual.out" >"$work/diff"; then
                pass "$name"
            else
                fail "$name" "$(cat "$work/diff")"
            fi
        done <<<"${runs:-A b}"
    done
}

# check_version WHAT PATTERN COMMAND...: the command succeeds and prints one
# line matching PATTERN.
check_version() {
    local what=$1 pattern=$2
    shift 2
    local got
    got=$("$@" 2>&1)
    if [[ $? -eq 0 && $got =~ $pattern ]]; then
        pass "$what: $got"
    else
        fail "$what: $got"
    fi
}

# check_refusal WHAT STATUS PATTERN COMMAND...: the launcher's own failure,
# status STATUS and, on stderr, text matching PATTERN; nothing on stdout.
check_refusal() {
    local what=$1 status=$2 pattern=$3
    shift 3
    local out err code
    out=$("$@" 2>"$work/err")
    code=$?
    err=$(cat "$work/err")
    if [[ $code -eq $status && -z $out && $err =~ $pattern ]]; then
        pass "$what"
    else
        fail "$what" "status $code (want $status), stdout: $out" "stderr: $err"
    fi
}

# A launcher failure is one line on stderr.
one_line='^run\.mjs: [^'$'\n'']+$'

# Output larger than a pipe's buffer arrives whole and in order.
check_large_output() {
    echo 'for i in range(100000): print(i)' >"$work/large.py"
    if cmp -s <("${launcher[@]}" "$work/large.py") <(seq 0 99999); then
        pass "large output"
    else
        fail "large output" "100,000 lines differ from seq 0 99999"
    fi
}

# The usage errors every launcher gives.
check_usage_errors() {
    check_refusal "no arguments" 2 '^usage: node run\.mjs FILE' "${launcher[@]}"
    check_refusal "an unknown option" 2 '^usage: node run\.mjs FILE' "${launcher[@]}" -c 'print(1)'
    check_refusal "a missing file" 70 "$one_line" "${launcher[@]}" "$work/missing.py"
}
