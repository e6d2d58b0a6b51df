# ---
# summary = "sys.getallocatedblocks grows by one block per small object and falls back when they die"
# tags = ["allocator", "pymalloc", "seed"]
# requires = ["py3-syntax", "gc-control"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getallocatedblocks"]
# explain = """
# CPython uses a specialized allocator (pymalloc) for small objects: a
# million slotted instances are a million more blocks, and freeing them
# gives the blocks back to pymalloc at once. Pyodide is built without
# pymalloc: its count does not move. PyPy has no sys.getallocatedblocks."""
# portable = "Guard sys.getallocatedblocks with `hasattr` and use it only as a CPython-with-pymalloc diagnostic; count your own objects (or use tracemalloc where it imports) to follow what a program keeps."
# ---
import gc
import sys


class Node:
    __slots__ = ("a",)


if not hasattr(sys, "getallocatedblocks"):
    print("no sys.getallocatedblocks")
else:
    gc.disable()
    before = sys.getallocatedblocks()
    nodes = [Node() for i in range(1000000)]
    print("millions of blocks added:", round((sys.getallocatedblocks() - before) / 1000000, 1))
    del nodes
    print("millions of blocks left after del:", round((sys.getallocatedblocks() - before) / 1000000, 1))
