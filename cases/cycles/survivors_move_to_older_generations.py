# ---
# summary = "A container that survives a collection moves to the next generation; gc.get_objects(generation) shows where it is"
# tags = ["cycles", "gc-module", "gc-collect", "version-dependent"]
# requires = ["py3-syntax", "gc-objects"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_objects",
#   "https://devguide.python.org/internals/garbage-collector/",
# ]
# explain = """
# CPython 3.11 keeps three generations. A new container is in generation 0;
# collecting generation g moves its survivors (and those of the younger
# generations, merged into it) to g+1, and the oldest keeps its own. An
# object that is not a container (an int, a str) or a dict of atoms is not
# tracked and is in no generation. gc.get_objects(generation) appeared in
# 3.8. CPython 3.14's incremental collector moves survivors straight to its
# old generation, and tracks every dict. PyPy's get_objects accepts only
# None."""
# portable = "Do not depend on which generation an object is in or on gc.get_objects(generation) (CPython 3.8+ only); generations are CPython's implementation detail."
# ---
import gc

class Box:
    pass

def where(obj):
    for g in range(3):
        if any(o is obj for o in gc.get_objects(g)):
            return g
    return None

try:
    gc.get_objects(0)
    have_generations = True
except (TypeError, NotImplementedError):
    have_generations = False

if not have_generations:
    print("gc.get_objects(generation) missing")
else:
    gc.collect()
    b = Box()
    print("new:", where(b))
    gc.collect(0)
    print("after collect(0):", where(b))
    gc.collect(0)
    print("after another collect(0):", where(b))
    gc.collect(1)
    print("after collect(1):", where(b))
    gc.collect()
    print("after collect():", where(b))
    newer = Box()
    gc.collect(1)
    print("collect(1) takes generation 0 along:", where(newer))
    print("an int:", where(12345), "| a dict of atoms:", where({"a": 1}))
print("end")
