# ---
# summary = "What compiling and running a list display of constants adds to gc.get_count()[0] through exec(): from 3.9 the compiler makes a tuple of them, 3.8 does not"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.9/Python/compile.c",
# ]
# explain = """
# exec() of a string compiles it first, and the compiler allocates
# containers (its symbol table, the code object's tuples, ...). From 3.9
# (starunpack_helper) a list display of more than two constants is built
# empty and extended by one tuple constant the compiler makes, as a tuple
# display of constants is: `[1, 2, 3, 4]` costs what `(1, 2, 3, 4)` costs.
# 3.8 loads each constant and builds the list with BUILD_LIST; its
# peephole optimizer folds only a tuple of constants, so the list costs
# about what `[1, 2]` costs. Each source runs once before, so that the
# interned names and the free lists are the same for each count. 3.14
# counts tracked objects instead; PyPy has no gc.get_count."""
# portable = "Never depend on what compiling code adds to gc.get_count(); collect explicitly where a collection matters."
# ---
import gc

sources = [
    "r = [1, 2]",
    "r = [1, 2, 3, 4]",
    "r = (1, 2, 3, 4)",
]
for source in sources:
    exec(source, {})
    gc.collect()
    before = gc.get_count()[0]
    exec(source, {})
    print(source, "adds", gc.get_count()[0] - before)
