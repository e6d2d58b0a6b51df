# ---
# summary = "PyPy: an object kept alive only by a later finalizer moves to the end of the finalizer list"
# tags = ["finalizers", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
#   "https://github.com/pypy/pypy/blob/main/rpython/memory/gc/incminimark.py",
# ]
# explain = """
# Q refers to P; R and S are unrelated and kept alive through the first
# collection. CPython finalizes Q then P by reference counting at del, and
# R, S when the list dies. PyPy finalizes only Q at collect 1 (P is
# reachable from it); its pass over the finalizer list re-appends P after
# R and S, so at collect 2 the queue is R, S, P if P was created first and
# P, R, S if it was created after Q - and the rotation of the first
# bytecode-running finalizer applies on top of that."""
# portable = "Never depend on the order in which finalizers run; call close() on each object in the order the program needs."
# ---
import gc

class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)

gc.collect()
for order in ["P first", "Q first"]:
    print("===", order)
    if order == "P first":
        P = N("P")
        Q = N("Q")
    else:
        Q = N("Q")
        P = N("P")
    R = N("R")
    S = N("S")
    Q.o = P
    keep = [R, S]
    del P, Q, R, S
    print("collect 1")
    gc.collect()
    del keep
    print("collect 2")
    gc.collect()
