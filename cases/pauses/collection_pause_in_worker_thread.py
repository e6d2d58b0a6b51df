# ---
# summary = "An automatic collection runs in whichever thread's allocation triggers it: a worker's requests pause the worker, and it finalizes garbage the main thread left"
# tags = ["pauses", "gc-automatic", "thread", "cycle", "finalizer", "realistic"]
# requires = ["py3-syntax", "threads", "gc-callbacks", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
#   "https://github.com/python/cpython/blob/3.13/InternalDocs/garbage_collector.md",
# ]
# explain = """
# CPython has one collector for the whole process, and its automatic
# collections run in the thread whose allocation passes the threshold (to
# 3.11) or whose next eval-breaker check finds the collection scheduled
# (from 3.12). The main thread leaves a garbage cycle with a finalizer and
# waits in join() while a worker handles requests that allocate: the
# collections, with their pauses, happen in the worker, and the main
# thread's cycle is finalized there. The callbacks record the thread of
# each collection. PyPy has no gc.callbacks."""
# portable = "Expect collection pauses and finalizers in any thread that allocates; a latency-sensitive thread cannot be shielded from them by the thread layout."
# ---
import gc
import threading

threads_that_collected = set()


def watch(phase, info):
    threads_that_collected.add(threading.current_thread().name)


class Leftover:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("the main thread's leftover finalized in", threading.current_thread().name)


def handle_requests():
    kept = []
    for number in range(3000):
        kept.append([number])


gc.collect()
Leftover()
worker = threading.Thread(target=handle_requests, name="worker")
gc.callbacks.append(watch)
worker.start()
worker.join()
gc.callbacks.remove(watch)
print("threads that ran automatic collections:", sorted(threads_that_collected))
