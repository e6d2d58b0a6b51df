# ---
# summary = "An automatic collection that a dict's copy starts (to 3.11, inside the allocation): dict.copy() of a dict takes its references to the keys and values first, so the collection finds them held; a dict subclass's or an instance's __dict__ is copied by other paths that allocate first"
# tags = ["cycles", "gc-module", "finalizers", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/dictobject.c",
#   "https://github.com/python/cpython/blob/3.12/Modules/gcmodule.c",
# ]
# explain = """
# The collector keeps each generation as a list and, while it scans the
# youngest, moves an object that only other young objects refer to out of
# the way; an object a later one finds reachable goes back to the end of
# the list. So the order in which two cycles' finalizers later run shows
# which objects had a reference from outside the generation when a
# collection ran. Here each trial makes two cycles, x (reached through a
# dict) and z (reached through a later list), and lowers the threshold so
# that the next allocation, the copy's, starts a collection.
# PyDict_Copy of a dict with a combined table (clone_combined_dict) copies
# the entries and takes a reference to each key and value before it
# allocates the new dict: the collection that allocation starts (to 3.11,
# where collections run inside an allocation) finds x's list held from
# outside, and x's finalizer runs first. A dict subclass is copied by
# PyDict_New and a merge, and an instance's split __dict__ allocates its
# copy before it takes the values: there z's runs first. From 3.12 the
# collection waits for the eval breaker, after the copy is done, and z's
# runs first in every trial."""
# portable = "Never depend on the order in which the collector runs the finalizers of different cycles."
# ---
import gc


class K:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


class SubDict(dict):
    pass


class Holder:
    pass


def make_dict(x):
    return {"v": x}


def make_subclass_dict(x):
    return SubDict(v=x)


def make_instance_dict(x):
    h = Holder()
    h.v = x
    return h.__dict__


def trial(label, make):
    print(label)
    gc.collect()
    gc.disable()
    kz = K("z")
    kx = K("x")
    x = [kx]
    x.append(x)
    del kx
    d = make(x)
    del x
    w = [kz]
    w.append(w)
    del kz
    gc.set_threshold(1)
    gc.enable()
    d2 = d.copy()
    gc.set_threshold(700)
    del d, d2, w
    gc.collect()


trial("dict", make_dict)
trial("dict subclass", make_subclass_dict)
trial("instance __dict__", make_instance_dict)
