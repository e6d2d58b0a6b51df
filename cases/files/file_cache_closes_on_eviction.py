# ---
# summary = "A cache of open log files: evicting an entry flushes and closes the file on CPython only"
# tags = ["files", "file", "buffering", "realistic", "seed"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/io.html#io.IOBase",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# A service keeps one open file per channel in a dict and drops the entry
# when a channel goes idle, relying on the file being closed when it is
# no longer referenced. On CPython dropping the dict entry closes (and
# flushes) the file at once; on PyPy it stays open with its data buffered
# until a collection - the "unpredictable behavior with open files" of the
# seed story about porting to PyPy."""
# portable = "Close the file when you evict it from the cache (`cache.pop(key).close()`), instead of relying on the dropped reference to close it."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

class ChannelLogs:
    def __init__(self):
        self.files = {}
    def log(self, channel, msg):
        if channel not in self.files:
            self.files[channel] = open(channel + ".log", "w")
        self.files[channel].write(msg + "\n")
    def idle(self, channel):
        del self.files[channel]

logs = ChannelLogs()
logs.log("alpha", "a1")
logs.log("beta", "b1")
logs.log("alpha", "a2")
logs.idle("alpha")
print("alpha.log after eviction:", size("alpha.log"))
print("beta.log still cached:", size("beta.log"))
gc.collect()
print("alpha.log after gc.collect():", size("alpha.log"))
logs = None
gc.collect()
print("beta.log after dropping the cache:", size("beta.log"))
