# ---
# summary = "gc.get_count()[0] in an atexit callback and in a weakref.finalize at exit: what the end of the main code frees and the streams' flush"
# tags = ["shutdown", "atexit", "cycles", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "atexit", "weakref", "weakref-finalize", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.8/Python/pythonrun.c",
#   "https://github.com/python/cpython/blob/3.8/Python/pylifecycle.c",
# ]
# explain = """
# When the main code has run, run_mod drops its code object and
# PyRun_FileExFlags frees the compiler's arena: the module's code dies
# (to 3.10 with the frame object it keeps for its next run, and the code
# of each class body and comprehension it ran with theirs; their tuples
# go to the free lists). Then flush_io flushes sys.stderr and sys.stdout,
# which 3.8 does by binding each flush method first (and the buffer's
# inside it). Only then do the atexit callbacks run, newest first, and
# weakref.finalize's among them. So the count an atexit callback sees is
# not the one at the main code's last line, and an automatic collection
# due at exit may fall before or after gc.disable() in finalize's exit
# hook. PyPy has no gc.get_count."""
# portable = "Never depend on when a collection falls at exit; collect explicitly in the atexit callback if it matters."
# ---
import atexit
import gc
import weakref

counts = []


def record(tag):
    counts.append((tag, gc.get_count()[0]))


def report():
    record("in the last atexit callback")
    for tag, n in counts:
        print(tag, n)


def show(tag):
    print(tag, gc.get_count()[0])


class Kept:
    pass


class Body:
    x = [i for i in range(3)]


squares = {i: i * i for i in range(4)}
kept = Kept()
weakref.finalize(kept, show, "in the finalize at exit")
atexit.register(report)
atexit.register(record, "in the first atexit callback")
gc.collect()
record("at the last line")
