# ---
# summary = "What collecting each generation finds right after `import tracemalloc`, whose import makes enough objects for several automatic collections"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Lib/tracemalloc.py",
#   "https://github.com/python/cpython/blob/3.12/Python/gc.c",
# ]
# explain = """
# `import tracemalloc` imports fnmatch, re and its compiler, linecache and
# tokenize: thousands of containers, so generation 0 passes its threshold
# several times inside the import, and generation 1 passes its own once.
# The import also leaves cyclic garbage (compiled patterns' and classes'
# cycles, a module body's deleted names). Where each collection falls, and
# which garbage was unreachable by then, decides what each gc.collect()
# still finds after it: on CPython 3.11 nothing, all of it was freed inside
# the import. (The counts themselves are not printed: they move with the
# build's start-up and with every sys.path entry the imports search.)"""
# portable = "Never depend on what a collection finds right after importing a large module."
# ---
import gc

import tracemalloc

print("found by gc.collect(0):", gc.collect(0))
print("found by gc.collect(1):", gc.collect(1))
print("found by gc.collect():", gc.collect())
