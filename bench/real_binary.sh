# real_binary NAME: the interpreter binary NAME runs, past any pyenv shim or
# symlink (sys.executable, resolved), or NAME itself when it is not on PATH.
real_binary() {
    command -v "$1" >/dev/null 2>&1 || { echo "$1"; return; }
    "$1" -S -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null || echo "$1"
}
