# ---
# summary = "What compiling a tuple of constants that only a dead branch loads leaves in generation 0 by the first line: to 3.13 the parser's arena keeps it until the code has run, then frees a small one to a free list; 3.14 folds it in the CFG and it dies with the constant cache"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/ast_opt.c",
#   "https://github.com/python/cpython/blob/3.14/Python/flowgraph.c",
#   "https://github.com/python/cpython/issues/126835",
# ]
# explain = """
# To 3.13 the AST optimizer folds a tuple of constants (and a list display
# that `for` or `in` iterates) into a tuple the parser's arena holds until
# the code has run, whether or not a live instruction loads it. 3.14
# compiles its items as loads and a BUILD_TUPLE that the CFG optimizer
# folds (fold_tuple_of_constants, optimize_lists_and_sets) after the first
# removal of unreachable blocks but before the constant test's jump is
# folded: a tuple that only a dead branch loads (`if 0:`, `if False:`,
# `while 0:`, the else of `if 1:`, the body of a def, lambda or class
# there) is made, merged into the constant cache, dropped from co_consts,
# and dies with the cache at the end of the compile. So does, from 3.12,
# the tuple the compiler makes for a dead list display of constants
# (3.10 and 3.11 drop only the constants at the end of the table; 3.8 and
# 3.9 emit nothing there). The shapes run first with 21-item tuples, more
# than a tuple free list keeps, so each one made or freed moves the count;
# then with 1-, 2-item and nested ones, which the free lists decide: to
# 3.13, once the exec()'d code has run, the arena frees each folded tuple
# no code kept (a dead branch's, or an equal one merged into another) to
# its size's free list, and the next compile's fold takes it from there
# without counting. Each line is the count at an exec()'d source's first
# line less the count before the call. PyPy has no gc.get_count."""
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


# 21 items first: more than a tuple free list keeps (20 at most), so each
# tuple made or freed moves the count, wherever the free lists stand.
shapes = [
    ("21 items", ", ".join(str(i) for i in range(21))),
    ("1 item", "0,"),
    ("2 items", "0, 1"),
    ("nested", "(0, 1), 2"),
]
sources = [
    "",
    "if 0:\n    x = (ITEMS)\n",
    "x = (ITEMS)\n",
    "if 0:\n    for x in [ITEMS]: pass\n",
    "if 0:\n    x in [ITEMS]\n",
    "if 0:\n    x = [ITEMS]\n",
    "while 0:\n    x = (ITEMS)\n",
    "if False:\n    x = (ITEMS)\n",
    "if 1:\n    pass\nelse:\n    x = (ITEMS)\n",
    "if 0:\n    if 1:\n        x = (ITEMS)\n",
    "if 0:\n    def f(): return (ITEMS)\n",
    "if 0:\n    lambda: (ITEMS)\n",
    "if 0:\n    class C:\n        x = (ITEMS)\n",
    "x = (ITEMS)\nif 0:\n    y = (ITEMS)\n",
    "x = (ITEMS)\ny = (ITEMS)\n",
]
for label, items in shapes:
    print(label)
    for source in sources:
        count_compile(source.replace("ITEMS", items))
