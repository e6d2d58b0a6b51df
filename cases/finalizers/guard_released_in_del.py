# ---
# summary = "A lock guard released in __del__: the next acquire fails on PyPy because __del__ has not run"
# tags = ["finalizers", "finalizer", "realistic", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies"]
# explain = """
# Code that releases a resource in __del__ (a lock, a pooled connection, a
# temporary directory) relies on CPython running __del__ when the guard's
# last reference goes, here when the function returns. PyPy doc: the time
# at which __del__ runs "is not reliable or timely in PyPy"; the guard is
# still pending when the second call tries to acquire."""
# portable = "Release the lock with `with lock:` (or try/finally around acquire/release), never in a guard object's __del__."
# ---
import gc

class Lock:
    def __init__(self):
        self.held = False

class Guard:
    def __init__(self, lock):
        if lock.held:
            raise RuntimeError("lock already held")
        lock.held = True
        self.lock = lock
    def __del__(self):
        self.lock.held = False
        print("guard released")

lock = Lock()

def critical(n):
    guard = Guard(lock)
    return n * 2

print(critical(1))
try:
    print(critical(2))
except RuntimeError as e:
    print("RuntimeError:", e)
gc.collect()
print("after gc.collect(), held:", lock.held)
print(critical(3))
