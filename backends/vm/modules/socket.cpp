// _socket: sockets over the operating system's, as CPython's
// Modules/socketmodule.c gives them to socket.py (which the model runs from
// the runtime's own Lib/): the socket type, socketpair, getaddrinfo, the
// constants, the errors. IPv4 and Unix addresses only; a name the runtime
// has and this module lacks stops the program (the names check, or a
// function that says it is not modeled).
//
// A socket's timeout is CPython's: none (blocking), 0 (non-blocking: the
// call's EAGAIN is a BlockingIOError) or a number of seconds, for which the
// descriptor is non-blocking and each call first polls for readiness, then
// raises socket.timeout ("timed out") when the time runs out.
//
// Finalization is each runtime's: CPython's sock_finalize, at the object's
// death, formats "unclosed <repr>" (socket.py's __repr__, whatever the
// filters), warns a ResourceWarning at the running frame and closes the
// descriptor; PyPy's finalizer closes it at the collection that frees the
// socket, and where its warning would be shown, the model stops (PyPy warns
// from the frame its finalizer queue runs in, as for files: io.cpp).
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../exception.hpp"
#include "../io.hpp"
#include "modules.hpp"
#include "native_type.hpp"
#include "socket_common.hpp"

namespace vm {

namespace {

using sockets::argument_error;
using sockets::monotonic_now;
using sockets::raise_errno;

TypeObject* g_socket_type = nullptr;
bool g_socket_heap_type = false;  // socket.heap_types

struct SocketObject : Atom {
    int fd = -1;
    int family = 0, kind = 0, proto = 0;  // kind: the socket type, less SOCK_NONBLOCK and SOCK_CLOEXEC
    double timeout = -1;  // seconds; negative: none (blocking)
    explicit SocketObject(TypeObject* t) : Atom(t) {}
    // 3.12's sock_traverse visits the heap type (a derived class's instance
    // data visits it instead, as subtype_traverse leaves it to the base).
    void traverse(Visitor v) {
        if (g_socket_heap_type && type == g_socket_type) v(type);
    }
};
TypeObject* g_timeout_type = nullptr;  // socket.timeout (3.8, 3.9, PyPy), or TimeoutError
TypeObject* g_gaierror_type = nullptr;
TypeObject* g_herror_type = nullptr;
double g_default_timeout = -1;

SocketObject* as_socket(Object* o) {
    if (!o->type->is_subtype(g_socket_type))
        raisef(types.TypeError, "descriptor requires a '_socket.socket' object but received a '{}'", type_name(o));
    return static_cast<SocketObject*>(o);
}

CallKey method_key(const char* name) { return {"_socket.socket", name}; }

// ---- errors -------------------------------------------------------------------------------------

[[noreturn]] void raise_timeout() {
    Ref<> msg = new_str("timed out");
    raise(call(g_timeout_type, {msg.get()}));
}

[[noreturn]] void raise_gaierror(int code) {
    if (code == EAI_SYSTEM) raise_errno(errno);
    Ref<> no = new_int(code);
    Ref<> msg = new_str(gai_strerror(code));
    raise(call(g_gaierror_type, {no.get(), msg.get()}));
}

// ---- timeouts -----------------------------------------------------------------------------------

// internal_setblocking: the descriptor's O_NONBLOCK.
void set_blocking(SocketObject* s, bool blocking) {
    int flags = ::fcntl(s->fd, F_GETFL);
    if (flags < 0) raise_errno(errno);
    int wanted = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
    if (wanted != flags && ::fcntl(s->fd, F_SETFL, wanted) < 0) raise_errno(errno);
}

// sock_call_ex: `attempt` returns -1 with errno set when it fails. With a
// timeout, wait for the descriptor first (POLLOUT when `writing`), and
// again after each EAGAIN, until the deadline; EINTR retries.
template <class Attempt> ssize_t sock_call(SocketObject* s, bool writing, Attempt attempt) {
    const bool timed = s->timeout > 0;
    const double deadline = timed ? monotonic_now() + s->timeout : 0;
    bool ready = !timed;
    for (;;) {
        if (!ready) {
            double left = deadline - monotonic_now();
            if (left <= 0) raise_timeout();
            pollfd p{s->fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
            int n = ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000)));
            if (n < 0) {
                if (errno == EINTR) continue;
                raise_errno(errno);
            }
            if (n == 0) raise_timeout();
        }
        ssize_t r = attempt();
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        if (timed && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            ready = false;
            continue;
        }
        raise_errno(errno);
    }
}

// ---- addresses ----------------------------------------------------------------------------------

struct SockAddr {
    sockaddr_storage storage{};
    socklen_t length = 0;
    sockaddr* get() { return reinterpret_cast<sockaddr*>(&storage); }
};

// setipaddr: "" is INADDR_ANY, "<broadcast>" INADDR_BROADCAST, a dotted
// address as it is, any other name through the resolver (AF_INET).
in_addr ipv4_of(Object* host) {
    if (!is_str(host)) argument_error(types.TypeError, "str, bytes or bytearray expected, not {}", type_name(host));
    const std::string& name = str_value(host);
    in_addr a{};
    if (name.empty()) a.s_addr = htonl(INADDR_ANY);
    else if (name == "<broadcast>" || name == "255.255.255.255") a.s_addr = htonl(INADDR_BROADCAST);
    else if (::inet_pton(AF_INET, name.c_str(), &a) != 1) {
        addrinfo hints{};
        hints.ai_family = AF_INET;
        addrinfo* found = nullptr;
        if (int code = ::getaddrinfo(name.c_str(), nullptr, &hints, &found)) raise_gaierror(code);
        a = reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr;
        ::freeaddrinfo(found);
    }
    return a;
}

// getsockaddrarg, for the families the model has.
SockAddr address_arg(SocketObject* s, Object* address, const char* caller) {
    SockAddr out;
    if (s->family == AF_INET) {
        if (!is_tuple(address))
            argument_error(types.TypeError, "{}(): AF_INET address must be tuple, not {}", caller, type_name(address));
        const ItemArray& items = static_cast<TupleObject*>(address)->items;
        if (items.size() != 2) argument_error(types.TypeError, "AF_INET address must be a pair (host, port)");
        auto* in = reinterpret_cast<sockaddr_in*>(&out.storage);
        in->sin_family = AF_INET;
        in->sin_addr = ipv4_of(items[0]);
        std::int64_t port = as_index(items[1]);
        if (port < 0 || port > 0xffff) argument_error(types.OverflowError, "{}(): port must be 0-65535.", caller);
        in->sin_port = htons(static_cast<std::uint16_t>(port));
        out.length = sizeof(sockaddr_in);
        return out;
    }
    if (s->family == AF_UNIX) {
        std::string path;
        if (is_str(address)) path = str_value(address);
        else if (is_bytes_like(address)) path = bytes_value(address);
        else argument_error(types.TypeError, "a bytes-like object is required, not '{}'", type_name(address));
        auto* un = reinterpret_cast<sockaddr_un*>(&out.storage);
        if (path.size() >= sizeof(un->sun_path)) argument_error(types.OSError, "AF_UNIX path too long");
        un->sun_family = AF_UNIX;
        std::memcpy(un->sun_path, path.data(), path.size());
        out.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + (path[0] ? 1 : 0));
        return out;
    }
    unsupported(fmt::format("an address of socket family {}", s->family));
}

// makesockaddr: (host, port) for AF_INET; a Unix socket's path as a str
// ('' when unnamed), an abstract one as bytes.
Ref<> address_value(const sockaddr* a, socklen_t length) {
    if (length == 0) return new_none();
    if (a->sa_family == AF_INET) {
        auto* in = reinterpret_cast<const sockaddr_in*>(a);
        char text[INET_ADDRSTRLEN];
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        Ref<> host = new_str(text);
        Ref<> port = new_int(ntohs(in->sin_port));
        return tuple_of({host.get(), port.get()});
    }
    if (a->sa_family == AF_UNIX) {
        auto* un = reinterpret_cast<const sockaddr_un*>(a);
        std::size_t size = length - offsetof(sockaddr_un, sun_path);
        if (size > 0 && un->sun_path[0] == '\0') return new_bytes(std::string(un->sun_path, size));
        return new_str(std::string(un->sun_path, ::strnlen(un->sun_path, size)));
    }
    unsupported(fmt::format("an address of socket family {}", a->sa_family));
}

// ---- the socket type ----------------------------------------------------------------------------

// init_sockobject: the timeout is 0 for SOCK_NONBLOCK, else the default,
// for which a non-negative value makes the descriptor non-blocking.
void init_socket(SocketObject* s, int fd, int family, int kind, int proto) {
    s->fd = fd;
    s->family = family;
    s->kind = kind & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->proto = proto;
    if (kind & SOCK_NONBLOCK) {
        s->timeout = 0;
        return;
    }
    s->timeout = g_default_timeout;
    if (g_default_timeout >= 0) set_blocking(s, false);
}

Ref<SocketObject> new_socket(TypeObject* type) {
    return new_native_instance<SocketObject>(type, g_socket_type, g_socket_heap_type);
}

Ref<> socket_new(TypeObject* type, Args) { return new_socket(type); }

int int_or(Object* o, int fallback) { return o && o != consts.None ? static_cast<int>(as_index(o)) : fallback; }

// sock_initobj(family=-1, type=-1, proto=-1, fileno=None).
void socket_init(Object* self, Args args) {
    Object *family = nullptr, *kind = nullptr, *proto = nullptr, *fileno = nullptr;
    parse_args({"socket", ""}, args, {"family", "type", "proto", "fileno"}, 0, {&family, &kind, &proto, &fileno});
    SocketObject* s = as_socket(self);
    int f = int_or(family, -1), k = int_or(kind, -1), p = int_or(proto, -1);
    if (fileno && fileno != consts.None) {
        if (!is_int(fileno)) unsupported("socket(fileno=) of a non-int");
        std::int64_t fd = int_value(fileno);
        if (fd < 0) argument_error(types.ValueError, "negative file descriptor");
        auto query = [&](int option) {
            int value = 0;
            socklen_t size = sizeof value;
            if (::getsockopt(static_cast<int>(fd), SOL_SOCKET, option, &value, &size) != 0) raise_errno(errno);
            return value;
        };
        if (f == -1) f = query(SO_DOMAIN);
        if (k == -1) k = query(SO_TYPE);
        if (p == -1) p = query(SO_PROTOCOL);
        init_socket(s, static_cast<int>(fd), f, k, p);
        return;
    }
    if (f == -1) f = AF_INET;
    if (k == -1) k = SOCK_STREAM;
    if (p == -1) p = 0;
    int fd = ::socket(f, k | SOCK_CLOEXEC, p);
    if (fd < 0) raise_errno(errno);
    init_socket(s, fd, f, k, p);
}

// sock_finalize (CPython) and W_Socket's finalizer (PyPy).
void socket_finalize(Object* self) {
    auto* s = static_cast<SocketObject*>(self);
    if (s->fd < 0) return;
    const Profile& profile = rt().profile();
    try {
        if (profile.io_warn_unclosed) {
            std::string message = "unclosed " + str_value(repr(self).get());
            warn(types.ResourceWarning, message, self);
        } else if (profile.io_unclosed_warning_unmodeled && dict_get(rt().modules, "warnings") &&
                   warning_shown(types.ResourceWarning, "unclosed " + str_value(repr(self).get()))) {
            rt().defer_unsupported("the location of an unclosed socket's ResourceWarning on this runtime");
        }
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        if (exception_is(exc.get(), types.Warning))
            write_unraisable(profile.file_finalizer_error_header, self, exc.get());
    }
    int fd = s->fd;
    s->fd = -1;
    ::close(fd);
}

Ref<> socket_repr(Object* self) {
    auto* s = static_cast<SocketObject*>(self);
    return new_str(
        fmt::format("<socket object, fd={}, family={}, type={}, proto={}>", s->fd, s->family, s->kind, s->proto));
}

Ref<> s_fileno(Object* self, Args args, void*) {
    check_nargs(method_key("fileno"), args, 0, 0);
    return new_int(as_socket(self)->fd);
}

Ref<> s_detach(Object* self, Args args, void*) {
    check_nargs(method_key("detach"), args, 0, 0);
    SocketObject* s = as_socket(self);
    int fd = s->fd;
    s->fd = -1;
    return new_int(fd);
}

// sock_close: ECONNRESET is not an error (the peer had gone).
Ref<> s_close(Object* self, Args args, void*) {
    check_nargs(method_key("close"), args, 0, 0);
    SocketObject* s = as_socket(self);
    if (s->fd >= 0) {
        int fd = s->fd;
        s->fd = -1;
        if (::close(fd) != 0 && errno != ECONNRESET) raise_errno(errno);
    }
    return new_none();
}

Ref<> s_bind(Object* self, Args args, void*) {
    check_nargs(method_key("bind"), args, 1, 1);
    SocketObject* s = as_socket(self);
    SockAddr a = address_arg(s, args[0], "bind");
    if (::bind(s->fd, a.get(), a.length) != 0) raise_errno(errno);
    return new_none();
}

Ref<> s_listen(Object* self, Args args, void*) {
    check_nargs(method_key("listen"), args, 0, 1);
    SocketObject* s = as_socket(self);
    std::int64_t backlog = args.nargs ? as_index(args[0]) : std::min(SOMAXCONN, 128);
    if (::listen(s->fd, static_cast<int>(std::max<std::int64_t>(backlog, 0))) != 0) raise_errno(errno);
    return new_none();
}

// _accept(): (the new descriptor, the peer's address), which socket.py
// makes a socket of.
Ref<> s_accept(Object* self, Args args, void*) {
    check_nargs(method_key("_accept"), args, 0, 0);
    SocketObject* s = as_socket(self);
    SockAddr peer;
    ssize_t fd = sock_call(s, false, [&] {
        peer.length = sizeof peer.storage;
        return static_cast<ssize_t>(::accept4(s->fd, peer.get(), &peer.length, SOCK_CLOEXEC));
    });
    Ref<> number = new_int(fd);
    Ref<> address = address_value(peer.get(), peer.length);
    return tuple_of({number.get(), address.get()});
}

// internal_connect: the error number, 0 on success. With a timeout the
// connection is waited for (EINPROGRESS), and SO_ERROR says how it went.
int connect_error(SocketObject* s, Object* address, const char* caller) {
    SockAddr a = address_arg(s, address, caller);
    int r;
    do r = ::connect(s->fd, a.get(), a.length);
    while (r != 0 && errno == EINTR && s->timeout != 0);
    if (r == 0) return 0;
    if (errno != EINPROGRESS || s->timeout <= 0) return errno;
    const double deadline = monotonic_now() + s->timeout;
    for (;;) {
        double left = deadline - monotonic_now();
        pollfd p{s->fd, POLLOUT, 0};
        int n = left > 0 ? ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000))) : 0;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) raise_timeout();
        int err = 0;
        socklen_t size = sizeof err;
        if (::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &size) != 0) return errno;
        return err;
    }
}

Ref<> s_connect(Object* self, Args args, void*) {
    check_nargs(method_key("connect"), args, 1, 1);
    if (int err = connect_error(as_socket(self), args[0], "connect")) raise_errno(err);
    return new_none();
}

Ref<> s_connect_ex(Object* self, Args args, void*) {
    check_nargs(method_key("connect_ex"), args, 1, 1);
    return new_int(rt().profile().modeled_errno(connect_error(as_socket(self), args[0], "connect_ex")));
}

// A bytes-like argument's bytes (bytes, bytearray).
const std::string& data_arg(Object* o) {
    if (!is_bytes_like(o)) {
        if (o->type == types.memoryview) unsupported("sending a memoryview over a socket");
        argument_error(types.TypeError, "a bytes-like object is required, not '{}'", type_name(o));
    }
    return bytes_value(o);
}

Ref<> s_send(Object* self, Args args, void*) {
    check_nargs(method_key("send"), args, 1, 2);
    SocketObject* s = as_socket(self);
    const std::string& data = data_arg(args[0]);
    int flags = args.nargs > 1 ? static_cast<int>(as_index(args[1])) : 0;
    ssize_t n = sock_call(s, true, [&] { return ::send(s->fd, data.data(), data.size(), flags | MSG_NOSIGNAL); });
    return new_int(n);
}

// sendall: send until everything is sent; a timeout bounds each wait.
Ref<> s_sendall(Object* self, Args args, void*) {
    check_nargs(method_key("sendall"), args, 1, 2);
    SocketObject* s = as_socket(self);
    const std::string data = data_arg(args[0]);
    int flags = args.nargs > 1 ? static_cast<int>(as_index(args[1])) : 0;
    std::size_t sent = 0;
    while (sent < data.size())
        sent += static_cast<std::size_t>(sock_call(
            s, true, [&] { return ::send(s->fd, data.data() + sent, data.size() - sent, flags | MSG_NOSIGNAL); }));
    return new_none();
}

Ref<> s_recv(Object* self, Args args, void*) {
    check_nargs(method_key("recv"), args, 1, 2);
    SocketObject* s = as_socket(self);
    std::int64_t size = as_index(args[0]);
    if (size < 0) argument_error(types.ValueError, "negative buffersize in recv");
    int flags = args.nargs > 1 ? static_cast<int>(as_index(args[1])) : 0;
    std::string buffer(static_cast<std::size_t>(size), '\0');
    ssize_t n = sock_call(s, false, [&] { return ::recv(s->fd, buffer.data(), buffer.size(), flags); });
    buffer.resize(static_cast<std::size_t>(n));
    return new_bytes(std::move(buffer));
}

// recv_into(buffer, nbytes=0, flags=0), into a bytearray.
Ref<> s_recv_into(Object* self, Args args, void*) {
    Object *buffer = nullptr, *nbytes = nullptr, *flags = nullptr;
    parse_args(method_key("recv_into"), args, {"buffer", "nbytes", "flags"}, 1, {&buffer, &nbytes, &flags});
    if (buffer->type != types.bytearray) unsupported("recv_into() of anything but a bytearray");
    SocketObject* s = as_socket(self);
    std::string& into = static_cast<BytesObject*>(buffer)->value;
    std::int64_t want = nbytes ? as_index(nbytes) : 0;
    if (want < 0) argument_error(types.ValueError, "negative buffersize in recv_into");
    if (want == 0) want = static_cast<std::int64_t>(into.size());
    if (want > static_cast<std::int64_t>(into.size()))
        argument_error(types.ValueError, "buffer too small for requested bytes");
    int f = int_or(flags, 0);
    ssize_t n = sock_call(s, false, [&] { return ::recv(s->fd, into.data(), static_cast<std::size_t>(want), f); });
    return new_int(n);
}

Ref<> s_shutdown(Object* self, Args args, void*) {
    check_nargs(method_key("shutdown"), args, 1, 1);
    if (::shutdown(as_socket(self)->fd, static_cast<int>(as_index(args[0]))) != 0) raise_errno(errno);
    return new_none();
}

// setsockopt(level, option, value): an int, or bytes as they are.
Ref<> s_setsockopt(Object* self, Args args, void*) {
    check_nargs(method_key("setsockopt"), args, 3, 3);
    SocketObject* s = as_socket(self);
    int level = static_cast<int>(as_index(args[0])), option = static_cast<int>(as_index(args[1]));
    int r;
    if (is_int(args[2])) {
        int value = static_cast<int>(int_value(args[2]));
        r = ::setsockopt(s->fd, level, option, &value, sizeof value);
    } else {
        const std::string& value = data_arg(args[2]);
        r = ::setsockopt(s->fd, level, option, value.data(), static_cast<socklen_t>(value.size()));
    }
    if (r != 0) raise_errno(errno);
    return new_none();
}

// getsockopt(level, option[, buflen]): an int, or buflen bytes.
Ref<> s_getsockopt(Object* self, Args args, void*) {
    check_nargs(method_key("getsockopt"), args, 2, 3);
    SocketObject* s = as_socket(self);
    int level = static_cast<int>(as_index(args[0])), option = static_cast<int>(as_index(args[1]));
    if (args.nargs == 2) {
        int value = 0;
        socklen_t size = sizeof value;
        if (::getsockopt(s->fd, level, option, &value, &size) != 0) raise_errno(errno);
        return new_int(value);
    }
    std::int64_t buflen = as_index(args[2]);
    if (buflen <= 0 || buflen > 1024) argument_error(types.OSError, "getsockopt buflen out of range");
    std::string value(static_cast<std::size_t>(buflen), '\0');
    socklen_t size = static_cast<socklen_t>(buflen);
    if (::getsockopt(s->fd, level, option, value.data(), &size) != 0) raise_errno(errno);
    value.resize(size);
    return new_bytes(std::move(value));
}

Ref<> s_setblocking(Object* self, Args args, void*) {
    check_nargs(method_key("setblocking"), args, 1, 1);
    SocketObject* s = as_socket(self);
    bool blocking = truthy(args[0]);
    s->timeout = blocking ? -1 : 0;
    if (s->fd >= 0) set_blocking(s, blocking);
    return new_none();
}

Ref<> s_getblocking(Object* self, Args args, void*) {
    check_nargs(method_key("getblocking"), args, 0, 0);
    return new_bool(as_socket(self)->timeout != 0);
}

// A timeout argument: None (blocking), or seconds, not negative.
double timeout_arg(Object* value) {
    if (value == consts.None) return -1;
    double t;
    if (is_float(value)) t = static_cast<FloatObject*>(value)->value;
    else if (is_int(value)) t = static_cast<double>(int_value(value));
    else if (rt().profile().version_info < std::array<int, 3>{3, 10, 0})
        argument_error(types.TypeError, "an integer is required (got type {})", type_name(value));
    else argument_error(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(value));
    if (std::isnan(t)) argument_error(types.ValueError, "Invalid value NaN (not a number)");
    if (t < 0) argument_error(types.ValueError, "Timeout value out of range");
    return t;
}

Ref<> s_settimeout(Object* self, Args args, void*) {
    check_nargs(method_key("settimeout"), args, 1, 1);
    SocketObject* s = as_socket(self);
    s->timeout = timeout_arg(args[0]);
    if (s->fd >= 0) set_blocking(s, s->timeout < 0);
    return new_none();
}

Ref<> timeout_value(double t) { return t < 0 ? new_none() : new_float(t); }

Ref<> s_gettimeout(Object* self, Args args, void*) {
    check_nargs(method_key("gettimeout"), args, 0, 0);
    return timeout_value(as_socket(self)->timeout);
}

template <bool kPeer> Ref<> s_name(Object* self, Args args, void*) {
    check_nargs(method_key(kPeer ? "getpeername" : "getsockname"), args, 0, 0);
    SocketObject* s = as_socket(self);
    SockAddr a;
    a.length = sizeof a.storage;
    int r = kPeer ? ::getpeername(s->fd, a.get(), &a.length) : ::getsockname(s->fd, a.get(), &a.length);
    if (r != 0) raise_errno(errno);
    return address_value(a.get(), a.length);
}

Ref<> get_family(Object* self) { return new_int(as_socket(self)->family); }
Ref<> get_type(Object* self) { return new_int(as_socket(self)->kind); }
Ref<> get_proto(Object* self) { return new_int(as_socket(self)->proto); }
Ref<> get_timeout(Object* self) { return timeout_value(as_socket(self)->timeout); }

Ref<> s_not_modeled(Object*, Args, void* name) {
    unsupported(std::string("socket.") + static_cast<const char*>(name) + ", which pymodel does not model");
}

// ---- module functions ---------------------------------------------------------------------------

Ref<> m_socketpair(Object*, Args args, void*) {
    check_nargs({"_socket", "socketpair"}, args, 0, 3);
    int family = args.nargs > 0 ? int_or(args[0], AF_UNIX) : AF_UNIX;
    int kind = args.nargs > 1 ? int_or(args[1], SOCK_STREAM) : SOCK_STREAM;
    int proto = args.nargs > 2 ? int_or(args[2], 0) : 0;
    int fds[2];
    if (::socketpair(family, kind | SOCK_CLOEXEC, proto, fds) != 0) raise_errno(errno);
    Ref<SocketObject> a = new_socket(g_socket_type);
    init_socket(a.get(), fds[0], family, kind, proto);
    Ref<SocketObject> b = new_socket(g_socket_type);
    init_socket(b.get(), fds[1], family, kind, proto);
    return tuple_of({a.get(), b.get()});
}

Ref<> m_dup(Object*, Args args, void*) {
    check_nargs({"_socket", "dup"}, args, 1, 1);
    int fd = ::fcntl(static_cast<int>(as_index(args[0])), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) raise_errno(errno);
    return new_int(fd);
}

Ref<> m_close(Object*, Args args, void*) {
    check_nargs({"_socket", "close"}, args, 1, 1);
    if (::close(static_cast<int>(as_index(args[0]))) != 0 && errno != ECONNRESET) raise_errno(errno);
    return new_none();
}

// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0): a list of
// (family, type, proto, canonname, sockaddr), in the resolver's order.
Ref<> m_getaddrinfo(Object*, Args args, void*) {
    Object *host = nullptr, *port = nullptr, *family = nullptr, *kind = nullptr, *proto = nullptr, *flags = nullptr;
    parse_args({"_socket", "getaddrinfo"}, args, {"host", "port", "family", "type", "proto", "flags"}, 2,
               {&host, &port, &family, &kind, &proto, &flags});
    std::string host_text, port_text;
    const char* host_c = nullptr;
    const char* port_c = nullptr;
    if (is_str(host)) host_c = (host_text = str_value(host)).c_str();
    else if (host->type == types.bytes) host_c = (host_text = bytes_value(host)).c_str();
    else if (host != consts.None) argument_error(types.TypeError, "getaddrinfo() argument 1 must be string or None");
    if (is_int(port)) port_c = (port_text = std::to_string(int_value(port))).c_str();
    else if (is_str(port)) port_c = (port_text = str_value(port)).c_str();
    else if (port->type == types.bytes) port_c = (port_text = bytes_value(port)).c_str();
    else if (port != consts.None) argument_error(types.OSError, "Int or String expected");
    addrinfo hints{};
    hints.ai_family = int_or(family, 0);
    hints.ai_socktype = int_or(kind, 0);
    hints.ai_protocol = int_or(proto, 0);
    hints.ai_flags = int_or(flags, 0);
    if (hints.ai_family != AF_UNSPEC && hints.ai_family != AF_INET)
        unsupported("getaddrinfo() of a family other than AF_INET");
    hints.ai_family = AF_INET;  // the model's addresses are IPv4's
    addrinfo* found = nullptr;
    if (int code = ::getaddrinfo(host_c, port_c, &hints, &found)) raise_gaierror(code);
    Ref<ListObject> out = new_list();
    try {
        for (addrinfo* i = found; i; i = i->ai_next) {
            Ref<> f = new_int(i->ai_family), k = new_int(i->ai_socktype), p = new_int(i->ai_protocol);
            Ref<> canon = new_str(i->ai_canonname ? i->ai_canonname : "");
            Ref<> address = address_value(i->ai_addr, i->ai_addrlen);
            list_append(out.get(), tuple_of({f.get(), k.get(), p.get(), canon.get(), address.get()}).get());
        }
    } catch (...) {
        ::freeaddrinfo(found);
        throw;
    }
    ::freeaddrinfo(found);
    return out;
}

Ref<> m_gethostname(Object*, Args args, void*) {
    check_nargs({"_socket", "gethostname"}, args, 0, 0);
    char name[256];
    if (::gethostname(name, sizeof name) != 0) raise_errno(errno);
    name[sizeof name - 1] = '\0';
    return new_str(name);
}

Ref<> m_getdefaulttimeout(Object*, Args args, void*) {
    check_nargs({"_socket", "getdefaulttimeout"}, args, 0, 0);
    return timeout_value(g_default_timeout);
}

Ref<> m_setdefaulttimeout(Object*, Args args, void*) {
    check_nargs({"_socket", "setdefaulttimeout"}, args, 1, 1);
    g_default_timeout = timeout_arg(args[0]);
    return new_none();
}

template <bool kLong, bool kToNetwork> Ref<> m_byte_order(Object*, Args args, void*) {
    check_nargs({"_socket", kLong ? (kToNetwork ? "htonl" : "ntohl") : (kToNetwork ? "htons" : "ntohs")}, args, 1, 1);
    std::int64_t v = as_index(args[0]);
    if (v < 0) argument_error(types.OverflowError, "can't convert negative Python int to C 16-bit unsigned integer");
    if (kLong) {
        if (v > 0xffffffffLL) argument_error(types.OverflowError, "int larger than 32 bits");
        auto n = static_cast<std::uint32_t>(v);
        return new_int(kToNetwork ? htonl(n) : ntohl(n));
    }
    if (v > 0xffff) argument_error(types.OverflowError, "Python int too large to convert to C 16-bit unsigned integer");
    auto n = static_cast<std::uint16_t>(v);
    return new_int(kToNetwork ? htons(n) : ntohs(n));
}

Ref<> m_inet_aton(Object*, Args args, void*) {
    check_nargs({"_socket", "inet_aton"}, args, 1, 1);
    if (!is_str(args[0]))
        argument_error(types.TypeError, "inet_aton() argument 1 must be str, not {}", type_name(args[0]));
    in_addr a{};
    if (::inet_aton(str_value(args[0]).c_str(), &a) == 0)
        argument_error(types.OSError, "illegal IP address string passed to inet_aton");
    return new_bytes(std::string(reinterpret_cast<const char*>(&a), sizeof a));
}

Ref<> m_inet_ntoa(Object*, Args args, void*) {
    check_nargs({"_socket", "inet_ntoa"}, args, 1, 1);
    const std::string& packed = data_arg(args[0]);
    if (packed.size() != 4) argument_error(types.OSError, "packed IP wrong length for inet_ntoa");
    in_addr a{};
    std::memcpy(&a, packed.data(), 4);
    return new_str(::inet_ntoa(a));
}

void add_constants(NativeModule& m) {
    // Those of Linux's headers that socket.py, selectors and the programs
    // of the model's reach use; keep_runtime_names drops what the modeled
    // runtime lacks.
    struct Constant {
        const char* name;
        long long value;
    };
    static const Constant kConstants[] = {{"AF_UNSPEC", AF_UNSPEC},
                                          {"AF_UNIX", AF_UNIX},
                                          {"AF_INET", AF_INET},
                                          {"AF_INET6", AF_INET6},
                                          {"SOCK_STREAM", SOCK_STREAM},
                                          {"SOCK_DGRAM", SOCK_DGRAM},
                                          {"SOCK_RAW", SOCK_RAW},
                                          {"SOCK_RDM", SOCK_RDM},
                                          {"SOCK_SEQPACKET", SOCK_SEQPACKET},
                                          {"SOCK_NONBLOCK", SOCK_NONBLOCK},
                                          {"SOCK_CLOEXEC", SOCK_CLOEXEC},
                                          {"SOL_SOCKET", SOL_SOCKET},
                                          {"SOL_IP", SOL_IP},
                                          {"SOL_TCP", SOL_TCP},
                                          {"SOL_UDP", IPPROTO_UDP},
                                          {"SO_ACCEPTCONN", SO_ACCEPTCONN},
                                          {"SO_BROADCAST", SO_BROADCAST},
                                          {"SO_DEBUG", SO_DEBUG},
                                          {"SO_DOMAIN", SO_DOMAIN},
                                          {"SO_DONTROUTE", SO_DONTROUTE},
                                          {"SO_ERROR", SO_ERROR},
                                          {"SO_KEEPALIVE", SO_KEEPALIVE},
                                          {"SO_LINGER", SO_LINGER},
                                          {"SO_OOBINLINE", SO_OOBINLINE},
                                          {"SO_PROTOCOL", SO_PROTOCOL},
                                          {"SO_RCVBUF", SO_RCVBUF},
                                          {"SO_RCVLOWAT", SO_RCVLOWAT},
                                          {"SO_RCVTIMEO", SO_RCVTIMEO},
                                          {"SO_REUSEADDR", SO_REUSEADDR},
                                          {"SO_REUSEPORT", SO_REUSEPORT},
                                          {"SO_SNDBUF", SO_SNDBUF},
                                          {"SO_SNDLOWAT", SO_SNDLOWAT},
                                          {"SO_SNDTIMEO", SO_SNDTIMEO},
                                          {"SO_TYPE", SO_TYPE},
                                          {"SOMAXCONN", SOMAXCONN},
                                          {"SHUT_RD", SHUT_RD},
                                          {"SHUT_WR", SHUT_WR},
                                          {"SHUT_RDWR", SHUT_RDWR},
                                          {"MSG_CTRUNC", MSG_CTRUNC},
                                          {"MSG_DONTROUTE", MSG_DONTROUTE},
                                          {"MSG_DONTWAIT", MSG_DONTWAIT},
                                          {"MSG_EOR", MSG_EOR},
                                          {"MSG_NOSIGNAL", MSG_NOSIGNAL},
                                          {"MSG_OOB", MSG_OOB},
                                          {"MSG_PEEK", MSG_PEEK},
                                          {"MSG_TRUNC", MSG_TRUNC},
                                          {"MSG_WAITALL", MSG_WAITALL},
                                          {"IPPROTO_IP", IPPROTO_IP},
                                          {"IPPROTO_TCP", IPPROTO_TCP},
                                          {"IPPROTO_UDP", IPPROTO_UDP},
                                          {"IPPROTO_IPV6", IPPROTO_IPV6},
                                          {"IPPROTO_ICMP", IPPROTO_ICMP},
                                          {"IPPROTO_RAW", IPPROTO_RAW},
                                          {"TCP_NODELAY", TCP_NODELAY},
                                          {"TCP_KEEPIDLE", TCP_KEEPIDLE},
                                          {"TCP_KEEPINTVL", TCP_KEEPINTVL},
                                          {"TCP_KEEPCNT", TCP_KEEPCNT},
                                          {"INADDR_ANY", INADDR_ANY},
                                          {"INADDR_BROADCAST", INADDR_BROADCAST},
                                          {"INADDR_LOOPBACK", INADDR_LOOPBACK},
                                          {"INADDR_NONE", INADDR_NONE},
                                          {"AI_PASSIVE", AI_PASSIVE},
                                          {"AI_CANONNAME", AI_CANONNAME},
                                          {"AI_NUMERICHOST", AI_NUMERICHOST},
                                          {"AI_NUMERICSERV", AI_NUMERICSERV},
                                          {"AI_ADDRCONFIG", AI_ADDRCONFIG},
                                          {"AI_V4MAPPED", AI_V4MAPPED},
                                          {"AI_ALL", AI_ALL},
                                          {"EAI_AGAIN", EAI_AGAIN},
                                          {"EAI_BADFLAGS", EAI_BADFLAGS},
                                          {"EAI_FAIL", EAI_FAIL},
                                          {"EAI_FAMILY", EAI_FAMILY},
                                          {"EAI_MEMORY", EAI_MEMORY},
                                          {"EAI_NONAME", EAI_NONAME},
                                          {"EAI_SERVICE", EAI_SERVICE},
                                          {"EAI_SOCKTYPE", EAI_SOCKTYPE},
                                          {"NI_NUMERICHOST", NI_NUMERICHOST},
                                          {"NI_NUMERICSERV", NI_NUMERICSERV},
                                          {"NI_NAMEREQD", NI_NAMEREQD},
                                          {"NI_NOFQDN", NI_NOFQDN},
                                          {"NI_DGRAM", NI_DGRAM},
                                          {"NI_MAXHOST", NI_MAXHOST},
                                          {"NI_MAXSERV", NI_MAXSERV}};
    for (const Constant& c : kConstants) m.add(c.name, new_int(c.value).get());
    m.add("has_ipv6", consts.True);
}

TypeObject* make_socket_type() {
    const bool heap = g_socket_heap_type = rt().profile().module_flag("socket.heap_types");
    // A native finalizer that PyPy registers when the socket is made, for
    // socket.py's class too (TF_DEL_AT_CREATION is inherited).
    std::uint32_t flags = TF_BASETYPE | TF_DEL_AT_CREATION | (heap ? TF_GC : 0u);
    TypeObject* t = new_native_type<SocketObject>("_socket", "socket", flags);
    t->tp.new_ = &socket_new;
    t->tp.init = &socket_init;
    t->tp.finalize = &socket_finalize;
    t->tp.repr = &socket_repr;
    add_method(t, "_accept", &s_accept);
    add_method(t, "bind", &s_bind);
    add_method(t, "close", &s_close);
    add_method(t, "connect", &s_connect);
    add_method(t, "connect_ex", &s_connect_ex);
    add_method(t, "detach", &s_detach);
    add_method(t, "fileno", &s_fileno);
    add_method(t, "getblocking", &s_getblocking);
    add_method(t, "getpeername", &s_name<true>);
    add_method(t, "getsockname", &s_name<false>);
    add_method(t, "getsockopt", &s_getsockopt);
    add_method(t, "gettimeout", &s_gettimeout);
    add_method(t, "listen", &s_listen);
    add_method(t, "recv", &s_recv);
    add_method(t, "recv_into", &s_recv_into);
    add_method(t, "send", &s_send);
    add_method(t, "sendall", &s_sendall);
    add_method(t, "setblocking", &s_setblocking);
    add_method(t, "setsockopt", &s_setsockopt);
    add_method(t, "settimeout", &s_settimeout);
    add_method(t, "shutdown", &s_shutdown);
    add_getset(t, "family", &get_family);
    add_getset(t, "type", &get_type);
    add_getset(t, "proto", &get_proto);
    add_getset(t, "timeout", &get_timeout);
    inherit_slots(t);
    add_slot_wrappers(t);
    return t;
}

// An exception class of the module (socket.gaierror, ...), derived from OSError.
TypeObject* new_error_type(const char* name) {
    TypeObject* t = new_builtin_type(name, types.OSError, &LayoutOf<BaseExceptionObject>::ops,
                                     TF_BASETYPE | TF_GC | TF_EXCEPTION_SUBCLASS, "socket");
    inherit_slots(t);
    return t;
}

}  // namespace

Ref<ModuleObject> make_socket_module() {
    rt().manager().on_uncharged("`import _socket`: the profile has no trace of what its init allocates");
    g_default_timeout = -1;
    g_socket_type = make_socket_type();
    g_timeout_type =
        rt().profile().module_flag("socket.timeout_is_timeout_error") ? types.TimeoutError : new_error_type("timeout");
    g_gaierror_type = new_error_type("gaierror");
    g_herror_type = new_error_type("herror");
    NativeModule m("_socket");
    m.add("socket", g_socket_type);
    m.add("SocketType", g_socket_type);
    m.add("error", types.OSError);
    m.add("timeout", g_timeout_type);
    m.add("gaierror", g_gaierror_type);
    m.add("herror", g_herror_type);
    m.add_function("socketpair", &m_socketpair);
    m.add_function("dup", &m_dup);
    m.add_function("close", &m_close);
    m.add_function("getaddrinfo", &m_getaddrinfo);
    m.add_function("gethostname", &m_gethostname);
    m.add_function("getdefaulttimeout", &m_getdefaulttimeout);
    m.add_function("setdefaulttimeout", &m_setdefaulttimeout);
    m.add_function("htons", &m_byte_order<false, true>);
    m.add_function("ntohs", &m_byte_order<false, false>);
    m.add_function("htonl", &m_byte_order<true, true>);
    m.add_function("ntohl", &m_byte_order<true, false>);
    m.add_function("inet_aton", &m_inet_aton);
    m.add_function("inet_ntoa", &m_inet_ntoa);
    for (const char* name : {"gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getprotobyname",
                             "getservbyname", "getservbyport", "sethostname", "inet_pton", "inet_ntop", "if_nameindex",
                             "if_nametoindex", "if_indextoname", "CMSG_LEN", "CMSG_SPACE"})
        m.add_function(name, &s_not_modeled, const_cast<char*>(name));
    add_constants(m);
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
