# ---
# summary = "gc.enable/disable/isenabled exist and round-trip on both runtimes"
# tags = ["api", "api-presence", "gc-module"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.isenabled",
#   "https://doc.pypy.org/en/latest/gc_info.html",
# ]
# explain = """
# The three functions exist everywhere and return None / a bool; what
# "disabled" stops differs (CPython: automatic cycle collections; PyPy:
# major collections and finalizers), which other cases show."""
# portable = "Pair gc.disable() with gc.enable() in try/finally and do not rely on what disabling stops: CPython still frees by reference count, PyPy also defers finalizers."
# ---
import gc

print("initially:", gc.isenabled())
print("disable() ->", gc.disable())
print("now:", gc.isenabled())
gc.disable()
print("twice disabled, one enable:", gc.enable(), gc.isenabled())
print("garbage:", gc.garbage, type(gc.garbage).__name__)
