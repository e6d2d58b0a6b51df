# ---
# summary = "A buffered file's flush makes a memoryview for raw.write: a collection may start inside a `with` block's __exit__ when gc.get_count()[0] is one short of the threshold"
# tags = ["cycles", "gc-module", "gc-automatic", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/bufferedio.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/iobase.c",
# ]
# explain = """
# Leaving `with open(p, "w") as f:` calls f.__exit__, which closes the
# file: the text layer hands its pending text to the BufferedWriter, whose
# flush calls raw.write with a memoryview of its buffer
# (_bufferedwriter_raw_write): a managed buffer and the view, two
# containers counted in generation 0 and freed when the write returns.
# The count rises by two for a moment and ends where it was, but the
# second allocation starts an automatic collection when the count before
# __exit__ is one short of the threshold (3.9 to 3.11; 3.8 from three
# short, 3.6 and 3.7 from four short at least). On 3.12 and 3.13 the
# allocation only schedules the collection, and by the next eval-breaker
# check the count is back under the threshold: none runs. 3.14's
# incremental collector runs an increment there all the same, and the
# marker goes at the next gc.collect().
# A cyclic object with __del__ shows whether a collection ran. PyPy has
# no gc.get_count."""
# portable = "Never depend on when an automatic collection runs; close files with `with` and collect explicitly if order matters."
# ---
import gc

events = []

class Marker:
    def __init__(self, start):
        self.start = start

    def __del__(self):
        events.append(("collected the marker of", self.start))

threshold = gc.get_threshold()[0]
for start in range(threshold - 4, threshold):
    with open("flushed.txt", "w") as f:
        f.write("line\n")
        gc.collect()
        m = Marker(start)
        m.cycle = m
        del m
        padding = []
        while gc.get_count()[0] < start:
            padding.append([])
    after = gc.get_count()[0]
    events.append(("left the with block at", start, "collected" if after < start - 10 else "not collected"))
    gc.collect()
for event in events:
    print(*event)
with open("flushed.txt") as r:
    print(r.read().split())
