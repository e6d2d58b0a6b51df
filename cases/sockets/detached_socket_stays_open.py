# ---
# summary = "detach() hands the descriptor over: the socket object then dies without closing it, on every runtime, and the peer sees EOF only at os.close()"
# tags = ["sockets", "socket"]
# requires = ["py3-syntax", "sockets"]
# refs = ["https://docs.python.org/3/library/socket.html#socket.socket.detach"]
# explain = """
# socket.detach() puts the socket object into the closed state without
# closing the descriptor, and returns it: whoever took it owns it. Dropping
# the detached socket, and collecting it, closes nothing (its finalizer
# finds no descriptor), on CPython as on PyPy; the peer reads EOF once the
# new owner closes the descriptor. socketpair() itself detaches the
# _socket objects it makes to wrap their descriptors in socket.py's class."""
# ---
import gc
import os
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


left, right = socket.socketpair()
right.setblocking(False)
descriptor = left.detach()
print("detached: fileno()", left.fileno(), "and the peer sees EOF:", peer_closed(right))
del left
gc.collect()
print("dropped and collected, the peer sees EOF:", peer_closed(right))
os.close(descriptor)
print("after os.close(), the peer sees EOF:", peer_closed(right))
right.close()
