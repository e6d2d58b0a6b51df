# ---
# summary = "Releasing a saved exception frees the locals of each frame in its traceback, innermost frame first"
# tags = ["exceptions", "traceback", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/traceback.c",
#   "https://docs.python.org/3/reference/datamodel.html#traceback-objects",
# ]
# explain = """
# A traceback is a chain of entries from the frame that caught the
# exception down to the frame that raised it; each entry holds its frame.
# On CPython, tb_dealloc releases the next entry before its own frame, so
# the innermost frame is freed first. This case records the order in
# which the three levels' locals die when the saved exception is dropped;
# PyPy frees them at gc.collect() in its own order."""
# portable = "Do not depend on the order in which a saved traceback's frames release their locals; release resources in each frame's `finally` before the exception leaves it."
# ---
import gc

class Local:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

def level3():
    x = Local("level3 local")
    raise LookupError("deep failure")

def level2():
    x = Local("level2 local")
    level3()

def level1():
    x = Local("level1 local")
    level2()

saved = []
try:
    level1()
except LookupError as e:
    saved.append(e)
print("saved; dropping it")
saved.clear()
print("dropped")
gc.collect()
print("after gc.collect()")
