# ---
# summary = "weakref.finalize runs its function once: at the object's death or when called; detach cancels it"
# tags = ["weakref", "weakref-finalize"]
# requires = ["py3-syntax", "weakref", "weakref-finalize"]
# refs = ["https://docs.python.org/3/library/weakref.html#weakref.finalize"]
# explain = """
# A finalize object calls func(*args) the first time it is called or when
# the referent dies, whichever comes first, and then is dead (alive is
# False, calling again returns None). detach() returns (obj, func, args,
# kwargs) and unregisters it. The death-triggered call happens at del on CPython
# and at gc.collect() on PyPy."""
# portable = "Call the finalize object explicitly (`self._finalizer()`) when the work is done; its automatic call at the object's death happens at different times on each runtime."
# ---
import gc
import weakref

class Resource:
    pass

def cleanup(name):
    print("cleanup", name)
    return name.upper()

r1 = Resource()
f1 = weakref.finalize(r1, cleanup, "on-death")
r2 = Resource()
f2 = weakref.finalize(r2, cleanup, "called")
r3 = Resource()
f3 = weakref.finalize(r3, cleanup, "detached")
print("alive:", f1.alive, f2.alive, f3.alive)
print("call f2 ->", f2())
print("call f2 again ->", f2())
info = f3.detach()
print("detached:", info[0] is r3, info[1] is cleanup, info[2], info[3])
print("alive:", f1.alive, f2.alive, f3.alive)
del r1, r2, r3, info
print("after del")
gc.collect()
print("after gc.collect(), alive:", f1.alive, f2.alive, f3.alive)
