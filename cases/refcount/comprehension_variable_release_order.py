# ---
# summary = "When a list comprehension lets go of its last loop value: as its call returns (to 3.11), or as the saved outer value is put back after the result is stored (3.12+)"
# tags = ["refcount", "temporaries", "dealloc-order", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0709/",
#   "https://github.com/python/cpython/blob/3.12/Python/flowgraph.c",
# ]
# explain = """
# Each loop value dies when the next one replaces it; the question is the
# last. To 3.11 the comprehension is a function: its frame drops the last
# value when it returns, before `y = ...` drops y's old value. From 3.12 it
# is inlined: the loop variable is a fast local of the code around it,
# whose outer value was saved on the stack and is put back at the end,
# which drops the last value. In a function, when the result is stored to
# a local on the same line, the optimizer trades the two stores
# (apply_static_swaps), so y's old value dies first. A result stored by
# name (module and class bodies) keeps 3.11's order, a discarded one on
# 3.12 only (refcount/comprehension_statement_release_order). If it raises,
# its unfinished list goes before the handler runs. PyPy frees nothing before
# gc.collect()."""
# portable = "Do not let a finalizer's timing depend on a comprehension's loop variable; release resources explicitly."
# ---
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def in_a_function():
    y = D("old y")
    y = [0 for d in map(D, "ab")]
    print("-- stored to a local")
    [0 for d in map(D, "cd")]
    print("-- discarded")
    q = [[0 for e in map(D, "gh")] for d in map(D, "ij")]
    print("-- nested")

    def fail_at_l(d):
        if d.name == "l":
            raise ValueError("l")
        return d

    try:
        r = [fail_at_l(d) for d in map(D, "klm")]
    except ValueError:
        print("-- handler")
    print("-- function done")


in_a_function()
y = D("old module y")
y = [0 for d in map(D, "no")]
print("-- stored by name")


class C:
    y = D("old class y")
    y = {d.name: 0 for d in map(D, "pq")}
    print("-- in a class body")
