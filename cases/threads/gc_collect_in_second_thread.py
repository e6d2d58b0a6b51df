# ---
# summary = "gc.collect() called from a worker thread finalizes a garbage cycle of the main thread's in the worker"
# tags = ["threads", "thread", "cycle", "gc-collect", "finalizer"]
# requires = ["py3-syntax", "threads", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
# ]
# explain = """
# A housekeeping thread that calls gc.collect() now and then (a common
# remedy for slow automatic collections) runs every finalizer of the
# garbage it finds, whichever thread made the garbage: here a cycle the
# main thread dropped, finalized in the worker, on CPython and on PyPy alike.
# The main thread waits in join(), so the collection is the worker's.
# gc.collect() returns the number of objects found unreachable on CPython
# (an int, whose value depends on the version and on what starting a thread
# leaves behind), None on PyPy."""
# portable = "Expect finalizers to run in any thread that collects, and do nothing in __del__ that needs a particular thread."
# ---
import gc
import threading


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = self

    def __del__(self):
        print(self.name, "finalized in", threading.current_thread().name)


def housekeeping(results):
    results.append(gc.collect())


gc.collect()
gc.disable()
Node("a cycle the main thread dropped")
results = []
worker = threading.Thread(target=housekeeping, args=(results,), name="housekeeping")
worker.start()
worker.join()
print("gc.collect() in the worker returned", type(results[0]).__name__)
gc.enable()
