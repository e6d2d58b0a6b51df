# ---
# summary = "The gc debug flags and get_debug/set_debug exist on CPython only"
# tags = ["api", "api-presence", "gc-module"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.set_debug"]
# explain = """
# CPython's flags are bit values (DEBUG_LEAK = COLLECTABLE | UNCOLLECTABLE
# | SAVEALL); set_debug/get_debug round-trip them. PyPy has no debug flags."""
# portable = "Guard gc.set_debug and the DEBUG_* flags with `hasattr(gc, 'set_debug')`; use them only to debug on CPython, never in logic the program depends on."
# ---
import gc

if not hasattr(gc, "set_debug"):
    print("no gc debug flags on this runtime")
else:
    print("STATS", gc.DEBUG_STATS)
    print("COLLECTABLE", gc.DEBUG_COLLECTABLE)
    print("UNCOLLECTABLE", gc.DEBUG_UNCOLLECTABLE)
    print("SAVEALL", gc.DEBUG_SAVEALL)
    print("LEAK", gc.DEBUG_LEAK)
    print("initial:", gc.get_debug())
    gc.set_debug(gc.DEBUG_SAVEALL)
    print("after set:", gc.get_debug())
    gc.set_debug(0)
    print("reset:", gc.get_debug())
