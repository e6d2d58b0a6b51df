# ---
# summary = "What exec() of a string leaves in generation 0 by its first line, for generator functions and generator expressions against plain functions"
# tags = ["cycles", "gc-module", "generator", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/codeobject.c",
# ]
# explain = """
# From 3.11 the compiler merges each code object's exception table into
# its cache of constants, a key tuple per distinct table, freed to the free
# list when the compile ends. From 3.12 a generator's body is wrapped in a
# handler that turns a StopIteration it lets out into RuntimeError, so its
# exception table is not empty: one more key, for each distinct body
# length, where 3.11's generator shares the empty table of every plain
# function. A generator expression is a generator too. Each line is the
# count at an exec()'d source's first line less the count before the call;
# the namespaces are kept. On Pyodide's 3.14, which counts only tracked
# objects, a freed key counts no more. PyPy has no gc.get_count."""
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


count_compile("def f1(): return 1\n")
count_compile("def g1(): yield 1\n")
count_compile("def g1(): yield 1\ndef g2(): yield 2\n")
count_compile("def g1(): yield 1\ndef g2():\n    yield 1\n    yield 2\n")
count_compile("items = (x for x in ())\n")
count_compile("def f1(a): return (x for x in a)\n")
