# A suspended generator held by a global is closed at shutdown: its finally
# block runs then; a weakref callback fires when its referent dies.
import weakref


def counter():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")


class Target:
    pass


gen = counter()
print("first", next(gen))
target = Target()
ref = weakref.ref(target, lambda r: print("weakref callback"))
del target
print("main done")
