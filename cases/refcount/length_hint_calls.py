# ---
# summary = "list(), tuple(), sorted() and f(*x) ask a class's __len__ or __length_hint__ for a size before they fill up: its code runs, and what it allocates dies there"
# tags = ["refcount", "temporaries", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__length_hint__",
#   "https://peps.python.org/pep-0424/",
#   "https://github.com/python/cpython/blob/3.9/Objects/listobject.c",
#   "https://github.com/python/cpython/blob/3.13/Objects/abstract.c",
# ]
# explain = """
# Before CPython fills a list from an iterable that is not a list or tuple
# (list(), list.extend(), sorted(), a starred item in a display) it asks
# the iterable's length hint (PyObject_LengthHint, PEP 424): its __len__,
# or else its __length_hint__, after taking the iterator; a TypeError from
# either means "no hint", any other exception propagates. 3.8 and 3.9's
# list() first asks __len__ once more on its own, to preallocate, so a
# class's __len__ runs twice there. PySequence_Tuple (tuple(), f(*x), an
# exception's args = x) asks too, up to 3.13; 3.14 collects the items
# without asking. PyPy asks before it takes the iterator. Whatever that
# code allocates (here an object with __del__) dies inside the call."""
# portable = "Keep __len__ and __length_hint__ free of side effects: how often and when the built-ins call them differs between versions and runtimes."
# ---
class Temp:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Sized:
    def __init__(self, name):
        self.name = name

    def __len__(self):
        Temp("made by " + self.name + ".__len__")
        return 2

    def __iter__(self):
        print("iter", self.name)
        return iter([1, 2])


class Hinted:
    def __length_hint__(self):
        print("length_hint")
        return NotImplemented

    def __iter__(self):
        print("iter Hinted")
        return iter([3])


class Unsized:
    def __len__(self):
        raise TypeError("no size")

    def __iter__(self):
        return iter([4])


class BadHint:
    def __length_hint__(self):
        return -1

    def __iter__(self):
        return iter([5])


def f(*args):
    return args


print("list:", list(Sized("a")))
print("tuple:", tuple(Sized("b")))
print("sorted:", sorted(Sized("c")))
extended = [0]
extended.extend(Sized("d"))
print("extend:", extended)
print("f(*x):", f(*Sized("e")))
print("hinted:", list(Hinted()))
print("TypeError is no size:", list(Unsized()))
try:
    list(BadHint())
except ValueError as e:
    print("ValueError:", e)
error = Exception()
error.args = Sized("g")
print("args:", error.args)
print("end")
