# ---
# summary = "What exec() of two comprehensions leaves in generation 0 by its first line, when their code differs only in where each ends on its line"
# tags = ["cycles", "gc-module", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
#   "https://docs.python.org/3.11/reference/datamodel.html#codeobject.co_positions",
# ]
# explain = """
# The compiler merges equal constants of the code objects it makes (its
# constant cache, merge_consts_recursive): the bytecode and the line table
# of each code object among them, each through a key tuple that stays
# counted unless an equal one is already there. From 3.11 the line table
# holds each instruction's columns, and the instructions a comprehension's
# code adds itself (building the result, returning it) take the
# comprehension's whole span: two comprehensions of the same bytecode on
# lines of their own merge their line tables only when they also end at the
# same column. To 3.10 the table holds lines only; from 3.12 a list or set
# comprehension is compiled inline, and only the generator expressions keep
# code objects of their own. Found by `memconform fuzz` (3.11, a
# comprehension over [] after one over [1]: one fewer in the model's count).
# Each line is the count at an exec()'d source's first line less the count
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


count_compile("x = [v for v in [1]]\ny = [w for w in [2]]\n")
count_compile("x = [v for v in [1]]\ny = [w for w in []]\n")
count_compile("x = [v for v in [1]]\ny = [w for w in [1, 2]]\n")
count_compile("x = {v for v in [1]}\ny = {w for w in ()}\n")
count_compile("x = list(v for v in [1])\ny = list(w for w in [2])\n")
count_compile("x = list(v for v in [1])\ny = list(w for w in [])\n")
