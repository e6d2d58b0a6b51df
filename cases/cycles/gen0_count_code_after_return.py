# ---
# summary = "What compiling statements after a `return` or `raise` leaves: to 3.9 their constants stay in the code's table (a def's code object there lives with the code); from 3.10 the constants at the end of the table that nothing loads are dropped"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.9/Python/peephole.c",
#   "https://github.com/python/cpython/blob/3.10/Python/compile.c",
# ]
# explain = """
# Code after a `return` or `raise` in the same block is compiled like any
# other: its constants go into the code's table and the constant cache.
# 3.8's and 3.9's peephole optimizer removes the unreachable bytecode but
# keeps every constant, so a tuple or a def's code object there lives as
# long as the code. From 3.10 the assembler drops the constants at the end
# of the table that no instruction loads (trim_unused_consts; from 3.12
# every unused one), and they die with the compile. Each line is the count
# at an exec()'d source's first line less the count before the call.
# PyPy has no gc.get_count."""
# portable = "Never depend on where automatic collections fall: what compiling a source allocates moves them."
# ---
import gc

gc.disable()
ITEMS = ", ".join(str(i) for i in range(21))
namespaces = []


def count_compile(source):
    namespace = {"gc": gc, "before": 0}
    namespaces.append(namespace)
    namespace["before"] = gc.get_count()[0]
    exec("print(gc.get_count()[0] - before)\n" + source, namespace)


count_compile("")
count_compile("def f():\n    return 1\n    x = (" + ITEMS + ")\n")
count_compile("def f():\n    return 1\n    def g():\n        pass\n")
count_compile("def f():\n    raise ValueError\n    x = 2.5\n    y = (" + ITEMS + ")\n")
count_compile("def f():\n    for i in (1, 2):\n        break\n        x = (" + ITEMS + ")\n")
count_compile("if before < 0:\n    raise ValueError\n    x = (" + ITEMS + ")\n")

