# ---
# summary = "Subclasses of classmethod, staticmethod and property: their instances hold their functions, are tracked, and die in a cycle with what they hold"
# tags = ["cycles", "cycle", "finalizer"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/funcobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/descrobject.c",
# ]
# explain = """
# An instance of a class derived from classmethod, staticmethod or
# property is a GC object that holds its function (cm_traverse,
# property_traverse, then the class's own attributes). A class that holds
# one is in a cycle with it (the class, its MRO); once the class is
# dropped, the collector frees the wrapper, and the function dies with it:
# its weakref's callback runs during that collection. A property
# subclass's instance whose getter's closure holds the instance is a
# cycle of its own, with a finalizer on the subclass. PyPy frees them at
# its collections too, its finalizers in its own order."""
# portable = "Do not rely on when a class's methods, or what they hold, are freed: a class lives in a cycle."
# ---
import gc
import weakref


class ClassWrapper(classmethod):
    pass


class StaticWrapper(staticmethod):
    pass


class Accessor(property):
    def __del__(self):
        print("__del__ Accessor", self.label)


def make_class():
    def build(cls):
        return cls.__name__

    def helper(x):
        return x * 2

    class Owner:
        made = ClassWrapper(build)
        twice = StaticWrapper(helper)

    refs = [weakref.ref(build, lambda r: print("build freed")),
            weakref.ref(helper, lambda r: print("helper freed"))]
    return Owner, refs


def make_accessor():
    def getter(obj):
        return accessor

    accessor = Accessor(getter)
    accessor.label = "cyclic"
    return weakref.ref(getter, lambda r: print("getter freed"))


gc.collect()
Owner, refs = make_class()
print(Owner.made(), Owner().made(), Owner.twice(21), Owner.__dict__["made"].__func__.__name__)
del Owner
gc.collect()
print("collected")
print("alive:", [r() is not None for r in refs])
getter_ref = make_accessor()
print("getter alive:", getter_ref() is not None)
gc.collect()
print("collected")
print("getter alive:", getter_ref() is not None)
