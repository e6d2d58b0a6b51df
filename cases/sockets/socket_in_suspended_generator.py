# ---
# summary = "A generator suspended inside `with sock:` closes the socket when the generator is dropped on CPython, at a collection on PyPy"
# tags = ["sockets", "socket", "generator", "context-manager", "pypy-doc"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/reference/expressions.html#generator.close",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# A generator that reads messages from a connection, suspended at a yield
# inside its `with` block, has not left the block: the socket is closed only
# when the generator is closed. Dropping the last reference to it does that
# on CPython (the generator's finalizer throws GeneratorExit in at the
# yield, and the `with` closes the socket); on PyPy the generator is
# finalized by a collection. A `with` inside a generator is only as prompt as
# the generator's own end."""
# portable = "Close the generator explicitly (gen.close(), or contextlib.closing(gen)) when you stop iterating it early, or keep the socket's `with` outside the generator."
# ---
import gc
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


def messages(sock):
    with sock:
        while True:
            yield sock.recv(6)


left, right = socket.socketpair()
right.setblocking(False)
left.settimeout(5)
right.sendall(b"first ")
reader = messages(left)
print("the first message:", next(reader))
del left, reader
print("after del, the peer sees EOF:", peer_closed(right))
gc.collect()
print("after gc.collect():", peer_closed(right))
right.close()
