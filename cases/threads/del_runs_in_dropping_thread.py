# ---
# summary = "__del__ runs in the thread that drops the last reference on CPython; on PyPy in the thread whose collection finds the object dead"
# tags = ["threads", "thread", "finalizer", "pypy-doc"]
# requires = ["py3-syntax", "threads", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The main thread makes a resource and hands the only reference to a worker,
# which drops it and ends. CPython finalizes an object where its reference
# count reaches zero: in the worker, in the middle of its work. PyPy
# finalizes it at a collection, here the main thread's gc.collect() after
# the join; a finalizer that takes locks or touches thread-local state
# runs in whichever thread that is."""
# portable = "Do not rely on which thread runs a finalizer: release a resource explicitly in the thread that owns it, and keep __del__ free of locks and thread-local state."
# ---
import gc
import threading


class Resource:
    def __del__(self):
        print("__del__ runs in", threading.current_thread().name)


def work(box):
    box.pop()
    print("the worker dropped the last reference")


box = [Resource()]
worker = threading.Thread(target=work, args=(box,), name="worker")
worker.start()
worker.join()
print("joined")
gc.collect()
print("after gc.collect()")
