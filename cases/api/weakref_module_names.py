# ---
# summary = "Which names the weakref module defines on each runtime"
# tags = ["api", "api-presence", "weakref"]
# requires = ["py3-syntax", "weakref"]
# refs = ["https://docs.python.org/3/library/weakref.html"]
# explain = """
# The weakref module is pure Python over a small builtin core on both
# runtimes, so its public names agree; the differences are in behavior
# (when referents die), not in presence.
# """
# ---
import weakref

names = [
    "ref", "proxy", "getweakrefcount", "getweakrefs", "finalize",
    "WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "WeakMethod",
    "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
]
for name in names:
    print(name, hasattr(weakref, name))
