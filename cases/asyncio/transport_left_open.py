# ---
# summary = "A client transport dropped without close(): its data is sent, but the loop keeps the connection open, the server's wait_closed() waits for it from 3.12, and the transport warns when a collection finalizes it"
# tags = ["asyncio", "event-loop", "socket", "resource-warning", "realistic"]
# requires = ["py3-syntax", "asyncio", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.close",
#   "https://docs.python.org/3/library/asyncio-dev.html#detect-unclosed-resources",
# ]
# explain = """
# A loopback server (127.0.0.1, port 0) and a client connection made with
# loop.create_connection. The client writes a request and forgets its
# transport and protocol. write() sends at once when the socket can take
# the data, so the server reads it; but the transport is registered with
# the loop's selector for reading, and the selector holds it, so dropping
# it closes nothing, on CPython as on PyPy: the server sees no EOF (the
# wait for it is bounded at 0.2 s). When asyncio.run() closes the loop,
# its selector lets the transports go, but each is in a cycle with its
# protocol: the next collection finalizes them, on CPython as on PyPy, and
# each transport's finalizer warns (ResourceWarning, shown by the filter
# `always`) and closes its socket, the client's and the server's side of
# the connection alike. From 3.12 the server's wait_closed() also waits for
# its connections to close (gh-79033): here it would wait forever, and is
# given 0.2 s."""
# portable = "Close every transport or stream writer (`writer.close(); await writer.wait_closed()`) and the server, in a finally or with `async with server:`."
# ---
import asyncio
import gc
import re
import warnings


def show(message, category, filename, lineno, file=None, line=None):
    print(category.__name__ + ":", re.sub(r" <(\w+).*", r" \1", str(message)))


class Server(asyncio.Protocol):
    def __init__(self, received):
        self.received = received

    def data_received(self, data):
        self.received.append(data)

    def eof_received(self):
        self.received.append("EOF")


async def main():
    loop = asyncio.get_running_loop()
    received = []
    server = await loop.create_server(lambda: Server(received), "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    transport, protocol = await loop.create_connection(asyncio.Protocol, host, port)
    transport.write(b"request")
    del transport, protocol
    gc.collect()
    for attempt in range(500):
        if received:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)
    print("the server got", received)
    server.close()
    try:
        await asyncio.wait_for(server.wait_closed(), 0.2)
        print("the server closed")
    except asyncio.TimeoutError:
        print("the server's wait_closed() waits for the open connection")


warnings.simplefilter("always", ResourceWarning)
warnings.showwarning = show
asyncio.run(main())
print("after asyncio.run()")
gc.collect()
print("after gc.collect()")
