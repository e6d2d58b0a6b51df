# ---
# summary = "What import weakref and then the first text open() add to gc.get_count()[0], each right after a full collection: the finder for the script's folder is made in the first, with its KeyError and bound method, not in the second"
# tags = ["cycles", "gc-module", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.8/Lib/importlib/_bootstrap_external.py",
#   "https://github.com/python/cpython/blob/3.8/Objects/classobject.c",
#   "https://github.com/python/cpython/blob/3.8/Modules/gcmodule.c",
# ]
# explain = """
# The first import from a file after the script starts asks importlib's
# path finder for the script's folder: _path_importer_cache misses it in
# sys.path_importer_cache (a KeyError: its argument tuple, the exception,
# a traceback), binds cls._path_hooks and calls it, which makes the
# folder's FileFinder. Later imports find the finder and do none of that.
# The KeyError's tuple and the bound method (3.8) go back to their free
# lists afterwards, but a full collection empties the free lists
# (clear_freelists): after gc.collect() they are new allocations, counted
# in generation 0, where the call happens, and nowhere else. Here import
# weakref makes the finder; 3.8's and 3.9's first text open() then imports
# _bootlocale, from a file, without making it again (3.8.18: 82 after
# gc.collect(), where the first open of a script that imported nothing
# counts 92). With the collector disabled, the counts are what each
# allocates and frees. Pyodide imports weakref at start-up; PyPy has no
# gc.get_count."""
# portable = "Never depend on what an import or a first open() adds to gc.get_count()."
# ---
import gc

files = []


def import_weakref():
    import weakref


def adds(action):
    # What `action` adds to generation 0, right after a full collection.
    gc.collect()
    before = gc.get_count()[0]
    action()
    return gc.get_count()[0] - before


gc.disable()
print("import weakref after gc.collect() adds", adds(import_weakref))
print("then the first open(w) after gc.collect() adds", adds(lambda: files.append(open("a.txt", "w"))))
for f in files:
    f.close()
