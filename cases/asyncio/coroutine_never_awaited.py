# ---
# summary = "A coroutine called but never awaited warns `coroutine ... was never awaited` when it dies: at once on CPython, at a collection on PyPy"
# tags = ["asyncio", "coroutine", "pypy-doc"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# Calling an async function makes a coroutine object and runs nothing; a
# forgotten `await` shows only when the coroutine object is finalized
# without having started: its finalizer emits a RuntimeWarning (shown by
# the default filters). CPython finalizes it where the statement drops it,
# and reports that line; PyPy at a collection, reporting wherever the
# collection ran. No event loop is involved, so every runtime with async
# def runs it. 3.8 and later add a hint about tracemalloc."""
# portable = "Await every coroutine (or pass it to asyncio.create_task and keep the task); run tests with `-W error::RuntimeWarning` and, on PyPy, a gc.collect() at the end."
# ---
import gc


async def save(record):
    print("saving", record)


save("record 1")
print("after the call")
gc.collect()
print("after gc.collect()")
