// posix: the operating system's calls as CPython's Modules/posixmodule.c
// gives them, those the import system and the library's modules read
// (stat, listdir, getcwd, fspath, environ, the file descriptors). What it
// does not have stops the program as unsupported by the names check.
#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../api.hpp"
#include "modules.hpp"

extern char** environ;

namespace vm {

namespace {

// os.stat_result: a struct sequence, a tuple of its ten visible fields
// (mode, ino, dev, nlink, uid, gid, size, and the three times as ints)
// with the named ones besides. CPython allocates it as a GC object (it
// counts) that it never tracks.
struct StatResultObject : TupleObject {
    std::vector<Object*> named;  // counted: the fields past the tuple's, in kNamedFields' order
    using TupleObject::TupleObject;
    void traverse(Visitor v) {
        TupleObject::traverse(v);
        for (Object* o : named) v(o);
    }
    void clear() {}
    void release() {
        TupleObject::release();
        std::vector<Object*> old;
        old.swap(named);
        for (Object* o : old) xdecref(o);
    }
};

constexpr const char* kVisibleFields[] = {"st_mode", "st_ino",  "st_dev", "st_nlink", "st_uid",
                                          "st_gid",  "st_size", nullptr,  nullptr,    nullptr};
constexpr const char* kNamedFields[] = {"st_atime",    "st_mtime",   "st_ctime",  "st_atime_ns", "st_mtime_ns",
                                        "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev"};

TypeObject* g_stat_result_type = nullptr;

template <int I> Ref<> visible_field(Object* self) { return share(static_cast<TupleObject*>(self)->items[I]); }
template <int I> Ref<> named_field(Object* self) { return share(static_cast<StatResultObject*>(self)->named[I]); }

Ref<> stat_result_repr(Object* self) {
    auto* s = static_cast<StatResultObject*>(self);
    std::string out = "os.stat_result(";
    const char* names[] = {"st_mode", "st_ino",  "st_dev",   "st_nlink", "st_uid",
                           "st_gid",  "st_size", "st_atime", "st_mtime", "st_ctime"};
    for (std::size_t i = 0; i < s->items.size(); ++i)
        out += fmt::format("{}{}={}", i ? ", " : "", names[i], repr_string(s->items[i]));
    return new_str(out + ")");
}

double seconds(const timespec& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9; }
std::int64_t nanoseconds(const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec; }

// _pystat_fromstructstat: the tuple's fields first, then the named ones.
Ref<> stat_result_of(const struct stat& st) {
    Ref<StatResultObject> r = make_untracked<StatResultObject>(g_stat_result_type);
    for (std::int64_t v :
         {std::int64_t(st.st_mode), std::int64_t(st.st_ino), std::int64_t(st.st_dev), std::int64_t(st.st_nlink),
          std::int64_t(st.st_uid), std::int64_t(st.st_gid), std::int64_t(st.st_size), std::int64_t(st.st_atim.tv_sec),
          std::int64_t(st.st_mtim.tv_sec), std::int64_t(st.st_ctim.tv_sec)})
        r->items.push_back(new_int(v).release());
    for (Ref<> v :
         {new_float(seconds(st.st_atim)), new_float(seconds(st.st_mtim)), new_float(seconds(st.st_ctim)),
          new_int(nanoseconds(st.st_atim)), new_int(nanoseconds(st.st_mtim)), new_int(nanoseconds(st.st_ctim)),
          new_int(st.st_blksize), new_int(st.st_blocks), new_int(static_cast<std::int64_t>(st.st_rdev))})
        r->named.push_back(v.release());
    return r;
}

// An OSError of errno, with the path it was about (OSError's errno subclass).
[[noreturn]] void os_error(Object* path) {
    int err = errno;
    Ref<> no = new_int(rt().profile().modeled_errno(err));
    Ref<> msg = new_str(std::strerror(err));
    if (path) raise(call(types.OSError, {no.get(), msg.get(), path}));
    raise(call(types.OSError, {no.get(), msg.get()}));
}

// A path argument: a str (bytes and file descriptors are not modeled).
const std::string& path_arg(const char* fn, Object* o) {
    if (is_int(o)) unsupported(fmt::format("os.{} of a file descriptor", fn));
    if (o->type == types.bytes) unsupported(fmt::format("os.{} of a bytes path", fn));
    if (!is_str(o))
        raisef(types.TypeError, "{}: path should be string, bytes, os.PathLike or integer, not {}", fn, type_name(o));
    return str_value(o);
}

template <bool kFollow> Ref<> p_stat(Object*, Args args, void*) {
    Object* path = nullptr;
    Object* dir_fd = nullptr;
    Object* follow_symlinks = nullptr;
    const char* fn = kFollow ? "stat" : "lstat";
    parse_args({"posix", fn}, args, {"path", "dir_fd", "follow_symlinks"}, 1, {&path, &dir_fd, &follow_symlinks});
    if ((dir_fd && dir_fd != consts.None) || follow_symlinks) unsupported(fmt::format("os.{}'s keywords", fn));
    const std::string& p = path_arg(fn, path);
    struct stat st;
    if ((kFollow ? ::stat(p.c_str(), &st) : ::lstat(p.c_str(), &st)) != 0) os_error(path);
    return stat_result_of(st);
}

Ref<> p_fstat(Object*, Args args, void*) {
    check_nargs({"posix", "fstat"}, args, 1, 1);
    struct stat st;
    if (::fstat(static_cast<int>(as_index(args[0])), &st) != 0) os_error(nullptr);
    return stat_result_of(st);
}

// listdir(path='.'): the names, in the order the directory gives them.
Ref<> p_listdir(Object*, Args args, void*) {
    Object* path = nullptr;
    parse_args({"posix", "listdir"}, args, {"path"}, 0, {&path});
    Ref<> dot = new_str(".");
    if (!path || path == consts.None) path = dot.get();
    const std::string& p = path_arg("listdir", path);
    DIR* dir = ::opendir(p.c_str());
    if (!dir) os_error(path);
    Ref<ListObject> names = new_list();
    while (dirent* entry = ::readdir(dir)) {
        std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        list_append(names.get(), new_str(std::string(name)).get());
    }
    ::closedir(dir);
    return names;
}

Ref<> p_getcwd(Object*, Args args, void*) {
    check_nargs({"posix", "getcwd"}, args, 0, 0);
    char buf[4096];
    if (!::getcwd(buf, sizeof buf)) os_error(nullptr);
    return new_str(buf);
}

// fspath(path): a str or bytes as it is, else its __fspath__().
Ref<> p_fspath(Object*, Args args, void*) {
    Object* path = nullptr;
    parse_args({"posix", "fspath"}, args, {"path"}, 1, {&path});
    if (is_str(path) || path->type == types.bytes) return share(path);
    static StrObject* const fspath = rt().intern("__fspath__");
    Ref<> method = lookup_special(path, fspath);
    if (!method) raisef(types.TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(path));
    Ref<> result = call(method.get(), {});
    if (!is_str(result.get()) && result->type != types.bytes)
        raisef(types.TypeError, "expected {}.__fspath__() to return str or bytes, not {}", type_name(path),
               type_name(result.get()));
    return result;
}

Ref<> p_getpid(Object*, Args args, void*) {
    check_nargs({"posix", "getpid"}, args, 0, 0);
    return new_int(::getpid());
}

Ref<> p_open(Object*, Args args, void*) {
    Object* path = nullptr;
    Object* flags = nullptr;
    Object* mode = nullptr;
    Object* dir_fd = nullptr;
    parse_args({"posix", "open"}, args, {"path", "flags", "mode", "dir_fd"}, 2, {&path, &flags, &mode, &dir_fd});
    if (dir_fd && dir_fd != consts.None) unsupported("os.open's dir_fd");
    int fd = ::open(path_arg("open", path).c_str(), static_cast<int>(as_index(flags)) | O_CLOEXEC,
                    mode ? static_cast<mode_t>(as_index(mode)) : 0777);
    if (fd < 0) os_error(path);
    return new_int(fd);
}

Ref<> p_close(Object*, Args args, void*) {
    check_nargs({"posix", "close"}, args, 1, 1);
    if (::close(static_cast<int>(as_index(args[0]))) != 0) os_error(nullptr);
    return new_none();
}

Ref<> p_dup(Object*, Args args, void*) {
    check_nargs({"posix", "dup"}, args, 1, 1);
    int fd = ::dup(static_cast<int>(as_index(args[0])));
    if (fd < 0) os_error(nullptr);
    return new_int(fd);
}

Ref<> p_dup2(Object*, Args args, void*) {
    check_nargs({"posix", "dup2"}, args, 2, 3);
    int fd = ::dup2(static_cast<int>(as_index(args[0])), static_cast<int>(as_index(args[1])));
    if (fd < 0) os_error(nullptr);
    return new_int(fd);
}

Ref<> p_unlink(Object*, Args args, void*) {
    Object* path = nullptr;
    parse_args({"posix", "unlink"}, args, {"path"}, 1, {&path});
    if (::unlink(path_arg("unlink", path).c_str()) != 0) os_error(path);
    return new_none();
}

Ref<> p_strerror(Object*, Args args, void*) {
    check_nargs({"posix", "strerror"}, args, 1, 1);
    return new_str(std::strerror(static_cast<int>(as_index(args[0]))));
}

Ref<> p_not_modeled(Object*, Args, void* name) { unsupported(std::string("os.") + static_cast<const char*>(name)); }

// environ: the process's variables, bytes to bytes (os.py makes os.environ of it).
Ref<DictObject> environ_dict() {
    Ref<DictObject> d = new_dict();
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text = *entry;
        std::size_t eq = text.find('=', 1);
        if (eq == std::string_view::npos) continue;
        Ref<> key = new_bytes(std::string(text.substr(0, eq)));
        if (dict_get(d.get(), key.get())) continue;  // the first of a name wins, as in CPython
        dict_set(d.get(), key.get(), new_bytes(std::string(text.substr(eq + 1))).get());
    }
    return d;
}

TypeObject* make_stat_result_type() {
    TypeObject* t =
        new_builtin_type("stat_result", types.tuple, &LayoutOf<StatResultObject>::ops, TF_GC | TF_TUPLE_SUBCLASS, "os");
    inherit_slots(t);
    t->tp.repr = &stat_result_repr;
    t->tp.new_ = nullptr;
    add_getset(t, "st_mode", &visible_field<0>);
    add_getset(t, "st_ino", &visible_field<1>);
    add_getset(t, "st_dev", &visible_field<2>);
    add_getset(t, "st_nlink", &visible_field<3>);
    add_getset(t, "st_uid", &visible_field<4>);
    add_getset(t, "st_gid", &visible_field<5>);
    add_getset(t, "st_size", &visible_field<6>);
    add_getset(t, "st_atime", &named_field<0>);
    add_getset(t, "st_mtime", &named_field<1>);
    add_getset(t, "st_ctime", &named_field<2>);
    add_getset(t, "st_atime_ns", &named_field<3>);
    add_getset(t, "st_mtime_ns", &named_field<4>);
    add_getset(t, "st_ctime_ns", &named_field<5>);
    add_getset(t, "st_blksize", &named_field<6>);
    add_getset(t, "st_blocks", &named_field<7>);
    add_getset(t, "st_rdev", &named_field<8>);
    add_value(t, "n_sequence_fields", new_int(10).get());
    add_value(t, "n_fields", new_int(19).get());
    add_value(t, "n_unnamed_fields", new_int(3).get());
    return t;
}

}  // namespace

Ref<ModuleObject> make_posix_module() {
    g_stat_result_type = make_stat_result_type();
    NativeModule m("posix");
    m.add_function("stat", &p_stat<true>);
    m.add_function("lstat", &p_stat<false>);
    m.add_function("fstat", &p_fstat);
    m.add_function("listdir", &p_listdir);
    m.add_function("getcwd", &p_getcwd);
    m.add_function("fspath", &p_fspath);
    m.add_function("getpid", &p_getpid);
    m.add_function("open", &p_open);
    m.add_function("close", &p_close);
    m.add_function("dup", &p_dup);
    m.add_function("dup2", &p_dup2);
    m.add_function("unlink", &p_unlink);
    m.add_function("remove", &p_unlink);
    m.add_function("strerror", &p_strerror);
    for (const char* name : {"mkdir", "rmdir", "replace", "rename", "urandom", "_exit", "write", "read", "scandir",
                             "chmod", "utime", "putenv", "unsetenv", "kill", "fork", "waitpid", "system"})
        m.add_function(name, &p_not_modeled, const_cast<char*>(name));
    for (auto [name, value] : {std::pair{"O_RDONLY", O_RDONLY},
                               {"O_WRONLY", O_WRONLY},
                               {"O_RDWR", O_RDWR},
                               {"O_CREAT", O_CREAT},
                               {"O_EXCL", O_EXCL},
                               {"O_TRUNC", O_TRUNC},
                               {"O_APPEND", O_APPEND},
                               {"O_CLOEXEC", O_CLOEXEC}})
        m.add(name, new_int(value).get());
    m.add("stat_result", g_stat_result_type);
    m.add("error", types.OSError);
    m.add("environ", environ_dict().get());
    return m.take();
}

}  // namespace vm
