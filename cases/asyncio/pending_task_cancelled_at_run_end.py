# ---
# summary = "A background task still pending when asyncio.run()'s coroutine returns is cancelled by run, and its finally runs before run returns"
# tags = ["asyncio", "event-loop", "coroutine", "shutdown"]
# requires = ["py3-syntax", "asyncio"]
# refs = ["https://docs.python.org/3/library/asyncio-runner.html#asyncio.run"]
# explain = """
# asyncio.run() cancels the tasks still pending when the main coroutine
# returns and runs the loop until they have handled the cancellation, so a
# background task's try/finally (a `with` that releases a connection)
# runs, on every runtime, with no collection involved. A task that catches
# the CancelledError and keeps going would be waited for. The weak set of
# tasks the loop keeps finds the task because the timer of its sleep holds
# it."""
# ---
import asyncio


async def heartbeat():
    try:
        await asyncio.sleep(3600)
    finally:
        print("the heartbeat task's finally")


async def main():
    task = asyncio.ensure_future(heartbeat())
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())
print("after asyncio.run()")
