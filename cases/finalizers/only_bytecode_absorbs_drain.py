# ---
# summary = "PyPy: a weakref callback that runs no bytecode (list.append) does not absorb the finalizer drain"
# tags = ["finalizers", "finalizer", "finalizer-order", "weakref-callback", "pypy-finalizer-order"]
# requires = ["finalizers", "weakref", "weakref-callbacks"]
# refs = ["https://github.com/pypy/pypy/blob/main/pypy/interpreter/executioncontext.py"]
# explain = """
# PyPy runs queued finalizers from an action checked before every
# interpreted bytecode. The first finalizer to execute a bytecode is
# interrupted at once and the rest of the queue drains nested inside it.
# A builtin callback such as list.append runs no bytecode, so it runs in
# plain order and the next finalizer (N0) is the one interrupted: the log
# is cb, 1, 2, 0. On CPython the callback and the finalizers all run at
# del, in the order reference counting gives: the Plain object first,
# then the list's items last to first."""
# portable = "Do not depend on the order of finalizers and weakref callbacks that run together; make each independent of the others, or close the objects explicitly."
# ---
import gc
import weakref

log = []

class Plain:
    pass

class N:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append(self.n)

gc.collect()
o = Plain()
r = weakref.ref(o, log.append)
xs = [N(0), N(1), N(2)]
del o, xs
gc.collect()
print(["cb" if x is r else x for x in log])
