# ---
# summary = "A returning frame releases its locals in definition order; the return value survives"
# tags = ["refcount", "dealloc-order", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://github.com/python/cpython/blob/3.11/Python/frame.c"]
# explain = """
# When a CPython frame is cleared it releases its fast locals in slot
# order: parameters first, then other locals in the order the compiler
# first saw them. Up to 3.10 the caller's value stack also held the
# argument, so the parameter died only after the frame, when the caller
# popped its arguments; from 3.11 the arguments move into the callee's
# frame. The returned object is not freed; the caller drops it at the end
# of the expression statement. PyPy frees nothing before gc.collect()."""
# portable = "Close a function's resources before it returns (`with` or `finally`); the order and moment in which its locals are released are implementation details."
# ---
import gc

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

def work(param):
    late = None
    first = Res("first")
    second = Res("second")
    late = Res("late")
    result = Res("result")
    print("returning")
    return result

work(Res("param"))
print("call statement done")
kept = work(Res("param2"))
print("kept", kept.name)
gc.collect()
print("after gc.collect()")
