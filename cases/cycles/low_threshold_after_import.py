# ---
# summary = "Under low thresholds the oldest generation's collections after `import os, weakref` wait for the long-lived objects those imports left to grow by a quarter"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# The long-lived rule (a full collection waits until the objects that
# survived into generation 2 since the last one are a quarter of those it
# held then) counts every tracked object, and an import leaves hundreds:
# functions, classes, their dicts and tuples (os and weakref leave about
# 1,500 on 3.11, and the next collections untrack the tuples and dicts of
# atoms among them). The churn below makes a self-referencing dict each
# turn; with threshold 13 generation 0 is collected every few turns, and
# when generation 2 is collected depends on how many long-lived objects
# the imports left. 3.12+ collects at the eval breaker's checks, and 3.14's
# collector is incremental; PyPy has no thresholds."""
# portable = "Do not tune gc.set_threshold to decide when cycles die; call gc.collect() where they must be gone, or break the cycles yourself."
# ---
import gc
import os
import weakref

gc.set_threshold(13, 3, 2)
for n in range(6):
    for i in range(900):
        d = {"i": i}
        d["me"] = d
    print(gc.get_count())
print(gc.collect())
