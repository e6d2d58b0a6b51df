# ---
# summary = "pymalloc reuses the free blocks of partly used pools before it maps new arenas"
# tags = ["allocator", "pymalloc"]
# requires = ["py3-syntax", "gc-control", "files"]
# timeout = "long"  # a million objects: seconds on a fast machine
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/obmalloc.c"]
# explain = """
# After 99% of a million small objects die, their pools are partly used and
# on pymalloc's list for their size class. A new million objects of the
# same size fill those free blocks first: almost no new arena is mapped.
# Pyodide has no pymalloc; PyPy has no sys._debugmallocstats."""
# portable = "Judge memory use by the objects you keep alive, not by how many arenas the allocator maps: only CPython's pymalloc has arenas, and sys._debugmallocstats exists only there."
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


class Node:
    __slots__ = ("a",)


if not hasattr(sys, "_debugmallocstats") or arenas_in_use() is None:
    print("no pymalloc arenas to read")
else:
    gc.disable()
    start = arenas_in_use()
    first = [Node() for i in range(1000000)]
    grown = arenas_in_use() - start
    survivors = first[::100]
    del first
    second = [Node() for i in range(900000)]
    print("second allocation, new arenas: at most 20% of the first's:", (arenas_in_use() - start - grown) * 5 <= grown)
