# ---
# summary = "A socketpair end dropped without close(): the peer reads EOF at the del on CPython, after a collection on PyPy"
# tags = ["sockets", "socket", "pypy-doc"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/library/socket.html#socket.socket.close",
# ]
# explain = """
# PyPy doc: "files (and sockets, etc) are not promptly closed when they go
# out of scope". CPython closes a socket's descriptor when the socket
# object's reference count reaches zero (its finalizer, sock_finalize), so
# the other end of the pair reads EOF right after `del`. On PyPy the
# descriptor stays open until a major collection finalizes the socket
# object: the peer reads nothing, neither data nor EOF, until gc.collect()."""
# portable = "Close a socket explicitly, with close() or a `with` block; never count on dropping the last reference to send the peer its EOF."
# ---
import gc
import socket


def peer_reads(sock):
    """What the peer can read now: data, then EOF or nothing more yet."""
    data = b""
    while True:
        try:
            chunk = sock.recv(4096)
        except BlockingIOError:
            return "%r, the other end still open" % data
        if not chunk:
            return "%r, then EOF" % data
        data += chunk


left, right = socket.socketpair()
right.setblocking(False)
left.sendall(b"ping")
print("before del:", peer_reads(right))
del left
print("after del:", peer_reads(right))
gc.collect()
print("after gc.collect():", peer_reads(right))
right.close()
