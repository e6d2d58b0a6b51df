# ---
# summary = "Unclosed files are flushed at exit - except, on CPython, one whose owner is in a garbage cycle"
# tags = ["files", "file", "buffering", "shutdown", "cycle"]
# requires = ["files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/_io/interp_iobase.py",
# ]
# explain = """
# The case writes to /dev/stdout through its own file objects (opened in
# append mode), so what reaches the descriptor at exit shows up in the
# output after everything printed normally. CPython flushes the global
# file when module teardown finalizes it; the file owned by a garbage
# cycle is finalized by the exit-time collection, FileIO first, and its
# text is lost. PyPy runs no finalizers at exit but flushes every live
# buffered file (the io module's "AutoFlusher"), including the one in
# the cycle."""
# portable = "Close files before the program exits (`with`, or close() in an atexit handler); never rely on the interpreter's exit-time flushing of unclosed files."
# ---
class Holder:
    pass

out = open("/dev/stdout", "a")
out.write("global file: written, never flushed or closed\n")
h = Holder()
h.f = open("/dev/stdout", "a")
h.f.write("cycle-owned file: written, never flushed or closed\n")
h.me = h
del h
print("end of program")
