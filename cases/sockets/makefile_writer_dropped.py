# ---
# summary = "Data written to a makefile() writer that is never flushed reaches the peer when the writer is dropped on CPython, at a collection on PyPy, and the socket closes a collection later"
# tags = ["sockets", "socket", "buffering", "pypy-doc"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/socket.html#socket.socket.makefile",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# makefile("wb") wraps the socket in a SocketIO and a BufferedWriter, which
# holds what is written until it is flushed. On CPython, dropping the writer
# and the socket finalizes the writer first (it is the only holder of the
# SocketIO, which holds the socket), so the buffer is flushed to the socket,
# and then the socket dies and is closed: the peer reads the data and EOF.
# On PyPy nothing happens at the del. The first gc.collect() finalizes the
# writer, which flushes; the socket is still reachable from it during that
# collection, so it is closed only by the next one."""
# portable = "Flush the writer and close both the file and the socket (`with sock, sock.makefile('wb') as f:`); a buffered writer never sends its data on its own."
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
writer = left.makefile("wb")
writer.write(b"request body")
print("written, not flushed:", peer_reads(right))
del writer, left
print("after del:", peer_reads(right))
gc.collect()
print("after gc.collect():", peer_reads(right))
gc.collect()
print("after a second gc.collect():", peer_reads(right))
right.close()
