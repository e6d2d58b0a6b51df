# ---
# summary = "A weakref callback and a weakref.finalize run in the thread that drops the object on CPython, in the collecting thread on PyPy"
# tags = ["threads", "thread", "weakref-callback", "weakref-finalize"]
# requires = ["py3-syntax", "threads", "weakref", "weakref-callbacks", "weakref-finalize"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://docs.python.org/3/library/weakref.html#weakref.finalize",
# ]
# explain = """
# A cache that watches its entries with weakref callbacks gets the
# callbacks in the thread that drops the entry: here a worker, on CPython.
# PyPy calls them from the collection that finds the entry dead, which the
# main thread runs after the join. A callback that updates shared state
# needs the same locking whichever thread it lands in."""
# portable = "Guard what weakref callbacks and finalize functions touch with a lock (or make them only enqueue work), since any thread may run them."
# ---
import gc
import threading
import weakref


class Entry:
    pass


def callback(dead):
    print("the weakref callback runs in", threading.current_thread().name)


def finalizer():
    print("the finalize function runs in", threading.current_thread().name)


def work(box):
    box.clear()


box = [Entry()]
watch = weakref.ref(box[0], callback)
weakref.finalize(box[0], finalizer)
worker = threading.Thread(target=work, args=(box,), name="worker")
worker.start()
worker.join()
print("joined")
gc.collect()
print("after gc.collect()")
