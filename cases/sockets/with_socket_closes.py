# ---
# summary = "`with` closes a socket, its makefile() file and a listener at the end of the block on every runtime"
# tags = ["sockets", "socket", "context-manager"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/socket.html#socket.socket.close",
#   "https://docs.python.org/3/library/socket.html#socket.socket.makefile",
# ]
# explain = """
# The portable form of the other cases of this area: a socket (and a file
# made from it) used as a context manager is closed when the block ends,
# whatever references remain, so the peer reads the data and EOF at once on
# CPython, PyPy and every other runtime. The closed socket object lives on
# (its fileno() is -1) as long as something refers to it."""
# ---
import select
import socket


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


left, right = socket.socketpair()
right.setblocking(False)
with left, left.makefile("wb") as writer:
    writer.write(b"body")
kept = left
print("the peer reads", right.recv(10), "and sees EOF:", peer_closed(right))
print("the kept socket's fileno():", kept.fileno())
right.close()

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(5)
    with socket.create_connection(listener.getsockname(), 5) as client:
        connection, address = listener.accept()
        with connection:
            connection.sendall(b"reply")
        print("the client reads", client.recv(10))
        print("then EOF:", select.select([client], [], [], 2)[0] == [client] and client.recv(10) == b"")
print("closed:", listener.fileno(), client.fileno(), connection.fileno())
