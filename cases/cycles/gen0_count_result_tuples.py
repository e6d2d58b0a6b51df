# ---
# summary = "The result tuple an iterator keeps for reuse: tracked when made by PyTuple_New, not by PyTuple_Pack of Nones from 3.14"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = ["https://github.com/python/cpython/issues/139951"]
# explain = """
# enumerate and a dict's items iterator keep a tuple of two Nones to reuse
# for their results (PyTuple_Pack); zip keeps one of as many Nones as it
# has iterables (PyTuple_New). Each is a container the gen-0 count sees,
# until 3.14.1 stopped tracking a tuple made from atoms when it is made:
# PyTuple_Pack's no longer counts, PyTuple_New's still does, as it is made
# empty. A result handed out again is tracked again."""
# portable = "Do not tune gc thresholds or read gc.get_count() as a count of your own objects: what each builtin allocates, and whether the collector tracks it, changes between versions."
# ---
import gc

s = "abc"
d = {1: 2}


def m(label, f):
    gc.collect()
    b = gc.get_count()[0]
    x = f()
    a = gc.get_count()[0]
    print(label, a - b)


m("iter", lambda: iter(s))
m("enumerate", lambda: enumerate(s))
m("zip of 1", lambda: zip(s))
m("zip of 2", lambda: zip(s, s))
m("a dict's items", lambda: iter(d.items()))
m("a dict's keys", lambda: iter(d.keys()))
e = enumerate(s)
next(e)
print("a reused result tracked:", gc.is_tracked(next(e)))
