# ---
# summary = "gc.get_count() at each automatic collection's start while open() makes a text file, under thresholds 1 to 12"
# tags = ["cycles", "files", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "files", "gc-control", "gc-counts", "gc-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Modules/_io/textio.c",
#   "https://github.com/python/cpython/blob/3.13/Lib/codecs.py",
# ]
# explain = """
# open() in text mode is C code that makes the FileIO, the buffer, the
# TextIOWrapper and the codec's incremental encoder or decoder, whose
# __init__ is codecs.py's Python code. From 3.12 an allocation only
# schedules a collection, which runs at the next check of the eval
# breaker: the first is where that __init__'s frame starts, inside
# open(), not after open() returns. A gc.callbacks hook logs
# gc.get_count() at each collection's start. PyPy has no gc.get_count."""
# portable = "Never rely on where an automatic collection starts; opening a file allocates and runs Python code."
# ---
import gc

log = []


def callback(phase, info):
    if phase == "start":
        log.append(gc.get_count())


for mode in ("w", "r", "a+"):
    for threshold in range(1, 13):
        gc.collect()
        gc.callbacks.append(callback)
        gc.set_threshold(threshold)
        f = open("scheduled_collection_inside_open.txt", mode)
        gc.set_threshold(700)
        gc.callbacks.remove(callback)
        f.close()
        print(mode, threshold, log)
        del log[:]
