# ---
# summary = "Small writes stay in the file object until flush() or close(), on every runtime"
# tags = ["files", "file", "buffering"]
# requires = ["py3-syntax", "files"]
# refs = ["https://docs.python.org/3/library/io.html#io.BufferedWriter"]
# explain = """
# Buffering is the same on both runtimes while the file object is alive:
# small writes are not on disk until flush() or close(). Only the
# automatic close of an abandoned file object differs."""
# portable = "Call flush() (or close the file, or use `with`) before another reader needs the data; never rely on buffer sizes or on when a runtime writes on its own."
# ---
def size(path):
    with open(path) as f:
        return len(f.read())

f = open("buffered.txt", "w")
f.write("first\n")
print("after write:", size("buffered.txt"))
f.flush()
print("after flush:", size("buffered.txt"))
print("second", file=f)
print("after print(file=f):", size("buffered.txt"))
f.close()
print("after close:", size("buffered.txt"))
r = open("buffered.txt")
print(r.read().split())
r.close()
