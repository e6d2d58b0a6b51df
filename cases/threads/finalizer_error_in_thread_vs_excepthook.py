# ---
# summary = "An exception escaping __del__ in a worker is reported as unraisable and the worker goes on; one escaping the worker's target goes to threading.excepthook and ends it"
# tags = ["threads", "thread", "finalizer", "unraisable", "traceback"]
# requires = ["py3-syntax", "threads", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/threading.html#threading.excepthook",
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
# ]
# explain = """
# Two different reports on stderr. A finalizer's exception cannot propagate
# (there is no caller to receive it): it is printed as "Exception ignored
# in" (sys.unraisablehook from 3.8) and the thread carries on with the
# statement after the del. An exception that leaves the thread's target
# is printed by threading.excepthook (3.8; before, by the Thread's own
# code) as "Exception in thread NAME:", and the thread ends; the main
# thread never sees either. PyPy runs the finalizer at the collection, in
# the main thread."""
# portable = "Catch and log errors inside __del__ and inside a thread's target yourself; neither reaches the code that started the thread."
# ---
import gc
import threading


class Resource:
    def __del__(self):
        raise ValueError("cleanup failed")


def drop_resource():
    resource = Resource()
    del resource
    print("the worker goes on after the del")


def fail():
    raise KeyError("request failed")


for target in [drop_resource, fail]:
    worker = threading.Thread(target=target, name=target.__name__)
    worker.start()
    worker.join()
    print("joined", worker.name)
gc.collect()
print("main ends")
