# ---
# summary = "A threading.local value set in a worker is freed when the worker ends, before join() returns"
# tags = ["threads", "thread", "finalizer", "weakref"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = ["https://docs.python.org/3/library/threading.html#thread-local-data"]
# explain = """
# Per-thread connections, sessions or buffers kept in a threading.local
# live as long as their thread: the values a thread set are dropped when it
# ends, while the local object itself and the other threads' values live
# on. Weak references show when the worker's value dies, and the main
# thread's value, set on the same local, stays."""
# portable = "Close what a thread keeps in a threading.local before the thread ends (a try/finally in its target); its end only drops the references."
# ---
import gc
import threading
import weakref


class Session:
    pass


local = threading.local()
watches = {}


def work():
    local.session = Session()
    watches["worker"] = weakref.ref(local.session)


local.session = Session()
watches["main"] = weakref.ref(local.session)
worker = threading.Thread(target=work, name="worker")
worker.start()
worker.join()
print("after join: worker's session alive", watches["worker"]() is not None, "main's", watches["main"]() is not None)
gc.collect()
print("after gc.collect(): worker's session alive", watches["worker"]() is not None, "main's", watches["main"]() is not None)
