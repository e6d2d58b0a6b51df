# ---
# summary = "At exit, after a gc.collect(): objects the main module holds directly, through an instance and through a list, and one made after the collection, in the order their finalizers run"
# tags = ["shutdown", "gc-collect", "dealloc-order", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = ["https://docs.python.org/3/library/gc.html", "https://docs.python.org/3/reference/datamodel.html#object.__del__"]
# explain = """
# Importing weakref makes the main module's dict live on at exit in the
# cycles its classes and functions make, so one exit collection finalizes
# every object here, in the order of the collector's lists. The
# gc.collect() in the program moved the first three objects to the oldest
# generation; the last one is young and is finalized last up to 3.12 (the
# two reached through a container come in another order up to 3.10, whose
# instance keeps its attributes in a dict). 3.13.0 finalizes the young
# object before the two the main module reaches only through another
# container (an instance's attribute, a list's item), though after the one
# it holds directly: its __main__ dict comes before the module object in
# the collector's list (gc.get_objects(0) at the first line), so the
# collection after the atexit callbacks reaches the dict late, through the
# module, and moves what the dict holds behind the young object, and what
# those hold behind them again. Pyodide's 3.14 finalizes in 3.12's order.
# PyPy does not finalize them at exit. Found by the differential fuzzer
# (seed 430013, shrunk and varied by hand)."""
# portable = "Never depend on the order in which objects are finalized at exit; close them explicitly, in order, in an atexit handler or at the end of main."
# ---
import gc
import weakref


class K0:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


held = K0("held directly")
held.attribute = K0("held by an instance's attribute")
in_list = [K0("held by a list")]
gc.collect()
young = K0("made after gc.collect()")
print("end of program")
