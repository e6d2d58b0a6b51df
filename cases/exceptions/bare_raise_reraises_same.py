# ---
# summary = "A bare raise re-raises the same exception object, extending its traceback; locals live until the final handler"
# tags = ["exceptions", "traceback", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/simple_stmts.html#the-raise-statement"]
# explain = """
# `raise` inside a handler re-raises the exception being handled: the
# outer handler catches the very same object, and its traceback now also
# includes the middle frame. The locals of both frames stay alive until the
# outer handler ends (CPython) or until a collection (PyPy)."""
# portable = "Release what the failing frames hold before re-raising (close resources in `finally` or `with`), since the frames stay alive as long as the exception does, and longer on PyPy."
# ---
import gc

class Tmp:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

first = []

def inner():
    t = Tmp("inner tmp")
    raise KeyError("id")

def middle():
    t = Tmp("middle tmp")
    try:
        inner()
    except KeyError as e:
        first.append(e)
        raise

try:
    middle()
except KeyError as e:
    print("same object:", e is first[0])
first.clear()
print("after the outer handler")
gc.collect()
print("after gc.collect()")
