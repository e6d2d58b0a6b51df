// The os module and os.path: what memory tests use of them.
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../api.hpp"
#include "modules.hpp"

namespace vm {

namespace {

const std::string& path_arg(const char* fn, Object* o) {
    if (!is_str(o))
        raisef(types.TypeError, "{}: path should be string, bytes or os.PathLike, not {}", fn, type_name(o));
    return str_value(o);
}

[[noreturn]] void os_error(Object* path) {
    int err = errno;
    TypeObject* t = err == ENOENT                     ? types.FileNotFoundError
                    : err == EISDIR                   ? types.IsADirectoryError
                    : (err == EACCES || err == EPERM) ? types.PermissionError
                                                      : types.OSError;
    Ref<> no = new_int(rt().profile().modeled_errno(err));
    Ref<> msg = new_str(std::strerror(err));
    raise(call(t, {no.get(), msg.get(), path}));
}

Ref<> o_remove(Object*, Args args, void*) {
    Object* path = nullptr;
    parse_args("os.remove", args, {"path"}, 1, {&path});
    if (::unlink(path_arg("remove", path).c_str()) != 0) os_error(path);
    return new_none();
}

Ref<> o_getcwd(Object*, Args args, void*) {
    check_nargs("os.getcwd", args, 0, 0);
    char buf[4096];
    if (!::getcwd(buf, sizeof buf)) raise(types.OSError, std::strerror(errno));
    return new_str(buf);
}

Ref<> o_getpid(Object*, Args args, void*) {
    check_nargs("os.getpid", args, 0, 0);
    return new_int(::getpid());
}

// File descriptors, as os.open, os.dup, os.dup2 and os.close: what a case
// needs to send the C stderr to a file.
Ref<> o_open(Object*, Args args, void*) {
    Object* path = nullptr;
    Object* flags = nullptr;
    Object* mode = nullptr;
    parse_args("open", args, {"path", "flags", "mode"}, 2, {&path, &flags, &mode});
    int fd = ::open(path_arg("open", path).c_str(), static_cast<int>(as_index(flags)),
                    mode ? static_cast<mode_t>(as_index(mode)) : 0777);
    if (fd < 0) os_error(path);
    return new_int(fd);
}

Ref<> o_dup(Object*, Args args, void*) {
    check_nargs("os.dup", args, 1, 1);
    int fd = ::dup(static_cast<int>(as_index(args[0])));
    if (fd < 0) os_error(consts.None);
    return new_int(fd);
}

Ref<> o_dup2(Object*, Args args, void*) {
    check_nargs("os.dup2", args, 2, 2);
    int fd = ::dup2(static_cast<int>(as_index(args[0])), static_cast<int>(as_index(args[1])));
    if (fd < 0) os_error(consts.None);
    return new_int(fd);
}

Ref<> o_close(Object*, Args args, void*) {
    check_nargs("os.close", args, 1, 1);
    if (::close(static_cast<int>(as_index(args[0]))) != 0) os_error(consts.None);
    return new_none();
}

// genericpath's exists, isfile and isdir: os.stat(path), whose result (a
// stat_result, a container) or error (an OSError, with its arguments'
// tuple) they drop; a path that is not a str is a TypeError, not False.
// To 3.10 the first call makes the frame its code keeps (Runtime::library_call).
// (The traceback object the error makes is left out.)
template <int kKind>  // 0 exists, 1 isfile, 2 isdir
Ref<> p_test(Object*, Args args, void*) {
    check_nargs({"os.path", kKind == 0 ? "exists" : kKind == 1 ? "isfile" : "isdir"}, args, 1, 1);
    rt().library_call(kKind == 0   ? "genericpath.py:16:exists"
                      : kKind == 1 ? "genericpath.py:27:isfile"
                                   : "genericpath.py:39:isdir");
    if (is_int(args[0])) unsupported("os.stat of a file descriptor");
    if (!is_str(args[0]))
        raisef(types.TypeError, "stat: path should be string, bytes, os.PathLike or integer, not {}",
               type_name(args[0]));
    const std::string& path = str_value(args[0]);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
        try {
            os_error(args[0]);
        } catch (const PyException&) {
            if (!exception_is(rt().thread().curexc, types.OSError)) throw;
            Ref<> error = take_exception();
            tuple_of({types.OSError, types.ValueError});  // `except (OSError, ValueError):` builds it
        }
        return new_bool(false);
    }
    make<Atom>(types.stat_result);
    if (kKind == 1) return new_bool(S_ISREG(st.st_mode));
    if (kKind == 2) return new_bool(S_ISDIR(st.st_mode));
    return new_bool(true);
}

Ref<> p_join(Object*, Args args, void*) {
    check_nargs("os.path.join", args, 1, SIZE_MAX);
    std::string out = path_arg("join", args[0]);
    for (std::size_t i = 1; i < args.nargs; ++i) {
        const std::string& p = path_arg("join", args[i]);
        if (!p.empty() && p[0] == '/') out = p;
        else if (out.empty() || out.back() == '/') out += p;
        else out += "/" + p;
    }
    return new_str(out);
}

Ref<> p_basename(Object*, Args args, void*) {
    check_nargs("os.path.basename", args, 1, 1);
    const std::string& p = path_arg("basename", args[0]);
    return new_str(p.substr(p.rfind('/') + 1));
}

Ref<> p_dirname(Object*, Args args, void*) {
    check_nargs("os.path.dirname", args, 1, 1);
    const std::string& p = path_arg("dirname", args[0]);
    std::size_t i = p.rfind('/');
    if (i == std::string::npos) return new_str("");
    std::string head = p.substr(0, i + 1);
    while (head.size() > 1 && head.back() == '/') head.pop_back();
    return new_str(head);
}

}  // namespace

Ref<ModuleObject> make_os_path_module() {
    NativeModule m("posixpath");
    m.add_function("exists", &p_test<0>);
    m.add_function("isfile", &p_test<1>);
    m.add_function("isdir", &p_test<2>);
    m.add_function("join", &p_join);
    m.add_function("basename", &p_basename);
    m.add_function("dirname", &p_dirname);
    m.add("sep", new_str("/").get());
    return m.take();
}

Ref<ModuleObject> make_os_module() {
    NativeModule m("os");
    m.add_function("remove", &o_remove);
    m.add_function("unlink", &o_remove);
    m.add_function("getcwd", &o_getcwd);
    m.add_function("getpid", &o_getpid);
    m.add_function("open", &o_open);
    m.add_function("dup", &o_dup);
    m.add_function("dup2", &o_dup2);
    m.add_function("close", &o_close);
    for (auto [name, value] : {std::pair{"O_RDONLY", O_RDONLY},
                               {"O_WRONLY", O_WRONLY},
                               {"O_RDWR", O_RDWR},
                               {"O_CREAT", O_CREAT},
                               {"O_TRUNC", O_TRUNC},
                               {"O_APPEND", O_APPEND}})
        m.add(name, new_int(value).get());
    m.add("sep", new_str("/").get());
    m.add("name", new_str("posix").get());
    m.add("error", types.OSError);  // the old name of OSError
    return m.take();
}

}  // namespace vm
