# ---
# summary = "An idle service runs no collection: a connection left in a cycle by the last request stays open through the idle time, until later allocations start a collection"
# tags = ["pauses", "gc-automatic", "socket", "cycle", "realistic", "version-dependent"]
# requires = ["py3-syntax", "sockets"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://doc.pypy.org/en/latest/gc_info.html",
# ]
# explain = """
# Automatic collections are started by allocations, never by a timer. The
# last request of a burst drops a connection object in a reference cycle
# with its socket; while the service waits for the next request (a 50 ms
# sleep here), nothing allocates, no collection runs, and the client's
# connection stays open, on every runtime. The next burst's allocations
# (3,000 small lists, kept) start an automatic collection on CPython,
# which closes it (3.13's first threshold of 2000 is still passed); PyPy's
# minor collections do not finalize it, and a major collection is far off
# in this small heap, so the connection is still open after the burst."""
# portable = "Close connections explicitly when a request ends; never leave it to a collection that may not come while the service is idle."
# ---
import gc
import socket
import time


def peer_closed(sock):
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False


class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.handler = self


gc.collect()
server_side, client = socket.socketpair()
client.setblocking(False)
Connection(server_side)
del server_side
time.sleep(0.05)
print("after the idle time, the client sees EOF:", peer_closed(client))
burst = [[number] for number in range(3000)]
print("after the next burst's allocations:", peer_closed(client))
client.close()
