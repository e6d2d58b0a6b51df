# ---
# summary = "A weakref callback on a socket runs after its finalizer has closed it: at the del on CPython; on PyPy the collection that closes the socket kills the weakref and the next one runs the callback"
# tags = ["sockets", "socket", "weakref-callback", "pypy-doc"]
# requires = ["py3-syntax", "sockets", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# A pool or a registry that watches its connections with weak references
# learns of a dropped socket from the callback. CPython's dealloc of the
# socket runs its finalizer (sock_finalize, which closes the descriptor)
# before it clears the weak references, so the callback, at the del, finds
# the peer already at EOF. On PyPy nothing happens at the del; the first
# collection finalizes the socket (the peer sees EOF) and the weak
# reference is dead from then on, but its callback waits for the
# collection that frees the object, the next one."""
# portable = "Close connections explicitly and tell the registry in the same place; a weakref callback is neither prompt nor ordered with the close."
# ---
import gc
import socket
import weakref


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


left, right = socket.socketpair()
right.setblocking(False)
seen = []
watch = weakref.ref(left, lambda ref: seen.append("callback: the peer sees EOF: %s" % peer_closed(right)))
del left
print("after del:", seen, "the peer sees EOF:", peer_closed(right))
gc.collect()
print("after gc.collect():", seen, "dead:", watch() is None, "the peer sees EOF:", peer_closed(right))
gc.collect()
print("after a second gc.collect():", seen)
right.close()
