# ---
# summary = "gc.set_threshold / get_threshold: defaults per version, partial updates, threshold 0"
# tags = ["api", "api-presence", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.set_threshold"]
# explain = """
# The default thresholds are (700, 10, 10) up to 3.12 and (2000, 10, 10)
# in 3.13. set_threshold with fewer arguments leaves the others unchanged;
# threshold0 = 0 disables automatic collection, although isenabled() stays
# True. PyPy has neither function."""
# portable = "Guard gc.get_threshold and gc.set_threshold with `hasattr` (PyPy has neither), restore the thresholds you changed, and do not assume the defaults of one version."
# ---
import gc

if not hasattr(gc, "get_threshold"):
    print("no thresholds on this runtime")
else:
    print("default:", gc.get_threshold())
    gc.set_threshold(100)
    print("one argument:", gc.get_threshold())
    gc.set_threshold(50, 5, 2)
    print("three arguments:", gc.get_threshold())
    gc.set_threshold(0)
    print("disabled by 0:", gc.get_threshold(), "| isenabled:", gc.isenabled())
