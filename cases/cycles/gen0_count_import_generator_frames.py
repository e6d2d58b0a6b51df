# ---
# summary = "What import weakref adds to gc.get_count()[0] at a program's top level: on 3.9 and 3.10 the generators _collections_abc makes take their frames from the frame free list"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.9/Objects/frameobject.c",
#   "https://github.com/python/cpython/blob/3.9/Lib/_collections_abc.py",
# ]
# explain = """
# To 3.10 a call of Python code makes a frame object: its code's zombie
# frame if it has one, else one from the frame free list, else a new one,
# which counts. A frame that exits becomes its code's zombie, or goes to
# the free list when the code has one. Calling a generator function makes
# the frame, then the generator: with a frame from the free list, only the
# generator counts. _collections_abc, which import weakref runs, makes a
# generator, a coroutine and an async generator to find their types: on
# 3.9 and 3.10 just after importlib's nested calls put their frames on the
# free list (3.8's list is empty there). From
# 3.11 frames are no objects: a generator is one allocation. With the
# collector disabled, the counts are what each allocates and frees. PyPy
# has no gc.get_count."""
# portable = "Never depend on what an import or a call adds to gc.get_count()."
# ---
import gc

gc.disable()
before = gc.get_count()[0]
import weakref
print("import weakref", gc.get_count()[0] - before)
