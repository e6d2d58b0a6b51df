# ---
# summary = "A server drops an accepted loopback TCP connection without close(): the client sees EOF at once on CPython, after a collection on PyPy"
# tags = ["sockets", "socket", "pypy-doc", "realistic"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/library/socket.html#socket.socket.accept",
# ]
# explain = """
# A handler that returns without closing its connection: on CPython the
# accepted socket dies with the handler's frame, its descriptor is closed
# and the kernel sends the client a FIN, which a loopback client can read
# as EOF at once (the wait below is bounded at 0.2 s and only spent where
# the connection is still open). On PyPy the connection stays open, and the
# client waits, until a major collection finalizes the socket. The listener
# is on 127.0.0.1, port 0 (a free port the kernel picks), and is closed at
# the end."""
# portable = "Close each accepted connection in the handler (`with conn:`), so the client gets its EOF on every runtime."
# ---
import gc
import select
import socket


def client_sees(client):
    """EOF, or nothing yet, within a bounded wait."""
    if not select.select([client], [], [], 0.2)[0]:
        return "nothing yet, the connection is open"
    return "EOF" if client.recv(100) == b"" else "data"


def handle(listener):
    connection, address = listener.accept()
    connection.sendall(b"hello\n")


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(1)
listener.settimeout(5)
client = socket.create_connection(listener.getsockname(), 5)
handle(listener)
print("the client reads", client.recv(100))
print("after the handler returned:", client_sees(client))
gc.collect()
print("after gc.collect():", client_sees(client))
client.close()
listener.close()
