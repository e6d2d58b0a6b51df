# ---
# summary = "sys.getsizeof of instances: a plain class, one and three __slots__"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#slots"]
# explain = """
# An instance of a plain class has a dict (or, from 3.11, inline values)
# and a weakref slot: 3.11 counts its pre-header and reports 56 bytes,
# 3.12 48. A slotted instance is the object header, the GC header and one
# pointer per slot. PyPy raises TypeError."""
# portable = "Use `__slots__` to make many small instances cheaper, but do not check the saving with sys.getsizeof values (per version, and TypeError on PyPy without a default)."
# ---
import sys


class Plain:
    pass


class OneSlot:
    __slots__ = ("a",)


class ThreeSlots:
    __slots__ = ("a", "b", "c")


for label, value in [("Plain()", Plain()), ("OneSlot()", OneSlot()), ("ThreeSlots()", ThreeSlots())]:
    try:
        print(label, sys.getsizeof(value))
    except TypeError:
        print(label, "TypeError")
