# ---
# summary = "A saved exception's traceback keeps the failing function's socket open until the exception is dropped (CPython) or collected (PyPy)"
# tags = ["sockets", "socket", "traceback", "realistic"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#the-try-statement",
#   "https://docs.python.org/3/library/traceback.html",
# ]
# explain = """
# The traceback of an exception holds the frames it passed through, and each
# frame its locals: a handler that keeps the exception (to log it later, to
# re-raise it from a retry loop) keeps the socket the failing function had
# open. On CPython the socket is closed as soon as the saved exception is
# dropped; on PyPy only by a collection after that."""
# portable = "Open the socket in a `with` block inside the function, so it is closed as the exception leaves it, whoever keeps the traceback."
# ---
import gc
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


def send_request(sock):
    sock.sendall(b"GET")
    raise ConnectionError("no answer")


left, right = socket.socketpair()
right.setblocking(False)
failures = []
try:
    send_request(left)
except ConnectionError as error:
    failures.append(error)
del left
print("the peer reads", right.recv(10))
print("while the exception is kept, the peer sees EOF:", peer_closed(right))
failures.clear()
print("after dropping it:", peer_closed(right))
gc.collect()
print("after gc.collect():", peer_closed(right))
right.close()
