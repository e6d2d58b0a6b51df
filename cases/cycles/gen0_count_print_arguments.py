# ---
# summary = "What print() has allocated while it converts its arguments: a tuple of them to 3.13 (from 3.11 on), none on 3.14"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/clinic/bltinmodule.c.h",
#   "https://github.com/python/cpython/blob/3.14/Python/clinic/bltinmodule.c.h",
#   "https://github.com/python/cpython/blob/3.14/Objects/fileobject.c",
# ]
# explain = """
# print() converts each argument with str() and writes it with the file's
# bound write method, which PyFile_WriteObject looks up first: the
# argument's __str__ runs while the bound method is alive. 3.11 to 3.13 get
# print's positional arguments packed in a new tuple (Argument Clinic's
# *args; to 3.10 print takes them as an array), which comes from the tuple
# free list and so leaves their count of allocations as it is. 3.14 counts
# tracked containers, where a tuple holding the probe would count one, but
# its Argument Clinic passes *args as an array: no tuple, only the probe
# and the bound method (and the list). Each line is the count an
# argument's __str__ reads, less the count before the call. PyPy has no
# gc.get_count."""
# portable = "Never depend on what a builtin's call allocates."
# ---
import gc

gc.disable()
before = 0


class Probe:
    def __str__(self):
        return str(gc.get_count()[0] - before)


before = gc.get_count()[0]
print(Probe())
before = gc.get_count()[0]
print("two", Probe())
before = gc.get_count()[0]
print("three", [], Probe())
