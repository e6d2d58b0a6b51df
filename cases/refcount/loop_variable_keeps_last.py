# ---
# summary = "A for-loop variable keeps the last item alive after the loop"
# tags = ["refcount", "finalizer", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#the-for-statement"]
# explain = """
# Each iteration rebinds the loop variable, freeing the previous item on
# CPython when nothing else holds it (here the items are created by the
# loop body). After the loop the name still holds the last one until it is
# deleted. PyPy frees nothing before gc.collect()."""
# portable = "Close each item inside the loop body (`with` per item), and `del` the loop variable after the loop if the last item must not stay reachable."
# ---
import gc

class Job:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("free job", self.n)

for i in range(3):
    job = Job(i)
    print("made job", i)
print("loop done")
del job
print("del job")
gc.collect()
print("after gc.collect()")
