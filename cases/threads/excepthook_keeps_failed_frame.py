# ---
# summary = "A threading.excepthook that keeps the exception keeps the failed thread's frame and locals alive"
# tags = ["threads", "thread", "traceback", "weakref", "realistic"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/threading.html#threading.excepthook",
#   "https://docs.python.org/3/reference/compound_stmts.html#the-try-statement",
# ]
# explain = """
# threading.excepthook (3.8) receives the exception that ended a thread
# with its traceback, and the traceback holds the thread's frames with their
# locals: "Storing exc_value using a custom hook can create a reference
# cycle. It should be cleared explicitly to break the reference cycle when
# the exception is no longer needed." A hook that remembers the last
# failure keeps the failed request's buffers alive after join() until the
# next failure replaces it. Before 3.8 there is no hook: the thread prints
# its traceback itself and drops it."""
# portable = "Keep only what you need of a thread's exception (its message, the formatted traceback as text), not the exception object."
# ---
import gc
import threading
import weakref


class Buffer:
    pass


failures = []


def remember(args):
    failures.append(args.exc_value)


def handle_request(watches):
    buffer = Buffer()
    watches.append(weakref.ref(buffer))
    raise RuntimeError("request failed")


watches = []
if hasattr(threading, "excepthook"):
    threading.excepthook = remember
worker = threading.Thread(target=handle_request, args=(watches,))
worker.start()
worker.join()
gc.collect()
print("after join and gc.collect(): the failed request's buffer alive", watches[0]() is not None)
failures.clear()
gc.collect()
print("after dropping the kept exception:", watches[0]() is not None)
