# ---
# summary = "A task no one references, waiting on a future only it holds, is collected while pending: \"Task was destroyed but it is pending!\""
# tags = ["asyncio", "event-loop", "coroutine", "cycle", "realistic"]
# requires = ["py3-syntax", "asyncio"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task",
#   "https://docs.python.org/3/library/asyncio-dev.html",
# ]
# explain = """
# The documentation of create_task: "Save a reference to the result of this
# function, to avoid a task disappearing mid-execution. The event loop only
# keeps weak references to tasks." A fire-and-forget task suspended on a
# future that only its own frame holds is a cycle (the future's callback
# holds the task, the task's coroutine holds the future): the next
# collection finds it garbage, and the task's finalizer reports it to the
# loop's exception handler, shown here by a handler that prints the
# message. On CPython the first collection does it. PyPy finalizes one
# object of a cycle per collection, in the order they were registered: the
# future, made first, at the first collection, the task at the second. The
# task's code after the await never runs."""
# portable = "Keep a reference to every task you create (a set you discard from in a done callback, or asyncio.TaskGroup) until it is done."
# ---
import asyncio
import gc


def report(loop, context):
    print("exception handler:", context["message"])


async def wait_for_reply(reply):
    await reply
    print("reply received")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    asyncio.ensure_future(wait_for_reply(loop.create_future()))
    await asyncio.sleep(0)
    print("the task is waiting")
    for collection in ["first", "second"]:
        gc.collect()
        print("after the", collection, "gc.collect()")


asyncio.run(main())
print("done")
