# ---
# summary = "gc.collect() right after importing weakref, os and atexit: what each import's code left as cyclic garbage"
# tags = ["cycles", "gc-collect", "version-dependent"]
# requires = ["py3-syntax", "weakref", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://docs.python.org/3/library/sys.html#sys.modules",
# ]
# explain = """
# Importing a module runs its code, which can leave cyclic garbage for the
# next gc.collect() to count: 3.13's import of weakref leaves 7 objects.
# A module that start-up imported already costs nothing: python3 -S loads
# none of these three, while Pyodide's start-up (3.14) has imported all of
# them, so its collections find 0 whatever the import would leave. PyPy's
# gc.collect() returns None."""
# portable = "Do not read gc.collect()'s return value as a measure of your own garbage: imports, and what the runtime loaded before your program, add to it."
# ---
import gc

gc.collect()
import weakref
print("after import weakref:", gc.collect())
import os
print("after import os:", gc.collect())
import atexit
print("after import atexit:", gc.collect())
