# ---
# summary = "A suspended generator in a reference cycle: the collector closes it and runs its finally"
# tags = ["generators", "generator", "cycle", "finalizer", "gc-collect"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://docs.python.org/3/library/gc.html",
# ]
# explain = """
# A task object holds its generator and the generator's frame holds the
# task: a cycle. Before PEP 442 (3.4) CPython could not collect a
# suspended generator in a cycle (it went to gc.garbage); now the
# collector finalizes it, which closes it and runs the finally block
# during gc.collect(). Closing the generator clears its frame, which
# breaks the cycle, so the task and the generator are freed by reference
# counting during the finalizer phase: they are no longer in the
# collector's unreachable list, and gc.collect() returns 0 although it
# freed them. PyPy closes the generator at gc.collect() too."""
# portable = "Close the generator explicitly (task.close() calling gen.close()) instead of leaving a suspended generator in a cycle for the collector; ignore gc.collect()'s count."
# ---
import gc
import weakref

class Task:
    def __init__(self, name):
        self.name = name
        self.steps = self.run()
    def run(self):
        try:
            yield "step 1 of " + self.name
            yield "step 2 of " + self.name
        finally:
            print("  finally of", self.name)

gc.collect()
t = Task("sync")
r = weakref.ref(t)
print(next(t.steps))
del t
print("after del, task alive:", r() is not None)
print("gc.collect() ->", gc.collect())
print("task alive:", r() is not None)
