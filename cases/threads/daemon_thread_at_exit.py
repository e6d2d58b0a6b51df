# ---
# summary = "At exit, a daemon thread still blocked is abandoned: the objects its frame holds are never finalized, while a non-daemon thread is joined first and its objects are"
# tags = ["threads", "thread", "finalizer", "shutdown", "atexit"]
# requires = ["py3-syntax", "threads", "finalizers", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/threading.html#thread-objects",
#   "https://docs.python.org/3/library/atexit.html",
# ]
# explain = """
# The documentation: "Daemon threads are abruptly stopped at shutdown. Their
# resources (such as open files, database transactions, etc.) may not be
# released properly." At exit the interpreter first joins the non-daemon
# threads (threading._shutdown), then runs the atexit handlers, then
# finalizes what is left. The worker, whose event the main thread sets as
# its last statement, is joined there: on CPython its resource dies with
# its frame, before the atexit handler. The daemon thread, blocked on an
# event that is never set, is frozen with its frame, and its resource is
# never finalized. PyPy finalizes neither: nothing is collected at exit."""
# portable = "Stop worker threads explicitly (an event or a sentinel on their queue) and join them, releasing their resources in the thread, before the program ends; do not rely on daemon threads for cleanup."
# ---
import atexit
import threading


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalized:", self.name)


def hold(name, stop, ready):
    resource = Resource(name)
    ready.set()
    stop.wait()


never, release = threading.Event(), threading.Event()
for name, daemon, stop in [("the daemon thread's resource", True, never), ("the worker's resource", False, release)]:
    ready = threading.Event()
    threading.Thread(target=hold, args=(name, stop, ready), daemon=daemon).start()
    ready.wait()
atexit.register(print, "atexit handler")
release.set()
