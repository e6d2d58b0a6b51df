# ---
# summary = "__del__ is inherited like any method; a subclass's __del__ must call super().__del__() itself"
# tags = ["finalizers", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#object.__del__"]
# explain = """
# The docs: "If a base class has a __del__() method, the derived class's
# __del__() method, if any, must explicitly call it". A subclass without
# __del__ inherits the base's; one that overrides it without calling super
# skips the base's cleanup. Timing differs (PyPy: at gc.collect()), the
# calls do not."""
# portable = "If you write __del__ in a subclass, call `super().__del__()`; better, put the cleanup in close() methods that call super().close(), and call them explicitly."
# ---
import gc

class Resource:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("Resource.__del__", self.name)

class Inherits(Resource):
    pass

class Extends(Resource):
    def __del__(self):
        print("Extends.__del__", self.name)
        super().__del__()

class Forgets(Resource):
    def __del__(self):
        print("Forgets.__del__", self.name)

for cls in [Inherits, Extends, Forgets]:
    obj = cls(cls.__name__.lower())
    del obj
    print("dropped", cls.__name__)
gc.collect()
print("after gc.collect()")
