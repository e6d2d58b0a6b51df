# ---
# summary = "After gc.collect(), os.path.exists() adds a stat_result, or a FileNotFoundError whose args keep only (errno, strerror), to what gc.get_count()[0] saw"
# tags = ["cycles", "gc-module", "gc-automatic", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Lib/genericpath.py",
#   "https://docs.python.org/3/library/exceptions.html#OSError",
# ]
# explain = """
# os.path.exists, isfile and isdir call os.stat and drop what it gives:
# a stat_result (a container) when the path exists; else a
# FileNotFoundError, made from an (errno, strerror, filename) tuple, whose
# args keep only (errno, strerror), in a new tuple, and which their
# `except (OSError, ValueError)` catches after building that tuple of
# classes. After gc.collect() the tuples come from emptied free lists and
# count. (Up to 3.10 a Python function's first call also makes the frame
# object it keeps for the next: the calls before gc.collect() pay that.)
# PyPy has no gc.get_count."""
# portable = "Never depend on what os.path.exists() allocates."
# ---
import gc
import os

def count():
    return gc.get_count()[0]

with open("present.txt", "w") as f:
    f.write("x")
os.path.exists("present.txt")  # up to 3.10 a function's first call makes
os.path.isfile("present.txt")  # the frame object it keeps for the next
tests = [
    ("exists, present", os.path.exists, "present.txt"),
    ("exists, absent", os.path.exists, "absent.txt"),
    ("exists, absent again", os.path.exists, "absent.txt"),
    ("isfile, present", os.path.isfile, "present.txt"),
]
deltas = []
gc.collect()
for label, test, path in tests:
    before = count()
    test(path)
    deltas.append((label, count() - before))
for label, delta in deltas:
    print(label, delta)
try:
    open("absent.txt")
except OSError as e:
    print(type(e).__name__, e.args, e.filename)
