# ---
# summary = "An exception kept after its handler keeps the raising frame's locals alive through its traceback"
# tags = ["exceptions", "traceback", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#traceback-objects",
#   "https://docs.python.org/3/library/exceptions.html#BaseException.__traceback__",
# ]
# explain = """
# exception -> __traceback__ -> frame -> locals. An error log that stores
# exception objects keeps every local of every failed call alive (a large
# buffer, an open connection). On CPython they die when the log entry is
# removed; on PyPy at the next collection."""
# portable = "Keep formatted messages (`traceback.format_exception(e)`) in an error log rather than exception objects, so no failed call's locals stay alive."
# ---
import gc

class Buffer:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

def process(n):
    buf = Buffer("buffer-%d" % n)
    if n % 2 == 1:
        raise ValueError("bad record %d" % n)
    return n

errors = []
for n in range(4):
    try:
        process(n)
    except ValueError as e:
        errors.append(e)
print("errors kept:", [str(e) for e in errors])
print("clearing the error log")
errors.clear()
print("cleared")
gc.collect()
print("after gc.collect()")
