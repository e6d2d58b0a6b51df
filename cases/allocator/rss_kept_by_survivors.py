# ---
# summary = "Freed is not returned to the OS: with 1% of small objects alive, RSS stays up"
# tags = ["allocator", "rss", "seed"]
# requires = ["py3-syntax", "files"]
# timeout = "long"  # a million objects: seconds on a fast machine
# refs = ["https://docs.python.org/3/c-api/memory.html#the-pymalloc-allocator"]
# explain = """
# "This object was freed" is not the same as "memory was returned to the
# OS", and stable RSS is not automatically a leak: keep every hundredth of
# a million small objects and RSS does not fall by half, on CPython (every
# pymalloc arena keeps a live block) as on PyPy (its arenas too, even after
# gc.collect()). Pyodide has no /proc."""
# portable = "Do not read a stable RSS after freeing as a leak, nor a falling one as a fix; measure the objects you keep (counts, tracemalloc on CPython) and keep long-lived objects in their own batch."
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
    survivors = nodes[::100]
    del nodes
    gc.collect()
    print("99% freed and collected, RSS fell by half:", (peak - rss_pages()) * 2 >= grown)
    del survivors
    gc.collect()
    print("all freed and collected, RSS fell by half:", (peak - rss_pages()) * 2 >= grown)
