# ---
# summary = "A callback scheduled with call_later keeps its arguments alive in the loop until it runs or is cancelled; cancel() lets them go"
# tags = ["asyncio", "event-loop", "closure", "realistic"]
# requires = ["py3-syntax", "asyncio", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_later",
#   "https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.TimerHandle",
# ]
# explain = """
# A timeout scheduled per connection with loop.call_later(delay, callback,
# connection): the loop's timer queue holds the handle, and the handle the
# callback and its arguments, until it runs, even when the program dropped
# the handle. Handle.cancel() drops the callback and the arguments at once
# (debug mode keeps only their repr), though the cancelled handle stays in
# the queue until the loop purges it. CPython frees the connection at the
# cancel, PyPy at the next collection."""
# portable = "Cancel the timers of a connection when it closes; keep what a callback needs small (an id rather than the object)."
# ---
import asyncio
import gc
import weakref


class Connection:
    pass


def expire(connection):
    print("expired")


async def main():
    loop = asyncio.get_running_loop()
    connection = Connection()
    watch = weakref.ref(connection)
    timeout = loop.call_later(3600, expire, connection)
    del connection
    gc.collect()
    print("scheduled, dropped and collected: the connection alive", watch() is not None)
    timeout.cancel()
    print("after cancel():", watch() is not None)
    gc.collect()
    print("after gc.collect():", watch() is not None)


asyncio.run(main())
