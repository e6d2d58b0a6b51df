# ---
# summary = "One survivor in every hundred small objects keeps every arena: freed is not returned to the OS"
# tags = ["allocator", "pymalloc", "seed"]
# requires = ["py3-syntax", "gc-control", "files"]
# timeout = "long"  # a million objects: seconds on a fast machine
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/obmalloc.c"]
# explain = """
# "This object was freed" is not the same as "memory was returned to the
# OS". Keep every hundredth of a million small objects and free the rest:
# each pool still holds a live block, so no arena empties and none is
# released, though 99% of the objects are gone. Free the survivors too and
# the arenas go. Pyodide has no pymalloc; PyPy has no
# sys._debugmallocstats."""
# portable = "Allocate long-lived objects apart from short-lived batches, so that a batch can be freed entirely; do not read a runtime's arena statistics as a count of live objects."
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
    nodes = [Node() for i in range(1000000)]
    grown = arenas_in_use() - start
    survivors = nodes[::100]
    del nodes
    print("99% freed, arenas released: at most 10%:", (start + grown - arenas_in_use()) * 10 <= grown)
    del survivors
    print("all freed, arenas released: at least 90%:", (start + grown - arenas_in_use()) * 10 >= grown * 9)
