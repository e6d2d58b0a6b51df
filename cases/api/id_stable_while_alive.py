# ---
# summary = "id() of a live object stays the same across collections, even though PyPy moves young objects"
# tags = ["api", "gc-collect", "pypy-doc"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/functions.html#id",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy doc: "Using the default GC (called minimark), the built-in function
# id() works like it does in CPython." PyPy's GC moves an object out of the
# nursery when it survives a minor collection, so id() cannot simply be
# the address; PyPy keeps the first id it handed out. Both runtimes print
# True everywhere (the ids themselves vary from run to run and are never
# printed).
# """
# ---
import gc

class Obj:
    pass

def churn(n):
    batch = []
    for i in range(n):
        batch.append([i])
        if len(batch) > 100:
            batch = []
    return len(batch)

a = Obj()
b = Obj()
ida = id(a)
print("distinct while both alive:", id(a) != id(b))
churn(100000)
print("same after minor collections:", id(a) == ida)
gc.collect()
print("same after gc.collect():", id(a) == ida)
print("id is an int:", isinstance(ida, int))
