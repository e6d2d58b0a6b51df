# ---
# summary = "A coroutine suspended at an await holds its locals; close() runs its finally and frees them at once"
# tags = ["asyncio", "coroutine", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#coroutine.close"]
# explain = """
# A coroutine's frame keeps its locals while it is suspended, as a
# generator's does: the connection below lives as long as the coroutine.
# close() raises GeneratorExit at the await, the finally block runs and
# the frame is cleared, which frees the connection before close()
# returns, on every runtime. Dropping the suspended coroutine instead
# closes it from its finalizer: at once on CPython, at a collection on
# PyPy."""
# portable = "Close (or cancel) a coroutine you abandon, or release its resources with `async with`; do not leave it to the collector."
# ---
import gc


class Connection:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class Pause:
    def __await__(self):
        yield


async def serve(name):
    connection = Connection(name)
    try:
        await Pause()
        print("never resumed")
    finally:
        print("finally of", name)


task = serve("first")
task.send(None)
print("suspended:", task.cr_frame is not None)
task.close()
print("after close():", task.cr_frame)

task = serve("second")
task.send(None)
del task
print("after del")
gc.collect()
print("after gc.collect()")
