# ---
# summary = "Importing the program's own modules (plain, package, relative, from-import, inside a function, failing, importlib.import_module) moves gc.get_count() by what the import system allocates"
# tags = ["imports", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/v3.11.7/Lib/importlib/_bootstrap.py",
#   "https://github.com/python/cpython/blob/v3.11.7/Lib/importlib/_bootstrap_external.py",
# ]
# explain = """
# CPython imports a module that is not built in through importlib's
# bootstrap, Python code of its own: finders (a FileFinder for the
# script's folder, made at the first import from it), a spec, a loader,
# the module's code compiled from its source (compile(), whose first call
# also makes the ast module's types) and, in a folder it can write, the
# code written to __pycache__ (marshal.dumps, a temporary file renamed).
# Each of those allocates containers, so the generation-0 count after the
# first import of a module of a fresh folder is some 80 to 1,200 higher
# than before, and an automatic collection may run inside the import. A
# module found in sys.modules costs nothing more; a failing import costs
# what the finders allocated. PyPy has no gc.get_count()."""
# portable = "Do not count on gc.get_count() across an import, nor on when the first collection after it runs."
# ---
import gc
import os
import sys

def write(path, text):
    with open(path, "w") as f:
        f.write(text)

write("own_mod.py", "X = 1\ndef f(a):\n    return [a, a]\nclass C:\n    pass\n")
os.mkdir("own_pkg")
write(os.path.join("own_pkg", "__init__.py"), "from .sub import g\nY = (1, 2)\n")
write(os.path.join("own_pkg", "sub.py"), "def g():\n    return {'a': 1}\n")

# From an empty generation 0: the count start-up leaves depends on the build.
gc.collect()
print("start", gc.get_count())
import own_mod
print("import own_mod", gc.get_count())
from own_mod import f, C
print("from own_mod import f, C", gc.get_count(), f(2))
import own_pkg
print("import own_pkg", gc.get_count(), own_pkg.g(), own_pkg.Y)

def later():
    import own_pkg.sub
    return own_pkg.sub

print("import in a function", later().g(), gc.get_count())
try:
    # Inside the package: a top-level miss would search every sys.path
    # folder, and PYTHONPATH adds some.
    import own_pkg.own_missing_module
except ImportError as e:
    print(type(e).__name__, e, gc.get_count())
print("cached", sys.modules["own_mod"] is own_mod, gc.get_count())
junk = []
for i in range(3000):
    junk.append([i])
print("after 3000 lists", gc.get_count())
