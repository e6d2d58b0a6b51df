# ---
# summary = "After gc.collect(), what open() and dropping the file add to gc.get_count()[0]: each layer, the codec's state, their dicts and argument tuples"
# tags = ["cycles", "gc-module", "gc-automatic", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files"]
# refs = [
#   "https://docs.python.org/3/library/io.html#class-hierarchy",
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/_iomodule.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/textio.c",
# ]
# explain = """
# open() in text mode makes three objects (FileIO, a Buffered object,
# TextIOWrapper), each by a call that packs its arguments in a tuple; the
# wrapper calls the codec's incremental encoder (writing) or decoder
# (reading) class, and looks up buffer.read1 (a bound method made and
# dropped). FileIO's name and the wrapper's mode go in the objects' dicts.
# gc.collect() has emptied the free lists, so the first open counts every
# tuple and dict; the next ones reuse the tuples. A file dropped while open
# warns "unclosed file" (ignored by the default filters) and so makes the
# running frame's frame object, which lives as long as the frame. From
# 3.12 the newline decoder of a readable file is a container too; 3.12
# makes the Buffered and TextIOWrapper dicts with the objects. A first
# open does more (3.8 and 3.9 import _bootlocale; a new encoding name runs
# the codec search), so one runs before the counting. PyPy has no
# gc.get_count."""
# portable = "Never depend on what open() adds to gc.get_count(); close files with `with`."
# ---
import gc

def count():
    return gc.get_count()[0]

deltas = []  # printed at the end: print would allocate between the counts

def measure(label, action):
    before = count()
    result = action()
    deltas.append((label, count() - before))
    return result

with open("warm.txt", "w") as warm:  # pays what only the first open does
    pass
gc.collect()
files = []
files.append(measure("first open(w)", lambda: open("a.txt", "w")))
files.append(measure("second open(w)", lambda: open("b.txt", "w")))
files.append(measure("open(r)", lambda: open("a.txt", "r")))
files.append(measure("open(a)", lambda: open("c.txt", "a")))
files.append(measure("open(w+)", lambda: open("d.txt", "w+")))
measure("close", files[-1].close)
measure("drop a closed one", lambda: files.pop() and None)
measure("drop an open one", lambda: files.pop() and None)
measure("drop the rest", files.clear)
for label, delta in deltas:
    print(label, delta)
