# ---
# summary = "hasattr() on an unset __slots__ attribute: up to 3.11 the AttributeError it clears is never made; from 3.12 it is, and counts"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/whatsnew/3.12.html",
#   "https://github.com/python/cpython/blob/3.11/Objects/object.c",
# ]
# explain = """
# An unset slot raises AttributeError in C. hasattr() clears it again. Up
# to 3.11 an exception raised in C stays a type and a message until Python
# code sees it, so the cleared one allocated nothing; 3.12 makes every
# exception an object when it is raised (its args tuple and the instance).
# Reading the slot in a try block makes the exception in every version.
# PyPy has no gc.get_count."""
# portable = "Never depend on what hasattr() allocates."
# ---
import gc

class Slotted:
    __slots__ = ("a", "b")

def count():
    return gc.get_count()[0]

deltas = []

def measure(label, action):
    before = count()
    action()
    deltas.append((label, count() - before))

def read_unset():
    try:
        s.b
    except AttributeError:
        pass

s = Slotted()
s.a = 1
gc.collect()
measure("hasattr, set slot", lambda: hasattr(s, "a"))
measure("hasattr, unset slot", lambda: hasattr(s, "b"))
measure("hasattr, unset slot again", lambda: hasattr(s, "b"))
measure("reading the unset slot, caught", read_unset)
for label, delta in deltas:
    print(label, delta)
