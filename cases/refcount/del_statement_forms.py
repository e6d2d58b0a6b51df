# ---
# summary = "del of several names, an attribute, a subscript and a slice, and what each frees"
# tags = ["refcount", "del", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/simple_stmts.html#the-del-statement"]
# explain = """
# `del a, b` deletes left to right, so a dies first. Deleting an attribute,
# a dict key, a list index or a slice releases that reference at once on
# CPython; a slice's items go last to first. Deleting a name that is
# unbound raises NameError. PyPy frees nothing before gc.collect()."""
# portable = "Use `del` to unbind names and remove entries, never to trigger cleanup; call close() on the object first when it holds a resource."
# ---
import gc

class Obj:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

a = Obj("a")
b = Obj("b")
del a, b
print("-- del a, b done")
holder = Obj("holder")
holder.attr = Obj("attr")
del holder.attr
print("-- del holder.attr done")
d = {"k": Obj("d[k]")}
del d["k"]
print("-- del d['k'] done")
seq = [Obj("s0"), Obj("s1"), Obj("s2"), Obj("s3")]
del seq[0]
print("-- del seq[0] done")
del seq[-2:]
print("-- del seq[-2:] done")
try:
    del never_bound
except NameError as e:
    print("NameError:", e)
gc.collect()
print("after gc.collect()")
