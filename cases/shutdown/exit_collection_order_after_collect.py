# ---
# summary = "at exit, what the main module's globals hold dies in the order the collector keeps, which a gc.collect() during the program changes"
# tags = ["shutdown", "gc-collect", "dealloc-order", "traceback", "closure", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/gc.html", "https://docs.python.org/3/reference/datamodel.html#object.__del__"]
# explain = """
# One object is reached from a caught exception's traceback, another from a
# closure; a gc.collect() runs between the two. At exit CPython empties
# sys.modules: __main__ dies, but its dict lives on in the cycles its
# functions make, so the exit collection finalizes both objects in the
# order of its lists (run with -S, as the suite runs it). The collection
# in the program moved the older object behind what the main dict, made
# late in start-up, reaches — so CPython finalizes the younger object
# first. PyPy does not finalize either at exit."""
# portable = "Never depend on the order in which objects are finalized at exit; close them explicitly, in order, in an atexit handler or at the end of main."
# ---
import gc


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Boom(Exception):
    pass


def fail():
    held_by_frame = Named("held by a traceback's frame")
    raise Boom()


try:
    fail()
except Boom as e:
    caught = e
print("collected", gc.collect())


def make_getter():
    held_by_cell = Named("held by a closure's cell")

    def get():
        return held_by_cell.name

    return get


getter = make_getter()
print("end of program")
