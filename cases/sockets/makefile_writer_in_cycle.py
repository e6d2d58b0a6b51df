# ---
# summary = "A connection object in a cycle holds a socket and its makefile() writer: CPython's collector closes the socket before the writer flushes and the data is lost; PyPy delivers it"
# tags = ["sockets", "socket", "buffering", "cycle", "realistic"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/socket.html#socket.socket.makefile",
#   "https://docs.python.org/3/library/gc.html",
# ]
# explain = """
# Like a file in a cycle (files/file_in_cycle_loses_data): when the cycle
# collector finds the connection, its socket, the SocketIO and the buffered
# writer garbage together, CPython runs their finalizers in the order of
# its generation list: the socket's closes the descriptor, the SocketIO's
# closes itself, and the writer then finds its raw stream closed and drops
# its buffer without a word. The peer only sees EOF. PyPy finalizes the
# writer first, since it reaches the socket (through the SocketIO): the
# data arrives, and the socket is closed by the next collection."""
# portable = "Give the connection a close() that flushes its writer and closes its socket, and call it (or use `with`); do not leave it to the collector."
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


class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.writer = sock.makefile("wb")
        self.me = self


left, right = socket.socketpair()
right.setblocking(False)
connection = Connection(left)
connection.writer.write(b"response")
del connection, left
print("after del:", peer_reads(right))
gc.collect()
print("after gc.collect():", peer_reads(right))
gc.collect()
print("after a second gc.collect():", peer_reads(right))
right.close()
