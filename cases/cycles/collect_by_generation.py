# ---
# summary = "gc.collect(generation): a survivor moves to an older generation that collect(0) no longer scans"
# tags = ["cycles", "cycle", "gc-collect", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/InternalDocs/garbage_collector.md",
# ]
# explain = """
# CPython collects one generation and the younger ones; objects that
# survive move to the next generation. A cycle that was still referenced
# during collect(0) sits in generation 1 afterwards, so once it becomes
# garbage collect(0) does not see it (0) and collect(1) does. An invalid
# generation raises ValueError. PyPy ignores the argument (every call is a
# full collection, returning None) and raises nothing for 5.
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Call gc.collect() without an argument when you need garbage gone; the generation argument and what each generation holds are CPython details that PyPy ignores."
# ---
import gc
import weakref

class Node:
    pass

def make_cycle():
    n = Node()
    n.me = n
    return n

gc.collect()
young = make_cycle()
r_young = weakref.ref(young)
del young
print("collect(0) with young garbage:", gc.collect(0))
print("young alive:", r_young() is not None)

held = make_cycle()
r_held = weakref.ref(held)
print("collect(0) while held:", gc.collect(0))
del held
print("collect(0) after drop:", gc.collect(0))
print("held alive:", r_held() is not None)
print("collect(1):", gc.collect(1))
print("held alive:", r_held() is not None)
try:
    print("collect(5):", gc.collect(5))
except ValueError as e:
    print("ValueError:", e)
