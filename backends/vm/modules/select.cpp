// select: select() and epoll, as CPython's Modules/selectmodule.c gives
// them to selectors and to programs (selectors.DefaultSelector is the
// EpollSelector on Linux). poll() and devpoll are names the model has but
// does not model: using one stops the program.
#include <cerrno>
#include <cmath>
#include <cstring>

#include <poll.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "modules.hpp"
#include "native_type.hpp"
#include "socket_common.hpp"

namespace vm {

namespace {

using sockets::argument_error;
using sockets::monotonic_now;
using sockets::raise_errno;

// PyObject_AsFileDescriptor: an int, or what the object's fileno() returns.
int file_descriptor(Object* o) {
    std::int64_t fd;
    if (is_int(o)) {
        fd = int_value(o);
    } else {
        static StrObject* const fileno = rt().intern("fileno");
        Ref<> method = lookup_attr(o, fileno);
        if (!method) argument_error(types.TypeError, "argument must be an int, or have a fileno() method.");
        Ref<> result = call(method.get(), {});
        if (!is_int(result.get())) argument_error(types.TypeError, "fileno() returned a non-integer");
        fd = int_value(result.get());
    }
    if (fd < 0) argument_error(types.ValueError, "file descriptor cannot be a negative integer ({})", fd);
    return static_cast<int>(fd);
}

// A timeout in seconds as poll's milliseconds (rounded up); None, or a
// negative one where it means none (epoll's poll): -1.
int timeout_ms(Object* timeout, bool negative_is_none) {
    if (!timeout || timeout == consts.None) return -1;
    double t;
    if (is_float(timeout)) t = static_cast<FloatObject*>(timeout)->value;
    else if (is_int(timeout)) t = static_cast<double>(int_value(timeout));
    else argument_error(types.TypeError, "timeout must be a float or None");
    if (std::isnan(t)) argument_error(types.ValueError, "Invalid value NaN (not a number)");
    if (t < 0) {
        if (negative_is_none) return -1;
        argument_error(types.ValueError, "timeout must be non-negative");
    }
    return static_cast<int>(std::ceil(t * 1000));
}

// poll(2) until it answers, a signal's EINTR waiting again for what is left.
int poll_for(std::vector<pollfd>& fds, int ms) {
    const double deadline = ms < 0 ? 0 : monotonic_now() + ms / 1000.0;
    for (;;) {
        int n = ::poll(fds.data(), fds.size(), ms);
        if (n >= 0) return n;
        if (errno != EINTR) raise_errno(errno);
        if (ms >= 0) ms = std::max(0, static_cast<int>(std::ceil((deadline - monotonic_now()) * 1000)));
    }
}

// select(rlist, wlist, xlist[, timeout]): three lists of the objects ready,
// in the order given. (poll(2) stands for select(2): readable is also a
// hang-up or an error, as select reports them.)
Ref<> m_select(Object*, Args args, void*) {
    check_nargs({"select", "select"}, args, 3, 4);
    int ms = timeout_ms(args.nargs > 3 ? args[3] : nullptr, false);
    std::vector<Ref<ListObject>> given;
    std::vector<pollfd> fds;
    const short kEvents[] = {POLLIN, POLLOUT, POLLPRI};
    std::vector<std::size_t> firsts;
    for (int i = 0; i < 3; ++i) {
        given.push_back(list_from_iterable(args[i]));
        firsts.push_back(fds.size());
        for (Object* o : given.back()->items) fds.push_back({file_descriptor(o), kEvents[i], 0});
    }
    poll_for(fds, ms);
    std::vector<Ref<ListObject>> ready;
    for (int i = 0; i < 3; ++i) {
        ready.push_back(new_list());
        const short wanted = i == 0 ? POLLIN | POLLHUP | POLLERR : i == 1 ? POLLOUT | POLLERR : POLLPRI;
        for (std::size_t j = 0; j < given[i]->items.size(); ++j) {
            const pollfd& p = fds[firsts[i] + j];
            if (p.revents & POLLNVAL) raise_errno(EBADF);
            if (p.revents & wanted) list_append(ready[i].get(), given[i]->items[j]);
        }
    }
    return tuple_of({ready[0].get(), ready[1].get(), ready[2].get()});
}

// ---- epoll --------------------------------------------------------------------------------------

struct EpollObject : Atom {
    int fd = -1;
    explicit EpollObject(TypeObject* t) : Atom(t) {}
    // pyepoll_dealloc closes the descriptor (no warning), as PyPy's does.
    void release() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

TypeObject* g_epoll_type = nullptr;

EpollObject* as_epoll(Object* o) { return static_cast<EpollObject*>(o); }

CallKey method_key(const char* name) { return {"select.epoll", name}; }

EpollObject* open_epoll(Object* self) {
    EpollObject* e = as_epoll(self);
    if (e->fd < 0) argument_error(types.ValueError, "I/O operation on closed epoll object");
    return e;
}

// epoll(sizehint=-1, flags=0)
Ref<> epoll_new(TypeObject* type, Args args) {
    Object *sizehint = nullptr, *flags = nullptr;
    parse_args({"select", "epoll"}, args, {"sizehint", "flags"}, 0, {&sizehint, &flags});
    if (sizehint && sizehint != consts.None) {
        std::int64_t hint = as_index(sizehint);
        if (hint == 0 || hint < -1) argument_error(types.ValueError, "negative sizehint");
    }
    Ref<EpollObject> e = new_native_instance<EpollObject>(type, g_epoll_type, false);
    e->fd = ::epoll_create1(EPOLL_CLOEXEC);
    if (e->fd < 0) raise_errno(errno);
    return e;
}

void control(Object* self, int op, Object* target, std::uint32_t events) {
    EpollObject* e = open_epoll(self);
    int fd = file_descriptor(target);
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    if (::epoll_ctl(e->fd, op, fd, &ev) != 0) raise_errno(errno);
}

Ref<> e_register(Object* self, Args args, void*) {
    Object *fd = nullptr, *mask = nullptr;
    parse_args(method_key("register"), args, {"fd", "eventmask"}, 1, {&fd, &mask});
    std::uint32_t events = mask ? static_cast<std::uint32_t>(as_index(mask)) : EPOLLIN | EPOLLPRI | EPOLLOUT;
    control(self, EPOLL_CTL_ADD, fd, events);
    return new_none();
}

Ref<> e_modify(Object* self, Args args, void*) {
    Object *fd = nullptr, *mask = nullptr;
    parse_args(method_key("modify"), args, {"fd", "eventmask"}, 2, {&fd, &mask});
    control(self, EPOLL_CTL_MOD, fd, static_cast<std::uint32_t>(as_index(mask)));
    return new_none();
}

Ref<> e_unregister(Object* self, Args args, void*) {
    Object* fd = nullptr;
    parse_args(method_key("unregister"), args, {"fd"}, 1, {&fd});
    control(self, EPOLL_CTL_DEL, fd, 0);
    return new_none();
}

// poll(timeout=None, maxevents=-1): a list of (fd, events).
Ref<> e_poll(Object* self, Args args, void*) {
    Object *timeout = nullptr, *maxevents = nullptr;
    parse_args(method_key("poll"), args, {"timeout", "maxevents"}, 0, {&timeout, &maxevents});
    EpollObject* e = open_epoll(self);
    int ms = timeout_ms(timeout, true);
    std::int64_t most = maxevents && maxevents != consts.None ? as_index(maxevents) : -1;
    if (most == -1) most = FD_SETSIZE - 1;
    else if (most < 1) argument_error(types.ValueError, "maxevents must be greater than 0, got {}", most);
    std::vector<epoll_event> events(static_cast<std::size_t>(most));
    const double deadline = ms < 0 ? 0 : monotonic_now() + ms / 1000.0;
    int n;
    for (;;) {
        n = ::epoll_wait(e->fd, events.data(), static_cast<int>(most), ms);
        if (n >= 0) break;
        if (errno != EINTR) raise_errno(errno);
        if (ms >= 0) ms = std::max(0, static_cast<int>(std::ceil((deadline - monotonic_now()) * 1000)));
    }
    Ref<ListObject> out = new_list();
    for (int i = 0; i < n; ++i) {
        Ref<> fd = new_int(events[i].data.fd), mask = new_int(events[i].events);
        list_append(out.get(), tuple_of({fd.get(), mask.get()}).get());
    }
    return out;
}

Ref<> e_close(Object* self, Args args, void*) {
    check_nargs(method_key("close"), args, 0, 0);
    as_epoll(self)->release();
    return new_none();
}

Ref<> e_fileno(Object* self, Args args, void*) {
    check_nargs(method_key("fileno"), args, 0, 0);
    return new_int(open_epoll(self)->fd);
}

Ref<> e_enter(Object* self, Args args, void*) {
    check_nargs(method_key("__enter__"), args, 0, 0);
    open_epoll(self);
    return share(self);
}

Ref<> e_exit(Object* self, Args, void*) {
    as_epoll(self)->release();
    return new_none();
}

Ref<> e_closed(Object* self) { return new_bool(as_epoll(self)->fd < 0); }

Ref<> m_not_modeled(Object*, Args, void* name) {
    unsupported(std::string("select.") + static_cast<const char*>(name) + ", which pymodel does not model");
}

}  // namespace

Ref<ModuleObject> make_select_module() {
    rt().manager().on_uncharged("`import select`: the profile has no trace of what its init allocates");
    g_epoll_type = new_native_type<EpollObject>("select", "epoll", TF_BASETYPE);
    g_epoll_type->tp.new_ = &epoll_new;
    add_method(g_epoll_type, "register", &e_register);
    add_method(g_epoll_type, "modify", &e_modify);
    add_method(g_epoll_type, "unregister", &e_unregister);
    add_method(g_epoll_type, "poll", &e_poll);
    add_method(g_epoll_type, "close", &e_close);
    add_method(g_epoll_type, "fileno", &e_fileno);
    add_method(g_epoll_type, "__enter__", &e_enter);
    add_method(g_epoll_type, "__exit__", &e_exit);
    add_getset(g_epoll_type, "closed", &e_closed);
    inherit_slots(g_epoll_type);
    add_slot_wrappers(g_epoll_type);
    NativeModule m("select");
    m.add_function("select", &m_select);
    m.add_function("poll", &m_not_modeled, const_cast<char*>("poll"));
    m.add("epoll", g_epoll_type);
    m.add("error", types.OSError);
    struct Constant {
        const char* name;
        long long value;
    };
    static const Constant kConstants[] = {{"EPOLLIN", EPOLLIN},
                                          {"EPOLLOUT", EPOLLOUT},
                                          {"EPOLLPRI", EPOLLPRI},
                                          {"EPOLLERR", EPOLLERR},
                                          {"EPOLLHUP", EPOLLHUP},
                                          {"EPOLLET", EPOLLET},
                                          {"EPOLLONESHOT", EPOLLONESHOT},
                                          {"EPOLLEXCLUSIVE", EPOLLEXCLUSIVE},
                                          {"EPOLLRDHUP", EPOLLRDHUP},
                                          {"EPOLLRDNORM", EPOLLRDNORM},
                                          {"EPOLLRDBAND", EPOLLRDBAND},
                                          {"EPOLLWRNORM", EPOLLWRNORM},
                                          {"EPOLLWRBAND", EPOLLWRBAND},
                                          {"EPOLLMSG", EPOLLMSG},
                                          {"EPOLL_CLOEXEC", EPOLL_CLOEXEC},
                                          {"POLLIN", POLLIN},
                                          {"POLLOUT", POLLOUT},
                                          {"POLLPRI", POLLPRI},
                                          {"POLLERR", POLLERR},
                                          {"POLLHUP", POLLHUP},
                                          {"POLLNVAL", POLLNVAL},
                                          {"POLLRDNORM", POLLRDNORM},
                                          {"POLLRDBAND", POLLRDBAND},
                                          {"POLLWRNORM", POLLWRNORM},
                                          {"POLLWRBAND", POLLWRBAND},
                                          {"POLLMSG", POLLMSG},
                                          {"POLLRDHUP", POLLRDHUP},
                                          {"PIPE_BUF", PIPE_BUF}};
    for (const Constant& c : kConstants) m.add(c.name, new_int(c.value).get());
    m.keep_runtime_names();
    return m.take();
}

}  // namespace vm
