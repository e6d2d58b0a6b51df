# ---
# summary = "A mapping pattern reads keys with map.get(key, sentinel), a class pattern reads attributes by __match_args__, and the errors they raise"
# tags = ["refcount", "match", "version-dependent"]
# requires = ["py3-syntax", "py310-syntax"]
# refs = [
#   "https://peps.python.org/pep-0634/",
#   "https://github.com/python/cpython/blob/3.11/Python/ceval.c",
# ]
# explain = """
# A mapping pattern checks the length first, then calls the subject's
# get() with a sentinel object for each key (so a dict subclass's
# __missing__ never runs); a class pattern reads every attribute it
# names, positional ones through __match_args__, and a missing attribute
# is a failed match, not an error. 3.12 words the error of a pattern
# called on a non-class "must be a class"."""
# portable = "Keep get() and the properties a pattern reads free of side effects."
# ---
class Loud(dict):
    def get(self, key, default=None):
        print("get", key, default is not None and type(default).__name__)
        return dict.get(self, key, default)


class Missing(dict):
    def __missing__(self, key):
        print("missing", key)
        return 0


class Attr:
    __match_args__ = ("a", "b")

    @property
    def a(self):
        print("read a")
        return 1

    @property
    def b(self):
        print("read b")
        return 2

    @property
    def c(self):
        print("read c")
        raise AttributeError("c")


def check(subject):
    match subject:
        case {"x": 1, "y": y}:
            print("xy", y)
        case Attr(1, 3):
            print("never")
        case Attr(1, b, c=c):
            print("never either")
        case Attr(a, b=2):
            print("attr", a)
        case _:
            print("no match")


check(Loud(x=1, y=2))
check(Loud(x=2))
check(Missing(x=1))
check(Attr())
for bad in [int, "not a class"]:
    try:
        match 5:
            case bad(x):
                pass
    except TypeError as e:
        print("TypeError", e)


class TooFew:
    __match_args__ = ("a",)


class NotTuple:
    __match_args__ = ["a"]


class NotStrings:
    __match_args__ = (1,)


for cls in [TooFew, NotTuple, NotStrings]:
    try:
        match cls():
            case cls(x, y):
                pass
    except TypeError as e:
        print("TypeError", e)
try:
    match Attr():
        case Attr(a, a=b):
            pass
except TypeError as e:
    print("TypeError", e)
match 5:
    case int(n):
        print("self", n)
match [1, 2]:
    case list([x, y]):
        print("list", x, y)
