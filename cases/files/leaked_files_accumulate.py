# ---
# summary = "Files opened in a loop and never closed: CPython closes each at rebinding, PyPy keeps them all open"
# tags = ["files", "file", "pypy-doc", "realistic"]
# requires = ["py3-syntax", "weakref", "files"]
# refs = ["https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies"]
# explain = """
# PyPy doc: "files (and sockets, etc) are not promptly closed when they go
# out of scope ... Moreover, you might reach your OS's limit on the number
# of concurrently opened files." A loop that reads config files without
# closing them holds one descriptor per iteration on PyPy until a major
# collection; on CPython each file object dies when the loop variable is
# rebound. Weak references count the file objects still alive (the OS
# limit itself varies by machine and is not tested)."""
# portable = "Open files in a `with` block inside the loop, so each one is closed before the next opens and no runtime runs out of file descriptors."
# ---
import gc
import weakref

for i in range(50):
    f = open("conf%d.txt" % i, "w")
    f.write("key=%d\n" % i)
    f.close()

def read_all(n):
    refs = []
    total = 0
    for i in range(n):
        f = open("conf%d.txt" % i)
        total = total + len(f.read())
        refs.append(weakref.ref(f))
    return total, refs

total, refs = read_all(50)
print("read", total, "chars")
print("file objects still alive:", len([r for r in refs if r() is not None]))
gc.collect()
print("after gc.collect():", len([r for r in refs if r() is not None]))
