# shellcheck shell=bash
# What the test scripts of the Node launchers (tools/*/test.sh) share,
# sourced by them.

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
