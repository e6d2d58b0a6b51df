# ---
# summary = "A request loop that makes cyclic temporaries: how many automatic collections of each generation it starts, and what they collect, per CPython version"
# tags = ["pauses", "gc-automatic", "gc-module", "cycle", "realistic", "version-dependent", "seed"]
# requires = ["py3-syntax", "gc-callbacks", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
#   "https://github.com/python/cpython/blob/3.13/InternalDocs/garbage_collector.md",
# ]
# explain = """
# Each request makes a Request and a Response that point at each other, as
# a framework's request and response objects often do: reference counting
# cannot free them, and they wait for the cycle collector. Three thousand
# requests start 18 collections of generation 0 and one of generation 1 on
# 3.6 to 3.10, where each instance also has its own __dict__ object; 11 of
# generation 0 on 3.11 and 3.12, whose instances keep their attributes
# inline; 4 on 3.13, whose first threshold is 2000 instead of 700; and on
# 3.14.0's incremental collector (Pyodide's 3.14.2) 4 collections,
# reported as generation 1, that collect none of these cycles: the first
# increment of a scavenge marks what the roots reach, and marking
# Pyodide's start-up heap puts the collector about 38,000 objects ahead,
# so the increments collect nothing of the program's until it has tracked
# about that many containers (backends/refcount/collector.md; the young
# generation grows by 2,000 between them). The counts start
# from zero after gc.collect(), so they do not depend on start-up. PyPy has
# no gc.callbacks (pauses/pypy_gc_hooks shows its collections)."""
# portable = "Break request/response cycles explicitly (or use weak back-references) so that reference counting frees them on CPython, and measure pauses on each runtime you deploy on; never depend on when automatic collections happen."
# ---
import gc

collections = [0, 0, 0]
collected = [0, 0, 0]


def count(phase, info):
    if phase == "stop":
        collections[info["generation"]] += 1
        collected[info["generation"]] += info["collected"]


class Request:
    def __init__(self, number):
        self.number = number
        self.response = Response(self)


class Response:
    def __init__(self, request):
        self.request = request
        self.headers = {"status": 200}


def handle(number):
    request = Request(number)
    return request.response.headers["status"]


gc.collect()
gc.callbacks.append(count)
for number in range(3000):
    handle(number)
gc.callbacks.remove(count)
print("thresholds:", gc.get_threshold())
print("automatic collections per generation:", collections)
print("objects they collected per generation:", collected)
