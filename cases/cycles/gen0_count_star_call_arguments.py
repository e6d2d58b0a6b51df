# ---
# summary = "Inside a Python function called as f(*args, **kwargs), what gc.get_count()[0] has gained since the call began: 3.14 frees the call's keyword dict and names before the callee runs"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.14/Python/ceval.c",
#   "https://github.com/python/cpython/blob/3.13/Python/bytecodes.c",
# ]
# explain = """
# Found through shutdown/gen0_count_at_exit on 3.14: weakref.finalize
# calls its function as `info.func(*info.args, **(info.kwargs or {}))`.
# CALL_FUNCTION_EX with a `**` mapping copies it into a new dict
# (BUILD_MAP, DICT_MERGE); a non-empty one becomes a tuple of names for the
# vectorcall. 3.14 (_PyEvalFramePushAndInit_Ex) pushes the callee's frame,
# moves the arguments into it, then frees the names, the argument tuple and
# the dict before the callee runs; since 3.14 counts tracked objects, the
# callee sees the count without them. Earlier versions keep them until the
# call returns. Each line prints the gain seen inside the callee, after a
# gc.collect() just before the call."""
# portable = "Do not rely on what gc.get_count() shows inside a call; it depends on the version's calling convention."
# ---
import gc

start = 0


def gained():
    return gc.get_count()[0] - start


def plain():
    print("  callee sees", gained())


def takes_x(x):
    print("  callee sees", gained())


def takes_all(*args, **kwargs):
    print("  callee sees", gained())


def begin(label):
    global start
    gc.collect()
    print(label)
    start = gc.get_count()[0]


empty = {}
one = {"x": 1}
args = (1,)
nothing = ()

gc.disable()
begin("plain(**empty)")
plain(**empty)
begin("plain(*nothing, **(None or {}))")
plain(*nothing, **(None or {}))
begin("takes_x(*args, **empty)")
takes_x(*args, **empty)
begin("takes_x(**one)")
takes_x(**one)
begin("takes_all(*args)")
takes_all(*args)
begin("takes_all(**one)")
takes_all(**one)
begin("takes_all(*args, **one)")
takes_all(*args, **one)
