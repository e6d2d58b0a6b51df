# ---
# summary = "Objects over 512 bytes go to the system malloc: pymalloc's arenas do not grow for them"
# tags = ["allocator", "pymalloc"]
# requires = ["py3-syntax", "gc-control", "files"]
# refs = ["https://docs.python.org/3/c-api/memory.html#the-pymalloc-allocator"]
# explain = """
# pymalloc serves requests of at most 512 bytes from its arenas; a larger
# request goes to the system malloc. Ten thousand str of 400 characters
# (449 bytes each) need more arenas, ten thousand of 600 none.
# sys.getallocatedblocks counts both kinds (from 3.8 it adds the large
# ones), so only the arenas tell them apart. Pyodide's _debugmallocstats
# prints no arenas (no pymalloc); PyPy has none."""
# portable = "Do not depend on where an object's memory comes from: the 512-byte split between pymalloc and malloc is a CPython build detail that PyPy and Pyodide do not have."
# ---
import gc
import os
import sys


def arenas_in_use():
    # sys._debugmallocstats() writes to the C stderr: send fd 2 to a file.
    out = os.open("mallocstats.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    saved = os.dup(2)
    os.dup2(out, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(out)
    with open("mallocstats.txt") as f:
        for line in f:
            if line.startswith("# arenas allocated current"):
                return int(line.split("=")[1].replace(",", ""))
    return None


def arenas_added(length):
    before = arenas_in_use()
    strings = ["x" * (length - 1) + chr(65 + i % 26) for i in range(10000)]
    added = arenas_in_use() - before
    del strings
    return added


if not hasattr(sys, "_debugmallocstats") or arenas_in_use() is None:
    print("no pymalloc arenas to read")
else:
    gc.disable()
    print("str of 400 characters, arenas added >= 3:", arenas_added(400) >= 3)
    print("str of 600 characters, arenas added >= 3:", arenas_added(600) >= 3)
