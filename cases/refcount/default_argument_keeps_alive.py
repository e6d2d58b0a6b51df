# ---
# summary = "A default argument value lives as long as the function"
# tags = ["refcount", "closure", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#function-definitions"]
# explain = """
# Defaults are evaluated once, at def time, and stored on the function
# object. The default object dies only when the function does; rebinding
# the function's name frees it on CPython. PyPy frees nothing before
# gc.collect()."""
# portable = "Do not use a resource as a default argument value; use `None` as the default and create or pass the object at call time."
# ---
import gc

class Registry:
    def __init__(self, name):
        self.name = name
        self.entries = []
    def __del__(self):
        print("free", self.name)

def register(item, registry=Registry("default-registry")):
    registry.entries.append(item)
    return len(registry.entries)

print(register("a"))
print(register("b"))
print("rebinding register")
register = None
print("rebound")
gc.collect()
print("after gc.collect()")
