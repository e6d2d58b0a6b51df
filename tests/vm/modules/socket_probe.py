# _socket and select under socket.py: a socketpair and a loopback TCP
# listener, addresses, timeouts, blocking modes, the errors, select() and
# epoll, and when a dropped socket's descriptor is closed (at the del on
# CPython, at a collection on PyPy), with the warning it gives.
import _socket
import gc
import select


def show(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(type(e).__name__, e.args)
    else:
        print(repr(r))


def peer_state(sock):
    try:
        return "EOF" if sock.recv(10) == b"" else "data"
    except BlockingIOError:
        return "open"


# probe: socketpair
a, b = _socket.socketpair()
print(type(a).__name__, type(a).__module__, a.family, a.type, a.proto, a.gettimeout(), a.getblocking())
print(repr(a.getsockname()), repr(a.getpeername()), repr(a).startswith("<socket object, fd="))
a.sendall(b"ping")
print(b.recv(2), b.recv(10))
b.setblocking(False)
print(b.gettimeout(), b.getblocking())
show(b.recv, 10)
print(a.send(bytearray(b"xyz")), b.recv(10))
buffer = bytearray(5)
a.sendall(b"abc")
print(b.recv_into(buffer), buffer)
a.shutdown(_socket.SHUT_WR)
print(peer_state(b))
fd = a.detach()
print(a.fileno(), fd >= 0)
_socket.close(fd)
a.close()
b.close()
print(b.fileno())
show(b.recv, 1)

# probe: errors
s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
show(s.bind, "127.0.0.1")
show(s.bind, ("127.0.0.1", 70000))
show(s.bind, ("127.0.0.1",))
show(s.recv, -1)
show(s.settimeout, -1)
show(s.settimeout, "1")
show(s.getpeername)
show(s.send, "text")
s.close()
print(issubclass(_socket.gaierror, OSError), issubclass(_socket.herror, OSError), _socket.error is OSError)
print(_socket.timeout.__name__, issubclass(_socket.timeout, OSError))
print(_socket.getdefaulttimeout())
show(_socket.socket, _socket.AF_INET, _socket.SOCK_STREAM, 0, -1)

# probe: tcp
listener = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
listener.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
print(listener.getsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR) != 0)
listener.bind(("127.0.0.1", 0))
listener.listen()
host, port = listener.getsockname()
print(host, 0 < port < 65536)
listener.settimeout(0.05)
show(listener._accept)
listener.settimeout(5)
infos = _socket.getaddrinfo("127.0.0.1", port, 0, _socket.SOCK_STREAM)
print([(f, t, p, c, a == (host, port)) for f, t, p, c, a in infos])
client = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
print(client.connect_ex((host, port)))
fd, address = listener._accept()
server = _socket.socket(fileno=fd)
print(server.family, server.type, address == client.getsockname(), server.getpeername() == client.getsockname())
print(server.gettimeout(), listener.gettimeout())
client.sendall(b"request")
print(server.recv(100))
server.close()
client.settimeout(2)
print(client.recv(100))
client.close()
listener.close()
refused = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
print(refused.connect_ex((host, port)) != 0)
show(refused.connect, (host, port))
refused.close()

# probe: select
a, b = _socket.socketpair()
print(select.select([a], [], [], 0))
print(select.select([a, b.fileno()], [a], [], 0) == ([], [a], []))
b.send(b"x")
print(select.select([a], [], [], 1)[0] == [a])
show(select.select, [a], [], [], -1)
show(select.select, [object()], [], [], 0)
e = select.epoll()
e.register(a, select.EPOLLIN)
e.register(b.fileno(), select.EPOLLOUT)
print(sorted((fd == a.fileno(), mask) for fd, mask in e.poll(1)))
e.modify(b, select.EPOLLIN)
e.unregister(a)
print(e.poll(0), e.closed)
show(e.unregister, a)
e.close()
print(e.closed)
show(e.poll, 0)
a.close()
b.close()

# probe: sizes
import sys


class Slotted(_socket.socket):
    __slots__ = ["__weakref__", "_io_refs", "_closed"]


class Plain(_socket.socket):
    pass


for kind in (_socket.socket, Slotted, Plain):
    s = kind()
    try:
        print(sys.getsizeof(s))
    except TypeError:
        print("no sys.getsizeof")
    print(kind.__name__, gc.is_tracked(s) if hasattr(gc, "is_tracked") else "-", len(gc.get_referents(s)))
    s.close()

# probe: finalization
a, b = _socket.socketpair()
b.setblocking(False)
del a
print("after del:", peer_state(b))
gc.collect()
print("after gc.collect():", peer_state(b))
b.close()

# probe: warning
import warnings


def shown(message, category, filename, lineno, file=None, line=None):
    where = "here" if filename == __file__ else "elsewhere"
    print(category.__name__, where, str(message).split(",")[0].split("=")[0])


warnings.simplefilter("always")
warnings.showwarning = shown
a, b = _socket.socketpair()
del a
print("after del")
gc.collect()
print("after gc.collect()")
b.close()

# probe: makefile layers
# socket.makefile() builds a BufferedWriter over a SocketIO of the program's
# (io.RawIOBase): the model's io layers are open()'s only, so it stops.
import _io

a, b = _socket.socketpair()
print("before")
writer = _io.BufferedWriter(_io.FileIO(a.fileno(), "wb", closefd=False))
writer.write(b"data")
writer.flush()
print(b.recv(10))
a.close()
b.close()
