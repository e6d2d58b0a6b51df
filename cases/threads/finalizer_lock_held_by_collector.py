# ---
# summary = "A __del__ that takes a lock its own thread holds: a Lock is busy (blocking would deadlock), an RLock lets the finalizer in mid-update"
# tags = ["threads", "thread", "finalizer", "realistic"]
# requires = ["py3-syntax", "threads", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://docs.python.org/3/library/threading.html#rlock-objects",
# ]
# explain = """
# A finalizer runs in the thread that drops the object (CPython) or that
# collects (PyPy), at any point of that thread's work, also while it holds
# a lock the finalizer needs. A registry updated under a Lock, whose
# entries unregister themselves in __del__: the finalizer runs inside the
# locked region of the same thread, where acquire() would wait forever
# (here acquire(blocking=False), which answers at once). With an RLock the
# finalizer gets in, and sees the registry in the middle of an update. The
# finalizer runs at the del on CPython, at gc.collect() (still inside the
# locked region) on PyPy: the outcome is the same."""
# portable = "Keep locks out of __del__ (the logging module's handlers use RLock for this reason); let the finalizer only enqueue the work, and do it outside."
# ---
import gc
import threading


class Entry:
    def __init__(self, lock, kind):
        self.lock = lock
        self.kind = kind

    def __del__(self):
        taken = self.lock.acquire(blocking=False)
        print("__del__ took the", self.kind, "its thread holds:", taken)
        if taken:
            self.lock.release()


for kind, lock in [("Lock", threading.Lock()), ("RLock", threading.RLock())]:
    entry = Entry(lock, kind)
    with lock:
        print("updating under the lock")
        del entry
        gc.collect()
        print("update done")
