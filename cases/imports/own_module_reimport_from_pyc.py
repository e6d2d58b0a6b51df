# ---
# summary = "A module imported again after it left sys.modules is read from the .pyc the first import wrote: what unmarshalling its code allocates moves gc.get_count()"
# tags = ["imports", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "files"]
# refs = ["https://github.com/python/cpython/blob/v3.11.7/Python/marshal.c"]
# explain = """
# The first import compiles the source and writes __pycache__/NAME.pyc;
# once the module is removed from sys.modules, the next import finds the
# .pyc up to date (its recorded mtime and size are the source's) and
# unmarshals the code instead of compiling it: the tuples and code objects
# marshal.loads makes, the FileIO that reads the file, the finder's cached
# directory listing. Its cost is far below the first import's."""
# portable = "Do not count on gc.get_count() across an import."
# ---
import gc
import os
import sys

with open("own_mod2.py", "w") as f:
    f.write("T = (1, (2, 3))\ndef f(a, b=(4, 5)):\n    return [a, b]\nclass C:\n    def m(self):\n        return {'k': self}\n")
# From an empty generation 0: the count start-up leaves depends on the build.
gc.collect()
import own_mod2
print("first import", gc.get_count(), os.listdir("__pycache__") != [])
del sys.modules["own_mod2"]
del own_mod2
gc.collect()
before = gc.get_count()
import own_mod2
after = gc.get_count()
print("import from the .pyc", before, after, own_mod2.f(1))
