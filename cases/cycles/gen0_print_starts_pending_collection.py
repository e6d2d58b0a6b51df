# ---
# summary = "Past the gen-0 threshold with the collector re-enabled, the next print() starts the collection: writing binds file.write, a new object"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.enable",
#   "https://github.com/python/cpython/blob/3.11/Objects/fileobject.c",
# ]
# explain = """
# gc.enable() does not collect: the collection waits for the next
# allocation of a container while the count is past the threshold.
# print() looks innocent, but PyFile_WriteObject binds the file's write
# method for each piece it writes, and that bound method is such an
# allocation: the collection starts inside the print (3.12 and later, at
# the next check of the eval breaker). Its string alone allocates no
# container. PyPy has no gc.get_count."""
# portable = "Never rely on when an automatic collection starts; call gc.collect() where a collection must have happened."
# ---
import gc

gc.collect()
gc.disable()
junk = [[] for _ in range(1000)]
gc.enable()
past_threshold = gc.get_count()[0] > gc.get_threshold()[0]
print("a print after gc.enable()")
after = gc.get_count()
print("past the threshold before:", past_threshold)
print("generation 0 collected by the print:", after[0] < 10, after[1])
