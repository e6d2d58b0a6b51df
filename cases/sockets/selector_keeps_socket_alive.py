# ---
# summary = "A socket registered with a selector stays open after its last name is dropped; unregister() lets it go, at once on CPython, at a collection on PyPy"
# tags = ["sockets", "socket", "realistic"]
# requires = ["py3-syntax", "sockets", "weakref"]
# refs = ["https://docs.python.org/3/library/selectors.html#selectors.BaseSelector.register"]
# explain = """
# An event loop's selector keeps a SelectorKey for every registered file
# object, and the key holds the object itself (and its `data`). A server
# that forgets to unregister a connection keeps it, and its descriptor,
# open for as long as the selector lives, on every runtime. After
# unregister() the selector's reference is gone: CPython closes the socket
# then, PyPy at its next collection."""
# portable = "Unregister and close each connection when it is done (`selector.unregister(conn); conn.close()`)."
# ---
import gc
import selectors
import socket
import weakref


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


selector = selectors.DefaultSelector()
left, right = socket.socketpair()
right.setblocking(False)
selector.register(left, selectors.EVENT_READ, data="connection 1")
watch = weakref.ref(left)
del left
gc.collect()
print("registered, dropped and collected: alive", watch() is not None, "and the peer sees EOF:", peer_closed(right))
selector.unregister(watch())
print("after unregister(): alive", watch() is not None, "and the peer sees EOF:", peer_closed(right))
gc.collect()
print("after gc.collect(): alive", watch() is not None, "and the peer sees EOF:", peer_closed(right))
selector.close()
right.close()
