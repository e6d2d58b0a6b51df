# ---
# summary = "Which print() makes the lasting tuple of its keyword names: to 3.10 the first that passes a keyword, on 3.11 the first (Argument Clinic), from 3.12 none"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Python/bltinmodule.c",
#   "https://github.com/python/cpython/blob/3.11/Python/clinic/bltinmodule.c.h",
#   "https://github.com/python/cpython/blob/3.10/Python/getargs.c",
# ]
# explain = """
# A builtin that takes keywords parses them with a static _PyArg_Parser,
# whose first use makes a tuple of the keyword names that lives as long as
# the process: one more in gc.get_count()[0], once. To 3.10, print is
# METH_FASTCALL code that calls the parser only when the call passes a
# keyword (sep, end, file, flush): a print() without one never makes the
# tuple. 3.11's print is Argument Clinic's, whose *args parsing uses the
# parser at every call: the first print() makes it. From 3.12 Argument
# Clinic's keyword tuples are static: none is made. gc.collect() before
# each print sets the count to 0 (the collection's own allocations aside),
# so each count is what that print and get_count leave. PyPy has no
# gc.get_count."""
# portable = "Never depend on what a builtin's first call adds to gc.get_count()."
# ---
import gc

counts = []
gc.collect()
print("no keyword")
counts.append(gc.get_count()[0])
gc.collect()
print("a keyword", end="\n")
counts.append(gc.get_count()[0])
gc.collect()
print("a keyword again", end="\n")
counts.append(gc.get_count()[0])
print(counts)
