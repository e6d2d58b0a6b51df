# ---
# summary = "Calling __init__ again on a list drops its old items at once, last first, then fills it; list.__new__ ignores its argument"
# tags = ["refcount", "finalizers"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/listobject.c"]
# explain = """
# list.__init__ (list___init___impl) first clears the list (_list_clear
# drops the items from the last to the first), then extends it from the
# iterable, so a list's old items die inside the call, before the new ones
# are in. list(x) is list.__new__ (an empty list whatever it is given) then
# list.__init__. PyPy frees the old items at a later collection."""
# portable = "Do not call __init__ on an existing list to refill it; use `a[:] = items`, and do not rely on when the old items die."
# ---
class K:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = [K("a"), K("b")]
print("refill")
a.__init__([K("c")])
print("after refill:", [k.name for k in a])
list.__init__(a)
print("after empty init:", len(a))
print("list.__new__:", list.__new__(list, [1, 2]))
print("end")
