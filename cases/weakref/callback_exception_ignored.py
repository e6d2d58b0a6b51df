# ---
# summary = "An exception in a weakref callback is reported as ignored; the del statement completes"
# tags = ["weakref", "weakref-callback", "unraisable"]
# requires = ["weakref", "weakref-callbacks", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
# ]
# explain = """
# Callback exceptions go to the unraisable hook. CPython 3.11 prints
# "Exception ignored in: <function on_gone at 0x...>"; PyPy prints
# "Exception ignored in: weakref callback  <function on_gone at 0x...>"
# (two spaces), and only when gc.collect() runs the callback. The second
# callback still runs on both."""
# portable = "Catch exceptions inside weakref callbacks and handle them there; do not depend on when the callback runs or on the wording of the 'Exception ignored' report."
# ---
import gc
import weakref

class Obj:
    pass

def on_gone(ref):
    raise KeyError("listener table out of sync")

def second(ref):
    print("second callback runs")

o = Obj()
r1 = weakref.ref(o, second)
r2 = weakref.ref(o, on_gone)
del o
print("after del")
gc.collect()
print("after gc.collect()")
