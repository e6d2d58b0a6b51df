# ---
# summary = "An exception that leaves a function releases the values on its stack, newest first, before any handler runs; the traceback keeps only the locals"
# tags = ["exceptions", "traceback", "temporaries", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/ceval.c",
# ]
# explain = """
# `[D("first item"), D("second item"), fail()]` has made two items, still
# on the frame's value stack, when fail() raises. With no handler in the
# frame, CPython pops the stack, newest value first, and only then leaves
# the frame; the traceback keeps the frame for its locals, which live until
# the handler is done with the exception. So both items die before the
# handler's first line and `local` after its last. A handler in an outer
# frame sees every frame on the way unwound the same way. PyPy frees none
# of them before the program ends."""
# portable = "Do not let a temporary that holds a resource be half of an expression that may raise: bind it to a name and close it in a `finally`."
# ---
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def fail():
    raise ValueError("fail")


def call_with_pending_values():
    local = D("local")
    return [D("first item"), D("second item"), fail()]


def caller():
    try:
        call_with_pending_values()
    except ValueError:
        print("handler runs")
    print("handler done")


caller()


def nested_call_with_pending_values():
    return (D("outer item"), call_with_pending_values())


try:
    nested_call_with_pending_values()
except ValueError:
    print("outer handler runs")
print("outer handler done")
