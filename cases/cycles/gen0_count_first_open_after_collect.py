# ---
# summary = "What the first text open() adds to gc.get_count()[0] right after a full collection: 3.8's import of _bootlocale then finds its bound-method and builtin-function free lists empty"
# tags = ["cycles", "gc-module", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.8/Objects/classobject.c",
#   "https://github.com/python/cpython/blob/3.8/Objects/methodobject.c",
#   "https://github.com/python/cpython/blob/3.8/Modules/gcmodule.c",
# ]
# explain = """
# 3.8 keeps free lists of bound methods (PyMethod_New, method_dealloc) and
# of builtin functions and methods (PyCFunction_NewEx, meth_dealloc), as it
# does of tuples, lists, dicts and frames: one taken from its list or put
# back there moves no gc count, a new one counts in generation 0. A full
# collection empties every free list (clear_freelists), so whatever the
# runtime's own code does next makes new ones: 3.8's first text open()
# without an encoding imports _bootlocale (and _locale), which binds
# methods and makes builtin functions: 92 after gc.collect() on 3.8.18,
# 59 without it (the free lists hold what start-up left), 7 of the
# difference bound methods and builtin functions, the rest tuples, lists
# and dicts. 3.9 dropped both free lists (bpo-37340); 3.6's and 3.7's
# start-up imports _bootlocale already, and from 3.10 the first text open
# imports nothing. With the collector disabled, the
# counts are what each allocates and frees. PyPy has no gc.get_count."""
# portable = "Never depend on what an import or a first open() adds to gc.get_count()."
# ---
import gc

gc.disable()
gc.collect()
before = gc.get_count()[0]
f = open("a.txt", "w")
after = gc.get_count()[0]
f.close()
print("first open(w) after gc.collect() adds", after - before)
