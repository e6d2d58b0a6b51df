# ---
# summary = "An async generator still suspended when asyncio.run()'s coroutine returns is closed by run's shutdown_asyncgens(), on every runtime"
# tags = ["asyncio", "event-loop", "coroutine", "generator", "shutdown"]
# requires = ["py3-syntax", "asyncio"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-runner.html#asyncio.run",
#   "https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_asyncgens",
# ]
# explain = """
# asyncio.run() ends by cancelling the tasks left, then calls
# loop.shutdown_asyncgens(), which calls aclose() on every async generator
# the loop has seen start and that is still alive: a generator kept in a
# global, suspended at a yield, has its finally run there, before run()
# returns, whatever the collector does. An explicit aclose() runs it
# earlier, at the await."""
# ---
import asyncio


async def stream(name):
    try:
        while True:
            yield name
    finally:
        print("finally of", name)


kept = []


async def main():
    closed = stream("the closed stream")
    await closed.__anext__()
    await closed.aclose()
    print("after aclose()")
    kept.append(stream("the kept stream"))
    await kept[0].__anext__()
    print("main returns")


asyncio.run(main())
print("after asyncio.run()")
