# What this build of MicroPython does with memory, as README.md says: no
# user __del__, gc.collect() frees nothing while the program runs (the
# collection waits for the return to JavaScript), no weakref, no
# sys.getrefcount, no atexit.
import gc
import sys


class Noisy:
    def __del__(self):
        print("__del__ ran")


n = Noisy()
del n
gc.collect()
print("after gc.collect()")

before = gc.mem_alloc()
garbage = [bytearray(1000) for i in range(1000)]
del garbage
gc.collect()
print("freed by gc.collect():", gc.mem_alloc() - before < 500000)

for name in ("weakref", "atexit"):
    try:
        __import__(name)
        print(name, "imported")
    except ImportError as e:
        print(name, "ImportError:", e)
print("getrefcount:", hasattr(sys, "getrefcount"), "atexit:", hasattr(sys, "atexit"))
print("gc:", sorted(n for n in dir(gc) if not n.startswith("_")))
