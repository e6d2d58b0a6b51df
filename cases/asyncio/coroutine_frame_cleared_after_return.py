# ---
# summary = "A coroutine that returned keeps nothing: cr_frame is None and its locals are freed before send() raises StopIteration"
# tags = ["asyncio", "coroutine", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#coroutine-objects"]
# explain = """
# While it runs, a coroutine's frame holds its locals (cr_frame.f_locals
# shows them). When it returns, the frame is cleared at once: the local's
# object is freed before the StopIteration reaches the caller, and
# cr_frame becomes None. The coroutine object itself lives on (it is only
# garbage when its last reference goes), but it no longer keeps anything.
# PyPy frees the local at a later collection."""
# portable = "Release what a coroutine holds explicitly (close it, or use `async with`) rather than waiting for its locals to die."
# ---
class Buffer:
    def __del__(self):
        print("buffer freed")


class Pause:
    def __await__(self):
        yield


async def fill():
    buffer = Buffer()
    await Pause()
    print("resumed")
    return "filled"


coro = fill()
print("before start:", sorted(coro.cr_frame.f_locals))
coro.send(None)
print("suspended:", sorted(coro.cr_frame.f_locals))
try:
    coro.send(None)
except StopIteration as e:
    print("returned", e.value)
print("cr_frame:", coro.cr_frame)
print("end")
