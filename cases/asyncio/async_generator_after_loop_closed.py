# ---
# summary = "An async generator that outlives a loop closed without shutdown_asyncgens() never runs its finally"
# tags = ["asyncio", "event-loop", "coroutine", "generator"]
# requires = ["py3-syntax", "asyncio"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_asyncgens",
#   "https://peps.python.org/pep-0525/#finalization",
# ]
# explain = """
# A loop driven by hand (run_until_complete, then close()) without
# loop.shutdown_asyncgens(): the async generator keeps the loop's finalizer
# hook, which it got at its first iteration. When it dies, the hook finds
# the loop closed and schedules nothing, so the generator's finally, which
# would release a connection or a lock, never runs: neither at the del on
# CPython nor at the collection on PyPy."""
# portable = "Use asyncio.run(), which calls shutdown_asyncgens(); or call `loop.run_until_complete(loop.shutdown_asyncgens())` before loop.close(); or aclose() the generator yourself."
# ---
import asyncio
import gc


async def lease():
    try:
        yield "connection"
    finally:
        print("the connection is released")


async def take(generator):
    return await generator.__anext__()


loop = asyncio.new_event_loop()
leases = lease()
print("took", loop.run_until_complete(take(leases)))
loop.close()
del leases
gc.collect()
print("after del and gc.collect()")
