# ---
# summary = "What exec() of a string leaves in generation 0 by its first line: the compiler's allocations for defs, defaults, closures and classes"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.12/Python/flowgraph.c",
# ]
# explain = """
# Before the first line of a source runs, the compiler has made and freed
# dicts, lists and tuples, and left some alive: each code object's
# constants and names, the tuples it merged. What a function costs differs
# by version: to 3.10 MAKE_FUNCTION takes the function's qualified name as
# a constant of the code that makes it, and makecode() makes and merges the
# varnames, cellvars and freevars tuples; 3.11 keeps the qualified name in
# the code object, with one tuple of every fast local's name; 3.12 drops a
# default's own constant once it is folded into the defaults tuple. Each
# name of a global or nonlocal statement is a tuple in the symbol table's
# list of directives until the compile ends. Each line is the count at an
# exec()'d source's first line less the count before the call. The
# namespaces are kept, so that nothing an earlier source's functions hold
# is freed in between (a class body's code, which only the module's code
# holds, dies with it: the class comes last). PyPy has no gc.get_count."""
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
count_compile("def f1(): pass\n")
count_compile("def f1(): pass\ndef f2(): pass\ndef f3(): pass\ndef f4(): pass\n")
count_compile("def f1(a, b): return a\n")
count_compile("def f1(a, b=2): return a\n")
count_compile("f1 = lambda a=2, b=(3, 4): a\n")
count_compile("def f1(a):\n    def g(): return a\n    return g\n")
count_compile("def f1():\n    global g1, g2\n    g1 = 1\n")
count_compile("def f1(a):\n    def g():\n        nonlocal a\n        a = 1\n    return g\n")
count_compile("class C:\n    def m(self, x=1): return x\n")
