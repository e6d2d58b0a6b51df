// What _socket (socket.cpp) and select (select.cpp) share: their errors and
// their clock.
#pragma once

#include <cerrno>
#include <cstring>
#include <utility>

#include <time.h>

#include "../api.hpp"

namespace vm::sockets {

// A bad argument's error, in CPython's words; where the runtime words them
// otherwise (PyPy's interp_socket and interp_epoll), the program stops.
template <class... A>
[[noreturn]] void argument_error(TypeObject* type, fmt::format_string<A...> message, A&&... args) {
    if (rt().profile().module_flag("socket.messages_unmodeled"))
        unsupported("the message of a bad argument to _socket or select on this runtime");
    raisef(type, message, std::forward<A>(args)...);
}

// The OSError (of errno's subclass) of a failed system call.
[[noreturn]] inline void raise_errno(int err) {
    Ref<> no = new_int(rt().profile().modeled_errno(err));
    Ref<> msg = new_str(std::strerror(err));
    raise(call(types.OSError, {no.get(), msg.get()}));
}

// Seconds on the monotonic clock, for the deadlines of timeouts.
inline double monotonic_now() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace vm::sockets
