# ---
# summary = "A cycle a waiting thread's frame still references survives gc.collect() in another thread; once the thread lets go and ends, the next collection frees it"
# tags = ["threads", "thread", "cycle", "gc-collect", "finalizer"]
# requires = ["py3-syntax", "threads", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://docs.python.org/3/library/threading.html#threading.Thread.join",
# ]
# explain = """
# The collector looks for garbage from every thread's point of view: what a
# thread's running (here waiting) frame references is alive, even when
# only a cycle holds it otherwise. A worker that keeps a cyclic structure
# in a local variable while it waits keeps it through the main thread's
# gc.collect(); once the worker returns, the cycle is garbage, finalized
# at the next collection on CPython and PyPy alike."""
# portable = "Drop what a long-waiting worker no longer needs (del, or a smaller scope) before it blocks; a collection cannot free what any thread's frame still references."
# ---
import gc
import threading


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = self

    def __del__(self):
        print("finalized", self.name)


built, finish = threading.Event(), threading.Event()


def work():
    node = Node("the worker's cycle")
    built.set()
    finish.wait()


gc.disable()
worker = threading.Thread(target=work)
worker.start()
built.wait()
gc.collect()
print("after gc.collect() while the worker waits")
finish.set()
worker.join()
print("joined")
gc.collect()
print("after gc.collect() once it ended")
gc.enable()
