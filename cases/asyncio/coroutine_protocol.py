# ---
# summary = "A coroutine driven by hand: send, throw, close, __await__, cr_await, and the errors of reusing or sharing it"
# tags = ["asyncio", "coroutine"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#coroutine-objects",
#   "https://peps.python.org/pep-0492/",
# ]
# explain = """
# An event loop drives coroutines with send(None) and throw(); this case
# does it by hand. A coroutine that returned raises StopIteration with its
# value once, then "cannot reuse already awaited coroutine"; close() of a
# finished one is silent. __await__() gives a coroutine_wrapper iterator;
# `await` of an object with __await__ iterates what it returns, and of
# anything else raises TypeError (3.14 words it "'int' object can't be
# awaited"). cr_await is what a suspended coroutine awaits, and a second
# coroutine awaiting it fails. StopIteration raised inside becomes a
# RuntimeError. A coroutine that ignores GeneratorExit cannot be closed,
# and when it dies suspended its finalizer reports that as unraisable."""
# portable = "Drive coroutines with an event loop (asyncio.run) rather than send(); await each coroutine once."
# ---
async def double(x):
    return x * 2


coro = double(3)
print(type(coro).__name__, coro.cr_running, coro.cr_await, type(coro.cr_frame).__name__, coro.cr_code.co_name)
try:
    coro.send(1)
except TypeError as e:
    print("TypeError:", e)
try:
    coro.send(None)
except StopIteration as e:
    print("StopIteration:", e.value)
print("cr_frame after return:", coro.cr_frame)
for operation in ("send", "throw", "close"):
    try:
        if operation == "send":
            coro.send(None)
        elif operation == "throw":
            coro.throw(ValueError)
        else:
            print("close:", coro.close())
    except BaseException as e:
        print(operation, type(e).__name__ + ":", e)


class Ready:
    def __await__(self):
        yield "suspended"
        return "ready"


async def chain():
    result = await Ready()
    print("awaited:", result)
    return await double(5)


coro = chain()
wrapper = coro.__await__()
print(type(wrapper).__name__, iter(wrapper) is wrapper)
print("yielded:", wrapper.send(None))
try:
    wrapper.send(None)
except StopIteration as e:
    print("returned:", e.value)


async def await_it(x):
    return await x


class NotAnIterator:
    def __await__(self):
        return 5


for bad in (1, "text", NotAnIterator()):
    coro = await_it(bad)
    try:
        coro.send(None)
    except TypeError as e:
        print("TypeError:", e)


async def inner():
    await Ready()


shared = inner()


async def outer():
    await shared


first = outer()
print("first yields:", first.send(None))
print("awaiting:", type(shared.cr_await).__name__, first.cr_await is shared)
second = outer()
try:
    second.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
first.close()
print("after close:", first.cr_frame, shared.cr_frame)


async def raises_stop():
    raise StopIteration


try:
    raises_stop().send(None)
except RuntimeError as e:
    print("RuntimeError:", e, "from", type(e.__cause__).__name__)


async def stubborn():
    try:
        await Ready()
    except GeneratorExit:
        print("GeneratorExit caught")
        await Ready()


coro = stubborn()
coro.send(None)
try:
    coro.close()
except RuntimeError as e:
    print("RuntimeError:", e)
coro = stubborn()
coro.send(None)
try:
    coro.throw(KeyError("k"))
except KeyError as e:
    print("KeyError:", e)
print("done")
