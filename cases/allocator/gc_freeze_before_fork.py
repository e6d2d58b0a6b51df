# ---
# summary = "gc.freeze() before fork(): the child's collection no longer copies the parent's heap"
# tags = ["allocator", "fork", "gc-module"]
# requires = ["py3-syntax", "gc-control", "files"]
# timeout = "long"  # a million objects: seconds on a fast machine
# refs = ["https://docs.python.org/3/library/gc.html#gc.freeze"]
# explain = """
# After fork() the child shares the parent's pages until it writes to one
# (copy-on-write). A collection in the child writes to the GC header of
# every tracked object, so a million objects' pages become the child's
# private copies. gc.freeze() moves them to the permanent generation, which
# no collection scans: the child's collection then dirties almost nothing.
# PyPy has no gc.freeze; Pyodide cannot fork."""
# portable = "Call gc.freeze() before os.fork() only after `hasattr(gc, 'freeze')` and `hasattr(os, 'fork')`; the program must stay correct without it, as it only saves copy-on-write memory on CPython."
# ---
import gc
import os


def private_dirty_kb():
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1])


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


class Node:
    __slots__ = ("a",)


def child_copies_half(heap_kb, freeze):
    # The child's verdict travels in its exit status.
    if freeze:
        gc.freeze()
    pid = os.fork()
    if pid == 0:
        before = private_dirty_kb()
        gc.collect()
        os._exit(0 if (private_dirty_kb() - before) * 2 >= heap_kb else 1)
    status = os.waitpid(pid, 0)[1]
    if freeze:
        gc.unfreeze()
    return os.WEXITSTATUS(status) == 0


if not hasattr(gc, "freeze"):
    print("no gc.freeze")
elif not os.path.exists("/proc/self/smaps_rollup"):
    print("no /proc/self/smaps_rollup")
else:
    gc.disable()
    start = rss_kb()
    nodes = [Node() for i in range(1000000)]
    heap_kb = rss_kb() - start
    print("without gc.freeze, the child's gc.collect() copies half the heap:", child_copies_half(heap_kb, False))
    print("with gc.freeze, it does:", child_copies_half(heap_kb, True))
