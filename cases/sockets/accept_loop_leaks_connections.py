# ---
# summary = "An accept loop that never closes its connections: CPython closes each when the loop rebinds it, PyPy keeps them all open until a collection"
# tags = ["sockets", "socket", "pypy-doc", "realistic"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/library/socket.html#socket.socket.accept",
# ]
# explain = """
# The story of a port to PyPy that broke on open network connections: a
# server loop answers each request and forgets the connection. On CPython
# the previous connection dies each time the loop variable is rebound, so
# all clients but the last one have their EOF; on PyPy none has, and the
# server holds one descriptor per request until a major collection (a
# busy server reaches its descriptor limit first). Five clients connect to a
# loopback listener (127.0.0.1, port 0) and wait in its backlog; the clients
# that have seen EOF are counted with a bounded select (0.2 s, spent only
# when none has)."""
# portable = "Close each connection in the loop (`with connection:`), so no runtime holds a descriptor per request."
# ---
import gc
import select
import socket


def clients_at_eof(clients):
    ready = select.select(clients, [], [], 0.2)[0]
    return sum(1 for client in ready if client.recv(100) == b"")


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
listener.settimeout(5)
clients = [socket.create_connection(listener.getsockname(), 5) for _ in range(5)]
for request in range(5):
    connection, address = listener.accept()
    connection.sendall(b"200 OK\n")
print("replies:", [client.recv(100) for client in clients])
print("after the loop, clients at EOF:", clients_at_eof(clients))
gc.collect()
print("after gc.collect():", clients_at_eof(clients))
del connection
gc.collect()
print("after del connection and gc.collect():", clients_at_eof(clients))
for client in clients:
    client.close()
listener.close()
