# ---
# summary = "A socket held by an object in a reference cycle stays open after del until a collection, on CPython as on PyPy"
# tags = ["sockets", "socket", "cycle", "gc-collect", "realistic"]
# requires = ["py3-syntax", "sockets"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.collect"]
# explain = """
# A client object with a back-reference (here to itself, as a parent and a
# child or a callback bound to the object would make) is not freed by
# reference counting: its socket stays open after the del on every
# runtime, and the peer reads EOF only once the cycle collector has run.
# A long-running service with gc disabled, or whose collections are rare,
# holds such descriptors for as long."""
# portable = "Close the socket explicitly (close(), `with`); a cycle delays its finalization on every runtime."
# ---
import gc
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.self_ref = self


left, right = socket.socketpair()
right.setblocking(False)
client = Client(left)
del client, left
print("after del, the peer sees EOF:", peer_closed(right))
gc.collect()
print("after gc.collect(), the peer sees EOF:", peer_closed(right))
right.close()
