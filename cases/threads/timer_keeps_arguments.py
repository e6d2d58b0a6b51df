# ---
# summary = "A cancelled threading.Timer keeps its function's arguments for as long as the Timer object lives"
# tags = ["threads", "thread", "weakref", "realistic"]
# requires = ["py3-syntax", "threads", "weakref"]
# refs = ["https://docs.python.org/3/library/threading.html#timer-objects"]
# explain = """
# A service schedules a timeout for each request with threading.Timer and
# cancels it when the request completes. Timer, unlike Thread.run, never
# drops its function and arguments, so a cancelled (or fired) Timer that
# is still referenced, here from a list of pending timeouts, keeps the
# request it was given. Once the Timer objects go, CPython frees the request
# at once, PyPy at the next collection."""
# portable = "Drop finished or cancelled Timer objects (remove them from the list you keep), or give the Timer only an id to look the request up."
# ---
import gc
import threading
import weakref


class Request:
    pass


def expire(request):
    print("timed out")


request = Request()
watch = weakref.ref(request)
timeouts = [threading.Timer(3600, expire, args=(request,))]
timeouts[0].start()
del request
timeouts[0].cancel()
timeouts[0].join()
gc.collect()
print("cancelled, joined and collected: the request alive", watch() is not None)
timeouts.clear()
print("after dropping the Timer:", watch() is not None)
gc.collect()
print("after gc.collect():", watch() is not None)
