# ---
# summary = "async with and async for run by hand: __aexit__ releases the resource when the block ends, returns or raises"
# tags = ["asyncio", "coroutine", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#async-with",
#   "https://docs.python.org/3/reference/compound_stmts.html#async-for",
# ]
# explain = """
# An asynchronous context manager's __aexit__ is awaited when the block
# ends, whether it falls off the end, returns from inside or raises: the
# session below is closed and dropped there, before the coroutine goes on,
# on every runtime. async for awaits __anext__ until it raises
# StopAsyncIteration; break leaves the iterator to its owner. No event loop
# is involved: the coroutine is driven with send(None)."""
# portable = "Release the resource in __aexit__ (as here) rather than in __del__: the block's end is the same on every runtime, the object's death is not."
# ---
class Session:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("session freed", self.name)


class Pause:
    def __await__(self):
        yield


class Opened:
    def __init__(self, name):
        self.name = name
        self.session = None

    async def __aenter__(self):
        await Pause()
        self.session = Session(self.name)
        return self.session

    async def __aexit__(self, kind, value, traceback):
        await Pause()
        print("closing", self.name, kind.__name__ if kind else None)
        self.session = None
        return False


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Pause()
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def work(name, how):
    async with Opened(name) as session:
        print("inside", session.name)
        async for n in Countdown(3):
            print("tick", n)
            if how == "break" and n == 1:
                break
        if how == "return":
            return "returned"
        if how == "raise":
            raise KeyError(name)
    print("after the block", name)
    return "done"


def run(coroutine):
    try:
        while True:
            coroutine.send(None)
    except StopIteration as e:
        return e.value


for name, how in (("a", "end"), ("b", "break"), ("c", "return"), ("d", "raise")):
    try:
        print("result:", run(work(name, how)))
    except KeyError as e:
        print("KeyError:", e)
print("end")
