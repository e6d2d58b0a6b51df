# ---
# summary = "What exec() of a string leaves in generation 0 by its first line when its functions' constants differ only in small ints, or in the None of a function without a docstring"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.14/Python/flowgraph.c",
#   "https://github.com/python/cpython/blob/3.14/Python/codegen.c",
#   "https://github.com/python/cpython/issues/126072",
# ]
# explain = """
# The compiler merges equal constants tuples: two functions whose co_consts
# are equal share one tuple, and the second leaves nothing in the count.
# 3.14 loads an int from 0 to 255 with LOAD_SMALL_INT, and assembly drops
# every constant no instruction loads but the first, so a small int is in
# co_consts only when it is the first: f1 and f2 below that differ only in
# `n=1` and `n=2` share their constants on 3.14 and not before. 3.14 also
# no longer reserves a function's first constant for its docstring (the
# CO_HAS_DOCSTRING flag, gh-126072): without one, None is added where a
# `return None` loads it, at the end, so a function that falls off its end
# no longer shares the constants of one that returns a value. 3.14.1 makes
# a constants tuple of atoms untracked, so each source holds a tuple of
# keyword names. Each line is the count at an exec()'d source's first line
# less the count before the call; the namespaces are kept, so that nothing
# an earlier source's functions hold is freed in between. PyPy has no
# gc.get_count."""
# portable = "Never depend on where automatic collections fall: what compiling a source allocates moves them."
# ---
import gc

gc.disable()
namespaces = []


def count_compile(source):
    namespace = {"gc": gc, "before": 0}
    namespaces.append(namespace)
    namespace["before"] = gc.get_count()[0]
    exec("print(gc.get_count()[0] - before)\n" + source, namespace)


count_compile("")
count_compile("def f1(a): return g(a, k='s', n=1)\n")
count_compile("def f1(a): return g(a, k='s', n=1)\ndef f2(a): return g(a, k='s', n=2)\n")
count_compile("def f1(a): return g(a, k=1)\ndef f2(a): return g(a, k=2)\n")
count_compile("def f1(a): return g(a, k=300)\ndef f2(a): return g(a, k=301)\n")
count_compile("def f1(a): return g(a, k='s')\nf2 = lambda a: g(a, k='s')\n")
count_compile("def f1(a):\n    g(a, k='s')\ndef f2(a):\n    return g(a, k='s')\n")
count_compile("def f1(a):\n    'doc'\n    return g(a, k='s')\ndef f2(a):\n    return g(a, k='s')\n")
