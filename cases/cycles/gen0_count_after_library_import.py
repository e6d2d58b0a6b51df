# ---
# summary = "What importing a library module that start-up has not loaded adds to generation 0: hundreds of containers or thousands on CPython, nothing on Pyodide, whose start-up has loaded it; a gc.collect() after it frees what the import left"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Lib/importlib/_bootstrap.py",
#   "https://github.com/python/cpython/blob/3.12/Lib/random.py",
# ]
# explain = """
# `import textwrap` and `import random` run Python code (the modules' bodies,
# re's compiler, importlib's finders): hundreds of containers (textwrap,
# which imports re, thousands), some left as cyclic garbage. CPython run with -S has loaded neither at start-up;
# Pyodide's start-up has loaded both, so its import only looks the module up.
# A full gc.collect() frees what the first import left; from there the count
# of a two-object cycle is the program's own. (The counts themselves are not
# printed: they move with the build and with every sys.path entry the import
# searches.) PyPy has no gc.get_count."""
# portable = "Never depend on what an import allocates, or on where automatic collections fall after it."
# ---
import gc


class Node:
    pass


import textwrap

gc.collect()
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("a two-object cycle after the import:", gc.collect())
gc.disable()
before = gc.get_count()[0]
import random

print("importing random added over a hundred containers:", gc.get_count()[0] - before > 100)
print("random is a module:", type(random).__name__)
