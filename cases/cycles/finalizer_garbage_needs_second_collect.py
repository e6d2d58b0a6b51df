# ---
# summary = "A finalizer that leaves new cyclic garbage behind: a second gc.collect() is needed to free it"
# tags = ["cycles", "cycle", "finalizer", "gc-collect", "pypy-doc", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# PyPy doc: "It is possible in both CPython and PyPy to design a case
# where several gc.collect() are needed before all objects die." A job's
# __del__ builds a report object that refers to itself and drops it: that
# new cycle did not exist when the collection computed what is garbage, so
# only the next gc.collect() frees it - on both runtimes. (The counts
# returned differ: PyPy returns None.)"""
# portable = "Do not create new cyclic garbage inside __del__; when a test must see everything freed, call gc.collect() until a weak reference to the object returns None."
# ---
import gc

class Report:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        print("  report", self.name, "freed")

class Job:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        print("  job", self.name, "finalized, leaves a report behind")
        Report(self.name)

gc.collect()
Job("nightly")
for i in range(3):
    print("collect", i + 1, "->", gc.collect())
