# ---
# summary = "With the default threading.excepthook, a thread that failed has released its frame and locals by the time join() returns"
# tags = ["threads", "thread", "traceback", "weakref"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/threading.html#threading.excepthook",
#   "https://docs.python.org/3/library/threading.html#threading.Thread.join",
# ]
# explain = """
# The default hook prints the traceback and keeps nothing: the exception,
# its traceback and the failed frame with its locals are dropped in the
# thread, before it ends, so on CPython the failed request's buffer is gone
# once join() returns (contrast threads/excepthook_keeps_failed_frame, whose
# hook keeps the exception). PyPy frees it at the next collection."""
# portable = "Let the default hook report a thread's failure, or keep only the text of the exception in your own hook."
# ---
import gc
import threading
import weakref


class Buffer:
    pass


def handle_request(watches):
    buffer = Buffer()
    watches.append(weakref.ref(buffer))
    raise RuntimeError("request failed")


watches = []
worker = threading.Thread(target=handle_request, args=(watches,), name="request")
worker.start()
worker.join()
print("after join: the failed request's buffer alive", watches[0]() is not None)
gc.collect()
print("after gc.collect():", watches[0]() is not None)
