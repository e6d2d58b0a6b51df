# ---
# summary = "At exit, an object in a cycle that an unstarted generator's frame holds is finalized after one held through an instance's attribute"
# tags = ["shutdown", "generator", "cycle", "finalizer-order", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#object.__del__", "https://devguide.python.org/internals/garbage-collector/"]
# explain = """
# The main module's dict lives on at exit in the cycles its class and
# function make, so one exit collection finalizes all three objects, in the
# order of the collector's list. The collection after the atexit callbacks
# reaches each object from the dict and moves it behind what came before:
# the instance's attribute through the instance, the first object through
# the generator and its frame. Up to 3.10 each path has one step more: the
# instance keeps its attributes in a dict, and the generator's frame is an
# object of its own, tracked just after the generator (3.11's frame lives
# inside the generator). So every version finalizes them in the same order;
# a model that takes the dict's step but reaches the argument straight
# from a 3.10 generator finalizes it second. PyPy does not finalize them
# at exit. Found by the differential fuzzer (seed 400087, shrunk and
# varied by hand)."""
# portable = "Never depend on the order in which objects are finalized at exit; close them explicitly, in order, in an atexit handler or at the end of main."
# ---
class K0:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def generator(item):
    yield item


held = K0("in a cycle, held by a generator's frame")
held.itself = held
unstarted = generator(held)
held = K0("held directly")
held.attribute = K0("held by an instance's attribute")
print("end of program")
