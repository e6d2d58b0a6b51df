# ---
# summary = "A failed task whose exception nobody retrieved reports \"Task exception was never retrieved\" when it dies: at the del on CPython, at a collection on PyPy"
# tags = ["asyncio", "event-loop", "coroutine", "pypy-doc"]
# requires = ["py3-syntax", "asyncio"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-dev.html#detect-never-retrieved-exceptions",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The asyncio documentation: "If a Future.set_exception() is called but the
# Future object is never awaited on, the exception would never be
# propagated to the user code. In this case, asyncio would emit a log
# message when the Future object is garbage collected." The message goes to
# the loop's exception handler (here one that prints it) from the task's
# finalizer, so it comes as late as the collector makes it: at the del on
# CPython, at a collection on PyPy, never if the task outlives the loop and
# the program."""
# portable = "Await every task, or add a done callback that calls task.exception(); do not rely on the never-retrieved log to surface errors."
# ---
import asyncio
import gc


def report(loop, context):
    print("exception handler:", context["message"], repr(context["exception"]))


async def fail():
    raise ValueError("bad request")


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    task = asyncio.ensure_future(fail())
    await asyncio.sleep(0)
    print("the task is done:", task.done())
    del task
    print("after del")
    gc.collect()
    print("after gc.collect()")


asyncio.run(main())
