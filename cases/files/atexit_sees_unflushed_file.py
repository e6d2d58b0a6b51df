# ---
# summary = "An atexit handler runs before unclosed files are flushed: it reads an empty file"
# tags = ["files", "file", "buffering", "shutdown", "atexit"]
# requires = ["py3-syntax", "atexit", "files"]
# refs = [
#   "https://docs.python.org/3/library/atexit.html",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# Both runtimes call atexit handlers first at exit and flush or finalize
# open files after, so a handler that reads back a log the program never
# closed sees nothing. Closing (or flushing) in the handler itself is the
# fix."""
# portable = "Close (or flush) a file before anything else reads it back, an atexit handler included; use `with` for the writer."
# ---
import atexit

def size(path):
    with open(path) as f:
        return len(f.read())

log = open("run.log", "w")
log.write("run finished\n")

def report():
    print("atexit: run.log has", size("run.log"), "bytes")
    log.close()
    print("atexit: after close", size("run.log"), "bytes")

atexit.register(report)
print("end of program")
