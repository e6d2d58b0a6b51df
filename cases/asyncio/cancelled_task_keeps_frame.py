# ---
# summary = "A cancelled task that is kept holds its coroutine's locals through the CancelledError it stored on CPython 3.9 and 3.10, not before, not from 3.11, not on PyPy"
# tags = ["asyncio", "event-loop", "coroutine", "traceback", "version-dependent"]
# requires = ["py3-syntax", "asyncio", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel",
#   "https://bugs.python.org/issue31033",
# ]
# explain = """
# Cancelling a task throws CancelledError into its coroutine, which ends;
# the exception's traceback holds the coroutine's frame and its locals (a
# request buffer here). 3.9 made the task keep that exception, so that the
# CancelledError its awaiter gets can chain to it (bpo-31033, the cancel
# message). asyncio's Python Future drops it once the awaiter has taken it,
# and so does the C accelerator (_asyncio, which CPython uses) from 3.11;
# the accelerator of 3.9 and 3.10 keeps it as long as the task lives, with
# the buffer, in a list of tasks or a done callback's closure. 3.7 and 3.8
# store no exception; PyPy runs the Python code. (Until the loop's next
# step, the task is also held by the callback that woke the awaiting
# coroutine, which the loop is still running: hence the sleep(0).)"""
# portable = "Drop finished tasks (or clear what their frames hold in a finally) rather than keeping them in long-lived lists."
# ---
import asyncio
import gc
import weakref


class Buffer:
    pass


async def handle(watches):
    buffer = Buffer()
    watches.append(weakref.ref(buffer))
    await asyncio.Event().wait()


async def main():
    watches = []
    task = asyncio.ensure_future(handle(watches))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("the task was cancelled")
    await asyncio.sleep(0)
    gc.collect()
    print("the task kept: its buffer alive", watches[0]() is not None)
    del task
    print("after del task:", watches[0]() is not None)
    gc.collect()
    print("after gc.collect():", watches[0]() is not None)


asyncio.run(main())
