# ---
# summary = "From 3.13 a class body stores __firstlineno__ and __static_attributes__, the sorted names its functions assign as self.NAME: two more names and constants that compiling every class statement makes"
# tags = ["api", "api-presence", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3.13/whatsnew/3.13.html#other-language-changes",
#   "https://github.com/python/cpython/issues/115775",
#   "https://github.com/python/cpython/blob/3.13/Python/compile.c",
# ]
# explain = """
# 3.13's compiler collects, in a set per class, the attribute names that any
# function nested in the class body stores through a name `self` (not an
# augmented assignment, a load or a del), and ends the body by storing them,
# sorted into a list and made a tuple constant, as __static_attributes__;
# the body starts by storing its first line, decorators included, as
# __firstlineno__. Before 3.13 neither exists. The tuple is one more
# container the compiler makes for every class statement, with its key in
# the constant cache: what the script's compiling leaves in generation 0,
# and so where the first automatic collections fall, moves with it (fuzz
# seeds 430011, 430334, 430535). Like any tuple of strings, a collection
# untracks it."""
# portable = "Read __static_attributes__ and __firstlineno__ only from 3.13 on (getattr with a default); they change nothing an object keeps alive."
# ---
import gc


class Point:
    x = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.hits += 1  # an augmented assignment does not count
        print(self.label)  # nor does a load

    def move(self, dx):
        self.x = self.x + dx
        def later():
            self.moved = True  # a function nested in a method counts for the class
        return later

    def copy_to(self, other):
        other.x = self.x  # only stores through `self`


class Empty:
    pass


for cls in (Point, Empty):
    attrs = getattr(cls, "__static_attributes__", None)
    print(cls.__name__, "static attributes:", attrs)
    print(cls.__name__, "first line:", getattr(cls, "__firstlineno__", None))
    names = cls.__dict__
    print(cls.__name__, "in its __dict__:", "__static_attributes__" in names, "__firstlineno__" in names)
    if attrs:
        gc.collect()
        print(cls.__name__, "tuple tracked after a collection:", gc.is_tracked(attrs))
