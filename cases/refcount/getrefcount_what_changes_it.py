# ---
# summary = "Which operations add and remove references, as sys.getrefcount sees them"
# tags = ["refcount", "getrefcount", "seed", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.getrefcount",
#   "https://docs.python.org/3/c-api/intro.html#reference-counts",
# ]
# explain = """
# The seed's list of what increases the count (assignment, container,
# argument, alias) and what decreases it (del, rebinding, leaving a scope).
# On CPython the numbers are exact and stable for a given version; on PyPy
# the function does not exist and the case says so.
# Up to 3.10 the caller's value stack also holds the argument during the
# call, so the count inside the call is one higher."""
# portable = "Use weakref.ref to observe whether an object is still alive; sys.getrefcount is CPython-only and its values vary with the version."
# ---
import sys

class Obj:
    pass

rc = getattr(sys, "getrefcount", None)
if rc is None:
    print("no sys.getrefcount on", sys.implementation.name)
    sys.exit(0)

obj = Obj()
print("one name:", rc(obj))
alias = obj
print("alias:", rc(obj))
box = [obj, obj]
print("two list slots:", rc(obj))
holder = Obj()
holder.attr = obj
print("attribute:", rc(obj))

def inside(arg):
    return rc(arg)

print("inside a call:", inside(obj))
del alias
print("after del alias:", rc(obj))
box = None
print("after rebinding the list name:", rc(obj))
del holder.attr
print("after del attribute:", rc(obj))
print("fresh temporary:", rc(Obj()))
