# ---
# summary = "What a service's metrics endpoint reads from gc.get_stats() across a request loop: per-generation counts on CPython, memory and time totals on PyPy"
# tags = ["pauses", "gc-module", "gc-automatic", "cycle", "realistic", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_stats",
#   "https://doc.pypy.org/en/latest/gc_info.html#gc-get-stats",
# ]
# explain = """
# CPython's gc.get_stats() (3.4) is a list of three dicts, one per
# generation, counting collections and the objects they collected and
# found uncollectable since start-up; a service exports their differences
# between two scrapes. Here, across 3,000 requests that each leave a cycle,
# after a gc.collect() that empties the younger generations: the
# collections of generation 0 and what they collected differ per version
# as in pauses/request_loop_collections; the one automatic collection of
# 3.14.0's incremental collector here (Pyodide's 3.14.2: reported to
# gc.callbacks as generation 1, collecting none of the cycles) leaves the
# counts unchanged: there they grow only with the increments that collect
# something (one of 19 in a run of 40,000 such requests). PyPy's
# gc.get_stats() returns an object of another shape, with the
# memory the collector manages and the time spent collecting (the values
# vary from run to run, so only its fields are printed)."""
# portable = "Read gc.get_stats() according to the runtime (a list of dicts on CPython, a GcStats object on PyPy) and export only what each provides; do not compare numbers across runtimes or versions."
# ---
import gc


class Request:
    def __init__(self, number):
        self.number = number
        self.me = self


if not hasattr(gc, "get_stats"):
    print("gc.get_stats missing")
else:
    gc.collect()
    before = gc.get_stats()
    for number in range(3000):
        Request(number)
    after = gc.get_stats()
    if isinstance(before, list):
        for generation, (start, end) in enumerate(zip(before, after)):
            print("generation", generation, {key: end[key] - start[key] for key in sorted(end)})
    else:
        print(type(before).__name__, "fields:", [name for name in dir(before) if not name.startswith("_")])
