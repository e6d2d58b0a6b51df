# ---
# summary = "What matching each kind of pattern adds to gc.get_count()[0]: MATCH_CLASS's set, list and tuple of attributes, MATCH_KEYS's set and tuple of values, a **rest dict"
# tags = ["cycles", "gc-module", "temporaries", "match", "version-dependent"]
# requires = ["py3-syntax", "py310-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://peps.python.org/pep-0634/",
#   "https://github.com/python/cpython/blob/3.11/Python/ceval.c",
# ]
# explain = """
# A class pattern makes a set of the attribute names it read and a list
# of the attributes, turned into a tuple that the pattern unpacks; a
# mapping pattern makes a set of the keys it looked up and a tuple of
# their values, and `**rest` a dict. They are freed before the case body
# runs (the count goes back down on CPython to 3.12), but an automatic
# collection can run among them. A sequence pattern with `*rest`
# unpacks into a new list; `*_` indexes instead. 3.8 and 3.9 have no
# match statement, nor PyPy 7.3 (Python 3.9)."""
# portable = "Never depend on what a match statement allocates; collect explicitly where a collection matters."
# ---
import gc


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Box:
    def __init__(self, item):
        self.item = item


def classify(subject):
    match subject:
        case Point(0, 0):
            return "origin"
        case Point(x, 0):
            return "on the x axis"
        case Point(x=0, y=y):
            return "on the y axis"
        case Point():
            return "a point"
        case Box(item=[first, *_]):
            return "a box of a sequence"
        case [a, b, *rest]:
            return "a long sequence"
        case [single]:
            return "a sequence of one"
        case {"kind": "circle", "r": radius}:
            return "a circle"
        case {"kind": kind, **others}:
            return "a shape"
        case (1 | 2 | 3) as small:
            return "small"
        case int(n) if n < 0:
            return "negative"
        case str() as text if text:
            return "text"
        case None:
            return "nothing"
        case _:
            return "other"


subjects = [
    Point(0, 0),
    Point(4, 0),
    Point(0, 5),
    Point(4, 5),
    Box([1, 2]),
    Box(7),
    [1, 2, 3, 4],
    (1, 2),
    [9],
    {"kind": "circle", "r": 2},
    {"kind": "square", "side": 3, "color": "red"},
    {"other": 1},
    2,
    -4,
    "abc",
    "",
    None,
    3.5,
]
gc.collect()
gc.disable()
for subject in subjects:
    before = gc.get_count()[0]
    result = classify(subject)
    after = gc.get_count()[0]
    print(result, after - before)
gc.enable()
