# ---
# summary = "RSS falls by at least half of its growth when a million small objects are all freed (CPython), not until a collection (PyPy)"
# tags = ["allocator", "rss", "seed"]
# requires = ["py3-syntax", "files"]
# timeout = "long"  # a million objects: seconds on a fast machine
# refs = ["https://doc.pypy.org/en/latest/gc_info.html"]
# explain = """
# On CPython the last reference frees each object and pymalloc unmaps every
# arena that empties, so the process's resident memory falls at once. On
# PyPy the objects die at the next collection: after del nothing is
# returned, after gc.collect() most of it. Pyodide has no /proc."""
# portable = "Do not expect RSS to fall when the last reference goes; on PyPy memory comes back only after a collection, so call gc.collect() before measuring, and treat RSS as a coarse signal on every runtime."
# ---
import gc

def rss_pages():
    # Resident pages of this process (Linux); None where there is no /proc.
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1])
    except OSError:
        return None


class Node:
    __slots__ = ("a",)


start = rss_pages()
if start is None:
    print("no /proc/self/statm")
else:
    nodes = [Node() for i in range(1000000)]
    peak = rss_pages()
    grown = peak - start
    print("RSS grew by 20 MB or more:", grown * 4096 >= 20000000)
    del nodes
    print("after del, RSS fell by half of that:", (peak - rss_pages()) * 2 >= grown)
    gc.collect()
    print("after gc.collect(), RSS fell by half of that:", (peak - rss_pages()) * 2 >= grown)
