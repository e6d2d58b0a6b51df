# ---
# summary = "What compiling the script leaves in generation 0 at its first line: 3.14 makes a code's constants tuple untracked when it holds only atoms, and gives a class body that defines a function a __classdict__ cell"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/issues/139951",
#   "https://github.com/python/cpython/blob/3.14/Python/assemble.c",
#   "https://github.com/python/cpython/blob/3.14/Python/codegen.c",
#   "https://peps.python.org/pep-0649/",
# ]
# explain = """
# Before the first line runs, the compiler has made each code object's
# tuples: its names, its constants and its fast locals' names. Those still
# alive, and tracked, are in generation 0's count. 3.14.1's makecode() makes
# the constants tuple with _PyTuple_FromArray, which tracks a tuple only
# when one of its items is a container (gh-139951): `return 1`'s (1,) and
# the module's (<code f>, None) are untracked, a constants tuple holding a
# tuple is not. A 3.14 class body that defines a function keeps its
# namespace in a `__classdict__` cell, read by the functions' annotation
# scopes (PEP 649), and stores it as `__classdictcell__`, which type()
# removes: its code has one cell, so one more tuple of names. Earlier
# versions count every constants tuple (and from 3.12 the count is of
# allocations, which the free lists absorb); the count at the first line is
# the start-up's plus what the compiler left. The model replays the
# compiler's allocations from its own code objects (the compile replay)."""
# portable = "Never depend on gc.get_count() at a program's first line: it is the start-up's and the compiler's."
# ---
import gc
first = gc.get_count()[0]
gc.disable()


def small():
    return 1


def pair(a, b):
    return (a, b, (1, 2))


class Plain:
    size = 3


class WithMethod:
    def get(self):
        return self


print("count at the first line:", first)
print("classdictcell kept:", "__classdictcell__" in WithMethod.__dict__, "__classdictcell__" in Plain.__dict__)
print(small(), pair(1, 2), Plain.size, WithMethod().get().__class__.__name__)
