# ---
# summary = "From 3.12, a collection scheduled before len(), isinstance(), type() or list.append() waits past the call once the call site is specialized"
# tags = ["cycles", "gc-automatic", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/issues/97922",
#   "https://github.com/python/cpython/blob/3.12/Python/bytecodes.c",
#   "https://github.com/python/cpython/blob/3.12/Python/specialize.c",
# ]
# explain = """
# Each loop turn collects, then builds seven lists in one display: with
# threshold 3 one of them passes the threshold. Up to 3.11 that allocation
# collects at once (line "display"). From 3.12 it only schedules the
# collection for the next check of the eval breaker. The generic CALL checks
# at its end ("call"), and so do most specialized calls; a Python function
# checks at its start ("callee"). But the specializer rewrites a call site at
# its second run, and the instructions it makes for len(x), isinstance(x, t),
# type(x) and lst.append(x) (result dropped) check nothing, so from the
# second turn on the collection waits for the loop's jump back ("loop end").
# A site specialized to len that meets another callable deoptimizes to the
# generic CALL, which checks. PyPy has no gc.callbacks."""
# portable = "Never rely on which instruction an automatic collection runs at; call gc.collect() where a collection must have happened."
# ---
import gc
import sys

where = []
places = {5: "display", 6: "call", 7: "loop end"}


def on_gc(phase, info):
    # Automatic collections only: gc.collect() is generation 2.
    if phase == "start" and info["generation"] != 2:
        frame = sys._getframe(1)
        if frame.f_code.co_name == "probe":
            line = frame.f_lineno - frame.f_code.co_firstlineno
            where.append(places.get(line, "line %d" % line))
        else:
            where.append("callee")


def helper(x):
    return x


class K:
    def m(self):
        return 1


calls = [
    ("len(a)", "len(a)"),
    ("isinstance(a, list)", "isinstance(a, list)"),
    ("a.append(1)", "a.append(1)"),
    ("type(a)", "type(a)"),
    ("str(i)", "str(i)"),
    ("tuple(a)", "tuple(a)"),
    ("abs(i)", "abs(i)"),
    ("min(i, 2)", "min(i, 2)"),
    ("a.copy()", "a.copy()"),
    ("a.count(1)", "a.count(1)"),
    ("d.get(1, 2)", "d.get(1, 2)"),
    ("int(i)", "int(i)"),
    ("helper(i)", "helper(i)"),
    ("k.m()", "k.m()"),
    ("len, then bool at the third turn", "(bool if i == 2 else len)(a)"),
]

if not hasattr(gc, "callbacks"):
    print("gc.callbacks missing")
else:
    gc.callbacks.append(on_gc)
    for name, call in calls:
        # Its own code, so that each call site starts unspecialized.
        source = (
            "def probe(n, helper, K):\n"
            "    k = K()\n"
            "    d = {}\n"
            "    for i in range(n):\n"
            "        gc.collect()\n"
            "        a = [[], [], [], [], [], [], []]\n"
            f"        {call}\n"
            "        b = 1\n"
        )
        namespace = {"gc": gc}
        exec(source, namespace)
        gc.collect()
        where.clear()
        gc.set_threshold(3)
        namespace["probe"](4, helper, K)
        gc.set_threshold(2000)
        print(name + ":", ", ".join(where))
    gc.callbacks.remove(on_gc)
print("end")
