# ---
# summary = "Large objects go to the system malloc and are unmapped when freed, whatever else survives"
# tags = ["allocator", "rss"]
# requires = ["py3-syntax", "files"]
# refs = ["https://docs.python.org/3/c-api/memory.html#the-pymalloc-allocator"]
# explain = """
# A 50 MB str is one mmap of the system allocator: freeing it unmaps it, so
# RSS falls at once on CPython even though the small objects made around it
# stay alive. PyPy frees it at a collection (it is an external allocation
# that counts towards its next major collection). Pyodide has no /proc."""
# portable = "To release a large buffer promptly everywhere, drop its last reference and call gc.collect() (PyPy frees it only at a collection); do not assume RSS falls at `del`."
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
    n = 50000000
    big = "x" * (n - 1) + "y"
    nodes = [Node() for i in range(100000)]
    peak = rss_pages()
    print("RSS grew by 40 MB or more:", (peak - start) * 4096 >= 40000000)
    del big
    print("after del, RSS fell by 40 MB:", (peak - rss_pages()) * 4096 >= 40000000)
    gc.collect()
    print("after gc.collect(), RSS fell by 40 MB:", (peak - rss_pages()) * 4096 >= 40000000)
    print("small objects alive:", len(nodes))
