# ---
# summary = "socket.close() while a makefile() file is still open leaves the descriptor open until the file is closed too"
# tags = ["sockets", "socket", "file"]
# requires = ["py3-syntax", "sockets"]
# refs = ["https://docs.python.org/3/library/socket.html#socket.socket.makefile"]
# explain = """
# The documentation of makefile(): "the socket must be in blocking mode ...
# Closing the file object returned by makefile() won't close the original
# socket unless all other file objects have been closed and
# socket.close() was called on the socket object." The reverse holds too:
# socket.close() only marks the socket closed while a file made from it is
# open (the socket counts them), and the descriptor is closed, and the peer
# sees EOF, when the last file is closed; in between, the socket's fileno()
# still answers the open descriptor. On every runtime; a file dropped
# without close() would defer the EOF to its finalizer."""
# ---
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


left, right = socket.socketpair()
right.setblocking(False)
left.settimeout(5)
reader = left.makefile("rb")
left.close()
print("after socket.close(): fileno() is -1:", left.fileno() == -1, "and the peer sees EOF:", peer_closed(right))
right.sendall(b"still readable\n")
print("the file still reads:", reader.readline())
reader.close()
print("after the file's close(), the peer sees EOF:", peer_closed(right))
right.close()
