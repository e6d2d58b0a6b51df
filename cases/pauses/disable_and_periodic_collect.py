# ---
# summary = "gc.disable() plus a gc.collect() every N requests: garbage cycles wait for the periodic collection, which frees all of them, on CPython and PyPy alike"
# tags = ["pauses", "gc-collect", "cycle", "realistic"]
# requires = ["py3-syntax", "gc-control", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.disable",
#   "https://instagram-engineering.com/dismissing-python-garbage-collection-at-instagram-4dca40b29172",
# ]
# explain = """
# A service that wants its pauses where it chooses turns automatic
# collections off and collects between requests, every 100 here. With the
# collector disabled, the request cycles pile up (weak references count
# those still alive), and each gc.collect() frees all of them: the memory
# grows by a batch and falls back, on CPython as on PyPy (whose gc.disable()
# stops the major collections that would free cycles). Reference counting
# still frees the acyclic garbage at once on CPython."""
# portable = "This is the portable form: collect explicitly between requests, where a pause does no harm; it frees the same cycles at the same points on CPython and PyPy."
# ---
import gc
import weakref


class Request:
    def __init__(self, number):
        self.number = number
        self.context = {"request": self}


gc.collect()
gc.disable()
alive = []
for number in range(1, 301):
    request = Request(number)
    alive.append(weakref.ref(request))
    del request
    if number % 100 == 0:
        waiting = sum(1 for ref in alive if ref() is not None)
        gc.collect()
        print("after request", number, "cycles waiting:", waiting, "after gc.collect():", sum(1 for ref in alive if ref() is not None))
        alive = []
gc.enable()
