# ---
# summary = "What compiling a branch no path reaches (`if 0:`, `if False:`, `while 0:`) leaves in generation 0 by the first line: its code objects and constants are dropped with the unreachable blocks from 3.10"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.9/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.13/Python/flowgraph.c",
# ]
# explain = """
# A body under a constant false test is still compiled: a def or class in
# it makes its code object, merged into the compiler's constant cache. To
# 3.9 nothing of it is emitted. From 3.10 it is compiled as live code, then
# its blocks are removed as unreachable, and the constants only they loaded
# are dropped (3.10 and 3.11 only those at the end of the table, 3.12 every
# one), so a dead code object dies with the cache at the end of the compile.
# 3.13 also folds the test's TO_BOOL into a bool constant whose key stays
# in the cache. Each line is the count at an exec()'d source's first line
# less the count before the call. PyPy has no gc.get_count."""
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
count_compile("if 0:\n    def f(): return 1\n")
count_compile("def f(): return 1\n")
count_compile("if False:\n    class C: pass\n")
count_compile("class C: pass\n")
count_compile("while 0:\n    x = [1, (2, 3)]\n")
count_compile("if 0:\n    pass\n")
count_compile("if 1:\n    x = 1\nelse:\n    def g(): pass\n")
