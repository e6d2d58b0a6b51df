# ---
# summary = "What exec() of a string leaves in generation 0 by its first line, for list, set and dict comprehensions, which 3.12 inlines, against a generator expression"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://peps.python.org/pep-0709/",
#   "https://github.com/python/cpython/blob/3.12/Python/compile.c",
# ]
# explain = """
# To 3.11 a list, set or dict comprehension is a function of its own: the
# compiler makes a unit (five dicts) and a code object for it, whose
# tuples and cache keys stay counted. From 3.12 (PEP 709) it is compiled
# inline, in the code around it: no unit and no code object, but the names
# it binds become that code's fast locals, and saving their outer values
# makes a list while it is compiled, and a dict of swapped symbols in a
# class body (from 3.13 always, as its hidden argument counts as a name
# whose scope differs). A generator expression is still a function. Each
# line is the count at an exec()'d source's first line less the count
# before the call; the namespaces are kept. PyPy has no gc.get_count."""
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


count_compile("def f1(a): return a\n")
count_compile("items = [x for x in ()]\n")
count_compile("def f1(a): return [x for x in a]\n")
count_compile("def f1(a):\n    x = 0\n    return {x for x in a}, x\n")
count_compile("class C1:\n    items = [x for x in ()]\n")
count_compile("items = {x: [y for y in x] for x in ()}\n")
count_compile("items = list(x for x in ())\n")
