# ---
# summary = "Deleting a threading.local drops the value each thread set on it, also that of a thread still running"
# tags = ["threads", "thread", "weakref"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = ["https://docs.python.org/3/library/threading.html#thread-local-data"]
# explain = """
# A threading.local holds one set of attributes per thread. They go when
# their thread ends (thread_local_freed_at_thread_end), and all of them,
# every thread's, when the local object itself dies: here a worker that
# still waits loses its value when the main thread deletes the local, on
# CPython at the del, on PyPy at the next collection."""
# portable = "Keep per-thread resources in a local that lives as long as the threads using it, and close them in the thread; do not count on either end to release them at a given time."
# ---
import gc
import threading
import weakref


class Session:
    pass


local = threading.local()
watches = {}
stored, finish = threading.Event(), threading.Event()


def work():
    local.session = Session()
    watches["worker"] = weakref.ref(local.session)
    stored.set()
    finish.wait()


worker = threading.Thread(target=work)
worker.start()
stored.wait()
local.session = Session()
watches["main"] = weakref.ref(local.session)
print("both set: worker's alive", watches["worker"]() is not None, "main's", watches["main"]() is not None)
del local
print("after del: worker's alive", watches["worker"]() is not None, "main's", watches["main"]() is not None)
gc.collect()
print("after gc.collect(): worker's alive", watches["worker"]() is not None, "main's", watches["main"]() is not None)
finish.set()
worker.join()
