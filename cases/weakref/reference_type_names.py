# ---
# summary = "What the weak reference types are called: builtins `weakref`, `weakproxy`, `weakcallableproxy` (to 3.9, PyPy) or weakref.ReferenceType, ProxyType, CallableProxyType (3.10+)"
# tags = ["weakref", "api-presence", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ReferenceType",
#   "https://github.com/python/cpython/blob/3.10/Objects/weakrefobject.c",
# ]
# explain = """
# The types of weakref.ref(), weakref.proxy() on an object and on a
# callable are the same three types on every version, exported by the
# weakref module as ReferenceType, ProxyType and CallableProxyType. Until
# 3.9 their own names were `weakref`, `weakproxy` and `weakcallableproxy`,
# types of the builtins module; 3.10 named them after the module's names,
# so `type(r).__name__` and `repr(type(r))` changed. PyPy keeps the old
# names. Code that tests a weak reference by its type's name breaks across
# that line."""
# portable = "Test `isinstance(r, weakref.ReferenceType)` (or `weakref.ProxyTypes`) instead of comparing type names."
# ---
import weakref


class Target:
    def __call__(self):
        pass


class Plain:
    pass


t = Target()
p = Plain()
for label, r in [("ref", weakref.ref(p)), ("proxy", weakref.proxy(p)), ("callable proxy", weakref.proxy(t))]:
    kind = type(r)
    print(label + ":", kind.__name__, kind.__module__, repr(kind))
    print("  isinstance ReferenceType:", isinstance(r, weakref.ReferenceType))
    print("  in ProxyTypes:", kind in weakref.ProxyTypes)
    print("  is weakref's type:", kind is weakref.ReferenceType or kind is weakref.ProxyType or kind is weakref.CallableProxyType)
