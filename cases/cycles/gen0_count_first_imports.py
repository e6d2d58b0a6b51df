# ---
# summary = "What the first import from a file, a later one and the first text open() add to gc.get_count()[0]: importlib's finder for the script's folder is made once, and 3.8's and 3.9's first text open imports _bootlocale"
# tags = ["cycles", "gc-module", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.9/Lib/importlib/_bootstrap_external.py",
#   "https://github.com/python/cpython/blob/3.9/Modules/_io/textio.c",
#   "https://github.com/python/cpython/blob/3.9/Modules/_io/_iomodule.c",
# ]
# explain = """
# The first import of a module from a file after the script starts asks
# importlib's path finder for the script's folder, which has no finder yet:
# _path_hooks makes a FileFinder, whose first search reads the folder
# (_fill_cache). That happens once, whichever module comes first: imported
# after weakref, os (a file module to 3.10, frozen from 3.11) pays none of
# it. 3.8's and 3.9's TextIOWrapper asks locale.getpreferredencoding() for
# an encoding not given, so the first text open() imports _bootlocale
# (_PyIO_get_locale_module): about 30 more in generation 0 than the next
# open; from 3.10 C code finds the encoding. With the collector disabled,
# the counts are what each allocates and frees. PyPy has no gc.get_count."""
# portable = "Never depend on what an import or a first open() adds to gc.get_count()."
# ---
import gc

def count():
    return gc.get_count()[0]

deltas = []  # printed at the end: print would allocate between the counts

def measure(label, action):
    before = count()
    action()
    deltas.append((label, count() - before))

def import_weakref():
    import weakref

def import_os():
    import os

gc.disable()
files = []
measure("import weakref", import_weakref)
measure("import os", import_os)
measure("first open(w)", lambda: files.append(open("a.txt", "w")))
measure("second open(w)", lambda: files.append(open("b.txt", "w")))
for f in files:
    f.close()
for label, delta in deltas:
    print(label, delta)
