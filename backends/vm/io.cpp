// The io stack (FileIO, BufferedWriter/BufferedReader, TextIOWrapper) and
// open(), modeled on CPython 3.11's _io: the same layers, the same
// buffering thresholds, the same finalizer (close if not closed).
#include "io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.hpp"
#include "exception.hpp"
#include "explain.hpp"
#include "manager_api.hpp"
#include "recursion.hpp"
#include "runtime.hpp"

namespace vm {

namespace {

constexpr std::size_t kTextChunkSize = 8192;  // TextIOWrapper's _CHUNK_SIZE
constexpr std::size_t kDefaultBufferSize = 8192;  // io.kDefaultBufferSize

TypeObject* unsupported_operation = nullptr;  // io.UnsupportedOperation

FileIOObject* as_raw(Object* o) { return static_cast<FileIOObject*>(o); }
BufferedObject* as_buf(Object* o) { return static_cast<BufferedObject*>(o); }
TextIOObject* as_text(Object* o) { return static_cast<TextIOObject*>(o); }
IOBaseObject* as_io(Object* o) { return static_cast<IOBaseObject*>(o); }

[[noreturn]] void closed_file() { raise_message(types.ValueError, "closed_file", "I/O operation on closed file."); }

[[noreturn]] void os_error(int err, Object* filename) {
    TypeObject* t = err == ENOENT                     ? types.FileNotFoundError
                    : err == EEXIST                   ? types.FileExistsError
                    : err == EISDIR                   ? types.IsADirectoryError
                    : err == ENOTDIR                  ? types.NotADirectoryError
                    : (err == EACCES || err == EPERM) ? types.PermissionError
                                                      : types.OSError;
    Ref<> no = new_int(rt().profile().modeled_errno(err));
    Ref<> msg = new_str(std::strerror(err));
    Ref<> exc = filename ? call(t, {no.get(), msg.get(), filename}) : call(t, {no.get(), msg.get()});
    raise(std::move(exc));
}

bool is_raw(Object* o) { return o->type == types.file_io; }
bool is_buffered(Object* o) { return o->type == types.buffered_writer || o->type == types.buffered_reader; }

// ---- FileIO -------------------------------------------------------------------------------------

bool raw_closed(FileIOObject* f) { return f->fd < 0; }

void raw_write_all(FileIOObject* f, std::string_view data) {
    if (raw_closed(f)) closed_file();
    if (!f->writable) raise(unsupported_operation, "File not open for writing");
    if (g_explain) g_explain->file_flushed(f, data.size());
    while (!data.empty()) {
        ssize_t n = ::write(f->fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            os_error(errno, nullptr);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Reads up to `n` bytes (all that is left when n < 0).
std::string raw_read(FileIOObject* f, std::int64_t n) {
    if (raw_closed(f)) closed_file();
    if (!f->readable) raise(unsupported_operation, "File not open for reading");
    std::string out;
    char buf[65536];
    while (n < 0 || static_cast<std::int64_t>(out.size()) < n) {
        std::size_t want = n < 0 ? sizeof buf : std::min<std::size_t>(sizeof buf, n - out.size());
        ssize_t got = ::read(f->fd, buf, want);
        if (got < 0) {
            if (errno == EINTR) continue;
            os_error(errno, nullptr);
        }
        if (got == 0) break;
        out.append(buf, static_cast<std::size_t>(got));
        if (n >= 0) break;
    }
    return out;
}

void raw_close(FileIOObject* f) {
    if (f->fd >= 0) {
        if (g_explain) g_explain->file_closed(f);
        int fd = f->fd;
        f->fd = -1;
        if (f->closefd) ::close(fd);
        f->closed_by_close = true;
    }
}

// ---- Buffered -----------------------------------------------------------------------------------

bool buffered_closed(BufferedObject* b);

void raw_layer_write(Object* raw, std::string_view data) {
    if (is_raw(raw)) raw_write_all(as_raw(raw), data);
    else call_method(raw, ids.write, {new_str(std::string(data)).get()});
}

// The memoryview C's buffered layer hands the raw layer over its buffer
// (PyMemoryView_FromBuffer): a managed buffer and the view, both
// containers, alive for this scope. With the Python _pyio (no io.c_open)
// there is none.
struct BufferView {
    const bool made = rt().profile().io_c_open;
    BufferView() {
        if (!made) return;
        rt().manager().on_runtime_allocate(Container::Other, 0);
        rt().manager().on_runtime_allocate(Container::Other, 0);
    }
    ~BufferView() {
        if (!made) return;
        rt().manager().on_runtime_free(Container::Other, 0);
        rt().manager().on_runtime_free(Container::Other, 0);
    }
    BufferView(const BufferView&) = delete;
    BufferView& operator=(const BufferView&) = delete;
};

// _bufferedwriter_raw_write hands raw.write a view of the bytes, dropped
// once it returns: gen 0's count is two higher for a moment, so an
// automatic collection may fall inside a flush (a `with` block's __exit__
// at 699). A text layer straight over a raw file (sys.stdout as -u makes
// it) writes bytes: no view.
void buffered_raw_write(BufferedObject* b, std::string_view data) {
    BufferView view;
    raw_layer_write(b->raw, data);
}

void buffer_flush(BufferedObject* b) {
    if (b->wbuf.empty()) return;
    std::string data;
    data.swap(b->wbuf);
    buffered_raw_write(b, data);
}

// bufferedwriter_write: data that fits stays in the buffer; otherwise the
// buffer is flushed and the data goes to the raw file, but for a tail that
// fits in the buffer.
void buffer_write(BufferedObject* b, std::string_view data) {
    if (buffered_closed(b)) raise(types.ValueError, "write to closed file");
    if (b->type != types.buffered_writer) raise(unsupported_operation, "write");
    if (data.size() <= b->buffer_size - b->wbuf.size()) {
        b->wbuf.append(data);
        return;
    }
    buffer_flush(b);
    std::size_t written = 0;
    while (data.size() - written > b->buffer_size) {
        buffered_raw_write(b, data.substr(written));
        written = data.size();
    }
    b->wbuf.append(data.substr(written));
}

bool buffered_closed(BufferedObject* b) {
    if (is_raw(b->raw)) return raw_closed(as_raw(b->raw));
    return truthy(getattr(b->raw, ids.closed).get());
}

std::string buffer_read(BufferedObject* b, std::int64_t n) {
    if (buffered_closed(b)) closed_file();
    std::string out = b->rbuf.substr(b->rpos);
    b->rbuf.clear();
    b->rpos = 0;
    if (n >= 0 && static_cast<std::int64_t>(out.size()) >= n) {
        b->rbuf = out.substr(n);
        out.resize(n);
        return out;
    }
    if (rt().profile().io_c_open && n < 0) {
        // _bufferedreader_read_all looks up raw.readall, a bound method
        // made and dropped (3.8's keeps it on its free list), and calls it.
        lookup_attr(b->raw, ids.readall);
    } else {
        // _bufferedreader_raw_read hands raw.readinto a view of the buffer,
        // made and dropped.
        BufferView view;
    }
    out += raw_read(as_raw(b->raw), n < 0 ? -1 : n - static_cast<std::int64_t>(out.size()));
    return out;
}

// close() of a layer: flush, then close the layer below even if the flush
// failed, then report the flush's error.
template <class Flush, class CloseBelow>
void flush_then_close(IOBaseObject* self, Flush flush, CloseBelow close_below) {
    Ref<> failure;
    try {
        flush();
    } catch (const PyException&) {
        failure = take_exception();
    }
    close_below();
    if (failure) reraise(std::move(failure));
    self->closed_by_close = true;
}

void buffer_close(BufferedObject* b) {
    if (buffered_closed(b)) return;
    flush_then_close(
        b, [b] { buffer_flush(b); },
        [b] {
            if (is_raw(b->raw)) raw_close(as_raw(b->raw));
            else call_method(b->raw, ids.close, {});
        });
}

// ---- TextIOWrapper ------------------------------------------------------------------------------

bool text_closed(TextIOObject* t) {
    if (is_buffered(t->buffer)) return buffered_closed(as_buf(t->buffer));
    if (is_raw(t->buffer)) return raw_closed(as_raw(t->buffer));
    return truthy(getattr(t->buffer, ids.closed).get());
}

void buffer_layer_write(Object* buffer, std::string_view data) {
    if (is_buffered(buffer)) buffer_write(as_buf(buffer), data);
    else raw_layer_write(buffer, data);
}

void buffer_layer_flush(Object* buffer) {
    if (is_buffered(buffer)) buffer_flush(as_buf(buffer));
    else if (!is_raw(buffer)) call_method(buffer, ids.flush, {});
}

// _textiowrapper_writeflush: the pending text goes to the buffer.
// The list of pending pieces is freed once they are joined, before the write.
void text_writeflush(TextIOObject* t) {
    if (!t->pending_pieces) return;
    std::string data;
    data.swap(t->pending);
    t->pending_pieces = 0;
    Object* list = t->pending_list;
    t->pending_list = nullptr;
    xdecref(list);
    buffer_layer_write(t->buffer, data);
}

std::size_t text_write(TextIOObject* t, Object* s) {
    if (text_closed(t)) closed_file();
    if (!is_str(s)) raisef(types.TypeError, "write() argument must be str, not {}", type_name(s));
    if (t->mode.find_first_of("wax+") == std::string::npos) raise(unsupported_operation, "not writable");
    const std::string& text = str_value(s);
    require_no_surrogates(text, "writing to a text file");
    bool haslf = t->line_buffering && text.find_first_of("\n\r") != std::string::npos;
    // No more than a chunk is joined: what is pending goes first.
    if (t->pending.size() + text.size() > kTextChunkSize) text_writeflush(t);
    // CPython keeps one pending piece as it is, and two or more in a list
    // (PyList_New(2), then appends).
    if (++t->pending_pieces == 2 && rt().profile().io_c_open) t->pending_list = new_list().release();
    t->pending += text;
    if (t->pending.size() >= kTextChunkSize || haslf || t->write_through) text_writeflush(t);
    if (haslf) buffer_layer_flush(t->buffer);
    return static_cast<StrObject*>(s)->length;
}

}  // namespace

// Later versions than 3.8 call the methods without a bound object.
Ref<> c_bound_method(Object* self, StrObject* name) {
    return rt().profile().io_c_method_calls_bind ? getattr(self, name) : nullptr;
}

namespace {

void text_flush(TextIOObject* t) {
    if (text_closed(t)) closed_file();
    text_writeflush(t);
    Ref<> bound = c_bound_method(t->buffer, ids.flush);
    buffer_layer_flush(t->buffer);
}

void text_close(TextIOObject* t) {
    if (text_closed(t)) return;
    flush_then_close(
        t,
        [t] {
            Ref<> bound = c_bound_method(t, ids.flush);
            text_flush(t);
        },
        [t] {
            Ref<> bound = c_bound_method(t->buffer, ids.close);
            if (is_buffered(t->buffer)) buffer_close(as_buf(t->buffer));
            else if (is_raw(t->buffer)) raw_close(as_raw(t->buffer));
            else call_method(t->buffer, ids.close, {});
        });
}

void check_readable(TextIOObject* t) {
    if (text_closed(t)) closed_file();
    if (t->mode.find_first_of("r+") == std::string::npos) raise(unsupported_operation, "not readable");
}

// The bytes read are decoded by the codec's decoder, whose decode is Python
// code (codecs.BufferedIncrementalDecoder's), also at the end of the file:
// its frame (Runtime::library_call), then the (result, consumed) tuple of
// the C decoder it calls (codecs.utf_8_decode), dropped once unpacked.
void decoder_called() {
    rt().library_call("codecs.py:319:decode");
    if (rt().profile().io_c_open) none_tuple(2);
}

// The snapshot a chunk read leaves for tell(), replaced (Py_XSETREF) or dropped.
void set_snapshot(TextIOObject* t, Ref<> snapshot) {
    Object* old = t->snapshot;
    t->snapshot = snapshot.release();
    xdecref(old);
}

// Everything not yet read, decoded (the file is read to its end).
std::string text_read_all(TextIOObject* t) {
    check_readable(t);
    text_writeflush(t);
    std::string out = t->decoded.substr(t->decoded_pos);
    t->decoded.clear();
    t->decoded_pos = 0;
    {
        Ref<> bound = c_bound_method(t->buffer, ids.read);  // buffer.read(), alive during the call
        out += is_buffered(t->buffer) ? buffer_read(as_buf(t->buffer), -1) : raw_read(as_raw(t->buffer), -1);
    }
    decoder_called();
    set_snapshot(t, nullptr);
    return out;
}

// One line (with its newline), or "" at the end of the file. Each chunk
// read (textiowrapper_read_chunk) while telling first asks the decoder's
// state (getstate, Python code too: its frame, its (buffer, flags) tuple
// and the newline decoder's copy of it, both dropped), and leaves a new
// snapshot tuple. Iteration (`iterating`) does not tell, and drops the
// snapshot at the end of the file.
std::string text_readline(TextIOObject* t, bool iterating = false) {
    check_readable(t);
    text_writeflush(t);
    const bool telling = t->telling && !iterating && rt().profile().io_c_open;
    for (;;) {
        std::size_t nl = t->decoded.find('\n', t->decoded_pos);
        if (nl != std::string::npos) {
            std::string line = t->decoded.substr(t->decoded_pos, nl + 1 - t->decoded_pos);
            t->decoded_pos = nl + 1;
            return line;
        }
        if (telling) {
            rt().library_call("codecs.py:331:getstate");
            none_tuple(2);
            none_tuple(2);
        }
        std::string more = is_buffered(t->buffer) ? buffer_read(as_buf(t->buffer), kTextChunkSize)
                                                  : raw_read(as_raw(t->buffer), kTextChunkSize);
        decoder_called();
        if (telling) set_snapshot(t, none_tuple(2));
        if (more.empty() && iterating) set_snapshot(t, nullptr);
        if (more.empty()) {
            std::string rest = t->decoded.substr(t->decoded_pos);
            t->decoded.clear();
            t->decoded_pos = 0;
            return rest;
        }
        t->decoded = t->decoded.substr(t->decoded_pos) + more;
        t->decoded_pos = 0;
    }
}

// ---- the finalizer, shared by the three layers (iobase_finalize) --------------------------------

bool layer_closed(Object* o) {
    if (is_raw(o)) return raw_closed(as_raw(o));
    if (is_buffered(o)) return buffered_closed(as_buf(o));
    return text_closed(as_text(o));
}

// fileio_dealloc_warn, reached through each layer's _dealloc_warn: a file
// that is still open, and that closing this object closes, warns, `source`
// being the object that died. A warning raised ("error") is reported as
// unraisable, in the FileIO's name; other errors are cleared.
void dealloc_warn(Object* layer, Object* source) {
    const Profile& profile = rt().profile();
    if (layer->type == types.text_io) layer = as_text(layer)->buffer;
    if (is_buffered(layer)) layer = as_buf(layer)->raw;
    if (!is_raw(layer) || !(profile.io_warn_unclosed || profile.io_unclosed_warning_unmodeled)) return;
    FileIOObject* f = as_raw(layer);
    if (f->fd < 0 || !f->closefd) return;
    try {
        if (!profile.io_warn_unclosed) {
            // Only a program that imported warnings can have changed the
            // default filters, which ignore it.
            if (dict_get(rt().modules, "warnings") &&
                warning_shown(types.ResourceWarning, "unclosed file " + repr_string(source)))
                rt().defer_unsupported("the location of an unclosed file's ResourceWarning on this runtime");
            return;
        }
        warn(types.ResourceWarning, "unclosed file " + repr_string(source), source);
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        if (exception_is(exc.get(), types.Warning)) write_unraisable(profile.file_finalizer_error_header, f, exc.get());
    }
}

// close(): the finalizer's warns first (textiowrapper_close, buffered_close
// and fileio's close, when `finalizing`).
void layer_close(Object* o) {
    if (as_io(o)->finalizing && !layer_closed(o)) dealloc_warn(o, o);
    if (is_raw(o)) raw_close(as_raw(o));
    else if (is_buffered(o)) buffer_close(as_buf(o));
    else text_close(as_text(o));
}

// If not closed: close(), which flushes. Errors are silenced, as in a
// release build of CPython.
void iobase_finalize(Object* self) {
    try {
        if (layer_closed(self)) return;
        as_io(self)->finalizing = true;
        call_method(self, ids.close, {});
    } catch (const PyException&) {
        take_exception();
    }
}

// ---- methods ------------------------------------------------------------------------------------

Ref<> m_write(Object* self, Args args, void*) {
    check_nargs({self->type->name, "write"}, args, 1, 1);
    if (self->type == types.text_io) return new_int(static_cast<std::int64_t>(text_write(as_text(self), args[0])));
    unsupported("writing bytes to a binary file");
}

Ref<> m_writelines(Object* self, Args args, void*) {
    check_nargs({self->type->name, "writelines"}, args, 1, 1);
    Ref<> it = get_iter(args[0]);
    while (Ref<> line = iter_next(it.get())) call_method(self, ids.write, {line.get()});
    return new_none();
}

Ref<> m_flush(Object* self, Args args, void*) {
    check_nargs({self->type->name, "flush"}, args, 0, 0);
    if (self->type == types.text_io) text_flush(as_text(self));
    else if (is_buffered(self)) {
        if (buffered_closed(as_buf(self))) raise(types.ValueError, "flush of closed file");
        buffer_flush(as_buf(self));
    } else if (raw_closed(as_raw(self))) {
        closed_file();
    }
    return new_none();
}

Ref<> m_close(Object* self, Args args, void*) {
    check_nargs({self->type->name, "close"}, args, 0, 0);
    layer_close(self);
    return new_none();
}

Ref<> m_read(Object* self, Args args, void*) {
    check_nargs({self->type->name, "read"}, args, 0, 1);
    if (self->type != types.text_io) unsupported("reading bytes from a binary file");
    std::int64_t n = args.nargs && args[0] != consts.None ? as_index(args[0]) : -1;
    if (n < 0) return new_str(text_read_all(as_text(self)));
    std::string out;
    while (static_cast<std::int64_t>(out.size()) < n) {
        std::string line = text_readline(as_text(self));
        if (line.empty()) break;
        out += line;
    }
    if (static_cast<std::int64_t>(out.size()) > n) {
        TextIOObject* t = as_text(self);
        t->decoded = out.substr(n) + t->decoded.substr(t->decoded_pos);
        t->decoded_pos = 0;
        out.resize(n);
    }
    return new_str(std::move(out));
}

Ref<> m_readline(Object* self, Args args, void*) {
    check_nargs({self->type->name, "readline"}, args, 0, 1);
    return new_str(text_readline(as_text(self)));
}

Ref<> m_readlines(Object* self, Args args, void*) {
    check_nargs({self->type->name, "readlines"}, args, 0, 1);
    auto lines = new_list();
    for (;;) {
        std::string line = text_readline(as_text(self), true);  // IOBase.readlines: list.extend(self)
        if (line.empty()) break;
        list_append_owned(lines.get(), new_str(std::move(line)).release());
    }
    return lines;
}

Ref<> io_iter(Object* self) {
    if (layer_closed(self)) closed_file();
    return share(self);
}

Ref<> text_iternext(Object* self) {
    std::string line = text_readline(as_text(self), true);
    if (line.empty()) return nullptr;
    return new_str(std::move(line));
}

Ref<> m_enter(Object* self, Args args, void*) {
    check_nargs({self->type->name, "__enter__"}, args, 0, 0);
    if (layer_closed(self)) closed_file();
    return share(self);
}

// _IOBase.__exit__ is METH_VARARGS: its arguments (the with statement's
// three) come packed in a new tuple, alive during the call.
Ref<> m_exit(Object* self, Args args, void*) {
    no_keywords({self->type->name, "__exit__"}, args);
    Ref<TupleObject> packed = rt().profile().io_c_open ? positional_tuple(args) : nullptr;
    call_method(self, ids.close, {});
    return new_none();
}

Ref<> m_raw_readall(Object* self, Args args, void*) {
    check_nargs({self->type->name, "readall"}, args, 0, 0);
    return new_bytes(raw_read(as_raw(self), -1));
}

Ref<> m_fileno(Object* self, Args args, void*) {
    check_nargs({self->type->name, "fileno"}, args, 0, 0);
    Object* o = self;
    if (o->type == types.text_io) o = as_text(o)->buffer;
    if (is_buffered(o)) o = as_buf(o)->raw;
    if (!is_raw(o)) return call_method(o, ids.fileno, {});
    if (raw_closed(as_raw(o))) closed_file();
    return new_int(as_raw(o)->fd);
}

Ref<> m_isatty(Object* self, Args args, void*) {
    check_nargs({self->type->name, "isatty"}, args, 0, 0);
    Ref<> fd = m_fileno(self, args, nullptr);
    return new_bool(::isatty(static_cast<int>(int_value(fd.get()))) == 1);
}

Ref<> m_readable(Object* self, Args args, void*) {
    check_nargs({self->type->name, "readable"}, args, 0, 0);
    if (self->type == types.text_io) return new_bool(as_text(self)->mode.find_first_of("r+") != std::string::npos);
    if (is_buffered(self)) return new_bool(self->type == types.buffered_reader);
    return new_bool(as_raw(self)->readable);
}

Ref<> m_writable(Object* self, Args args, void*) {
    check_nargs({self->type->name, "writable"}, args, 0, 0);
    if (self->type == types.text_io) return new_bool(as_text(self)->mode.find_first_of("wax+") != std::string::npos);
    if (is_buffered(self)) return new_bool(self->type == types.buffered_writer);
    return new_bool(as_raw(self)->writable);
}

Ref<> m_dealloc_warn(Object* self, Args args, void*) {
    check_nargs({self->type->name, "_dealloc_warn"}, args, 1, 1);
    dealloc_warn(self, args[0]);
    return new_none();
}

// _BufferedIOBase.read1 of a writer; a reader's would return bytes.
Ref<> m_read1(Object* self, Args args, void*) {
    check_nargs({self->type->name, "read1"}, args, 0, 1);
    if (self->type == types.buffered_writer) raise(unsupported_operation, "read1");
    unsupported("reading bytes from a binary file");
}

// BufferedReader.read(size=-1): the bytes, all that are left by default.
Ref<> m_buf_read(Object* self, Args args, void*) {
    check_nargs({self->type->name, "read"}, args, 0, 1);
    if (self->type == types.buffered_writer) raise(unsupported_operation, "read");
    std::int64_t size = args.nargs && args[0] != consts.None ? as_index(args[0]) : -1;
    if (size < -1) raise(types.ValueError, "read length must be non-negative or -1");
    return new_bytes(buffer_read(as_buf(self), size));
}

Ref<> get_closed(Object* self) { return new_bool(layer_closed(self)); }
Ref<> get_finalizing(Object* self) { return new_bool(as_io(self)->finalizing); }

Ref<> text_get_name(Object* self) { return getattr(as_text(self)->buffer, ids.name_attr); }
Ref<> text_get_buffer(Object* self) { return share(as_text(self)->buffer); }
Ref<> text_get_encoding(Object* self) { return new_str(as_text(self)->encoding); }
Ref<> text_get_line_buffering(Object* self) { return new_bool(as_text(self)->line_buffering); }
Ref<> buf_get_name(Object* self) { return getattr(as_buf(self)->raw, ids.name_attr); }
Ref<> buf_get_raw(Object* self) { return share(as_buf(self)->raw); }
Ref<> buf_get_mode(Object* self) { return getattr(as_buf(self)->raw, ids.mode); }
Ref<> raw_get_mode(Object* self) { return new_str(as_raw(self)->mode()); }
Ref<> raw_get_closefd(Object* self) { return new_bool(as_raw(self)->closefd); }

DictObject** io_dict_ptr(Object* o) { return &as_io(o)->dict; }

// PyObject_GenericGetDict: made on first request.
Ref<> text_repr(Object* self) {
    TextIOObject* t = as_text(self);
    ReprGuard guard(self);  // a name or mode whose repr reaches the file
    if (guard.recursive()) raise(types.RuntimeError, "reentrant call inside _io.TextIOWrapper.__repr__");
    std::string out = "<_io.TextIOWrapper";
    if (Ref<> name = lookup_attr(self, ids.name_attr)) out += " name=" + repr_string(name.get());
    if (Ref<> mode = lookup_attr(self, ids.mode)) out += " mode=" + repr_string(mode.get());
    return new_str(out + " encoding=" + quote_str(t->encoding) + ">");
}

Ref<> buf_repr(Object* self) {
    std::string out = "<_io." + self->type->qualname;
    if (Ref<> name = lookup_attr(self, ids.name_attr)) out += " name=" + repr_string(name.get());
    return new_str(out + ">");
}

Ref<> raw_repr(Object* self) {
    FileIOObject* f = as_raw(self);
    if (raw_closed(f)) return new_str("<_io.FileIO [closed]>");
    std::string closefd = f->closefd ? "True" : "False";
    if (Ref<> name = lookup_attr(self, ids.name_attr))
        return new_str(
            fmt::format("<_io.FileIO name={} mode='{}' closefd={}>", repr_string(name.get()), f->mode(), closefd));
    return new_str(fmt::format("<_io.FileIO fd={} mode='{}' closefd={}>", f->fd, f->mode(), closefd));
}

// ---- construction -------------------------------------------------------------------------------

// A new io object of the program's: where the runtime flushes open files
// at exit, it takes a slot of the flush list, whether it opens or not.
void register_for_exit_flush(Object* io) {
    if (rt().profile().exit_flush_files) rt().flush_list().add(io);
}

Ref<FileIOObject> open_raw(Object* file, std::string_view mode, bool closefd) {
    auto f = make<FileIOObject>(types.file_io);
    register_for_exit_flush(f.get());
    int flags = O_CLOEXEC;
    bool plus = mode.find('+') != std::string_view::npos;
    switch (mode[0]) {
    case 'r':
        f->readable = true;
        flags |= plus ? O_RDWR : O_RDONLY;
        break;
    case 'w':
        f->writable = true;
        flags |= (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
        break;
    case 'a':
        f->writable = f->appending = true;
        flags |= (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
        break;
    case 'x':
        f->writable = f->created = true;
        flags |= (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL;
        break;
    }
    if (plus) f->readable = f->writable = true;
    f->path = share(file).release();
    f->closefd = closefd;
    if (is_int(file)) {
        f->fd = static_cast<int>(int_value(file));
    } else {
        if (!is_str(file))
            raisef(types.TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(file));
        // /proc/self describes pymodel's process, not the modeled runtime's
        // memory (RSS, private pages): backends/vm/allocator.md.
        if (str_value(file).starts_with("/proc/self/")) unsupported("reading /proc/self (the process's memory)");
        // fileio_init tries the name as a file descriptor first.
        if (rt().profile().c_raise_makes_exception)
            call(types.TypeError, {new_str("'str' object cannot be interpreted as an integer").get()});
        int fd = ::open(str_value(file).c_str(), flags, 0666);
        if (fd < 0) os_error(errno, file);
        f->fd = fd;
    }
    struct stat st;
    if (::fstat(f->fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            raw_close(f.get());
            os_error(EISDIR, file);
        }
        f->blksize = st.st_blksize > 1 ? static_cast<std::size_t>(st.st_blksize) : kDefaultBufferSize;
    }
    setattr(f.get(), ids.name_attr, file);  // fileio_init, once the file is open: the dict is made here
    return f;
}

// _io.open's buffer size when none is given: the raw file's st_blksize, or
// from 3.14 at least io.DEFAULT_BUFFER_SIZE and at most 8 MiB of it.
std::size_t default_buffer_size(Object* raw) {
    std::size_t blksize = as_raw(raw)->blksize;
    auto at_least = static_cast<std::size_t>(rt().profile().io_min_buffer_size);
    if (!at_least) return blksize;
    return std::max(std::min(blksize, std::size_t(8192) * 1024), at_least);
}

// The argument tuple of a call from C to a type without vectorcall
// (PyObject_CallFunction), alive while the callee runs, where open() is
// C code (io.c_open).
Ref<TupleObject> c_call_arguments(std::size_t n) { return rt().profile().io_c_open ? none_tuple(n) : nullptr; }

// _PyCodecInfo_GetIncrementalEncoder/Decoder: the codec's class called with
// the errors argument. Its __init__ sets attributes, so where instances have
// real dicts (gc.instance_dict_objects) it makes one. That __init__ is
// codecs.py's Python code, whose frame checks the eval breaker as it starts:
// a collection an allocation scheduled (3.12+) runs there, inside open().
Object* codec_state(TypeObject* type) {
    Ref<TupleObject> args = c_call_arguments(1);
    auto state = make<NamespaceObject>(type);
    if (rt().profile().gc_instance_dict_objects) state->dict = new_dict().release();
    if (rt().profile().gc_collect_at_eval_breaker) at_instruction_boundary();
    return state.release();
}

// What textiowrapper_init makes beside the wrapper: the decoder (wrapped in
// an IncrementalNewlineDecoder, which is not a container, but is called
// with a tuple), the encoder, the raw file it keeps, and the bound method
// of its read1 probe, dropped at once.
void init_text_layer(TextIOObject* t, Object* buffer, bool readable, bool writable) {
    if (rt().profile().io_c_open) {
        if (readable) {
            t->decoder = codec_state(types.incremental_decoder);
            Ref<TupleObject> args = c_call_arguments(2);  // (decoder, translate)
            if (rt().profile().io_newline_decoder_tracked) {
                auto newline = make<NewlineDecoderObject>(types.incremental_newline_decoder);
                newline->decoder = t->decoder;
                t->decoder = newline.release();
            }
        }
        if (writable) t->encoder = codec_state(types.incremental_encoder);
    }
    if (is_buffered(buffer) && is_raw(as_buf(buffer)->raw)) t->raw = share(as_buf(buffer)->raw).release();
    // telling = seekable (FileIO.seekable: lseek succeeds)
    t->telling = t->raw && ::lseek(as_raw(t->raw)->fd, 0, SEEK_CUR) >= 0;
    if (rt().profile().io_c_open) lookup_attr(buffer, ids.read1);
}

Ref<TextIOObject> wrap_text(Object* buffer, std::string mode, std::string encoding, bool line_buffering,
                            bool write_through) {
    auto t = make<TextIOObject>(types.text_io);
    t->buffer = share(buffer).release();
    t->mode = std::move(mode);
    t->encoding = std::move(encoding);
    t->line_buffering = line_buffering;
    t->write_through = write_through;
    return t;
}

Ref<> open_builtin(Object*, Args args, void*) {
    Object *file = nullptr, *mode = nullptr, *buffering = nullptr, *encoding = nullptr, *errors = nullptr,
           *newline = nullptr, *closefd = nullptr, *opener = nullptr;
    parse_args("open", args, {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1,
               {&file, &mode, &buffering, &encoding, &errors, &newline, &closefd, &opener});
    if (mode && !is_str(mode)) raisef(types.TypeError, "open() argument 'mode' must be str, not {}", type_name(mode));
    if (opener && opener != consts.None) unsupported("open() with an opener");
    std::int64_t b = buffering ? as_index(buffering) : -1;
    return io_open(file, mode ? str_value(mode) : "r", b, encoding, !closefd || truthy(closefd));
}

}  // namespace

TypeObject* io_unsupported_operation() { return unsupported_operation; }

void IOBaseObject::traverse(Visitor v) { v(dict); }
void IOBaseObject::clear() {
    Object* d = dict;
    dict = nullptr;
    xdecref(d);
}

void NewlineDecoderObject::clear() {
    Object* d = decoder;
    decoder = nullptr;
    xdecref(d);
}

void FileIOObject::traverse(Visitor v) { v(dict); }
void FileIOObject::clear() {
    IOBaseObject::clear();
    Object* p = path;
    path = nullptr;
    xdecref(p);
}

void BufferedObject::traverse(Visitor v) {
    v(raw);
    v(dict);
}
void BufferedObject::clear() {
    Object* r = raw;
    raw = nullptr;
    xdecref(r);
    IOBaseObject::clear();
}

// textiowrapper_traverse's order (finalize_garbage follows it).
void TextIOObject::traverse(Visitor v) {
    v(buffer);
    v(encoder);
    v(decoder);
    v(pending_list);
    v(snapshot);
    v(raw);
    v(dict);
}
// textiowrapper_clear's order: the buffer, the codec's state, the pending
// pieces, the snapshot, the raw file, then the dict.
void TextIOObject::clear() {
    for (Object** field : {&buffer, &encoder, &decoder, &pending_list, &snapshot, &raw}) {
        Object* o = *field;
        *field = nullptr;
        xdecref(o);
    }
    IOBaseObject::clear();
}

std::string FileIOObject::mode() const {
    if (created) return readable ? "xb+" : "xb";
    if (appending) return readable ? "ab+" : "ab";
    if (readable) return writable ? "rb+" : "rb";
    return "wb";
}

Ref<> io_open(Object* file, std::string_view mode, std::int64_t buffering, Object* encoding, bool closefd) {
    std::string m(mode);
    std::string base;
    for (std::size_t i = 0; i < m.size(); ++i) {
        char c = m[i];
        if (std::string("rwaxtb+").find(c) == std::string::npos || m.find(c) != i)
            raisef(types.ValueError, "invalid mode: '{}'", m);
        if (c == 'r' || c == 'w' || c == 'a' || c == 'x') {
            if (!base.empty()) raise(types.ValueError, "must have exactly one of create/read/write/append mode");
            base = c;
        }
    }
    if (base.empty()) raise(types.ValueError, "Must have exactly one of create/read/write/append mode");
    const bool binary = m.find('b') != std::string::npos;
    if (binary && m.find('t') != std::string::npos) raise(types.ValueError, "can't have text and binary mode at once");
    if (binary && encoding && encoding != consts.None)
        raise(types.ValueError, "binary mode doesn't take an encoding argument");
    if (buffering == 0 && !binary) raise(types.ValueError, "can't have unbuffered text I/O");
    if (buffering == 0) unsupported("an unbuffered binary file (open(..., buffering=0))");
    if (binary && m.find('+') != std::string::npos) unsupported("a binary file open for reading and writing");
    bool plus = m.find('+') != std::string::npos;
    std::string raw_mode = base + (plus ? "+" : "");
    Ref<FileIOObject> raw;
    {
        Ref<TupleObject> args = c_call_arguments(4);  // (file, mode, closefd, opener)
        raw = open_raw(file, raw_mode, closefd);
    }
    bool line_buffering = buffering == 1 || (buffering < 0 && ::isatty(raw->fd) == 1);
    Ref<BufferedObject> buffer;
    {
        Ref<TupleObject> args = c_call_arguments(2);  // (raw, buffering)
        buffer = make<BufferedObject>(base == "r" && !plus ? types.buffered_reader : types.buffered_writer);
        if (rt().profile().io_dicts_at_creation) buffer->dict = new_dict().release();
        register_for_exit_flush(buffer.get());
        buffer->raw = raw.release();
        buffer->buffer_size = buffering > 1 ? static_cast<std::size_t>(buffering) : default_buffer_size(buffer->raw);
    }
    if (binary) return buffer;  // bytes go to and from the buffered layer
    bool default_encoding = !encoding || encoding == consts.None;
    int fd = as_raw(buffer->raw)->fd;
    Ref<TextIOObject> text;
    {
        Ref<TupleObject> args = c_call_arguments(5);  // (buffer, encoding, errors, newline, line_buffering)
        text = wrap_text(buffer.get(), m, default_encoding ? "UTF-8" : str_string(encoding), line_buffering, false);
        // 3.8's and 3.9's TextIOWrapper.__init__ asks locale.getpreferredencoding,
        // importing _bootlocale the first time (_PyIO_get_locale_module):
        // PyImport_Import calls __import__ with its five arguments packed in
        // a tuple, alive during the import. _io then holds the module by a
        // weakref; the function's first call makes the frame that becomes
        // its zombie.
        const std::string& locale_module = rt().profile().text_encoding_module;
        if (default_encoding && !locale_module.empty() && ::isatty(fd) != 1 && !rt().import_charged(locale_module)) {
            {
                Ref<TupleObject> import_args = none_tuple(5);
                rt().charge_import(locale_module);
            }
            rt().manager().on_runtime_allocate(Container::Other, 0);
            rt().manager().on_runtime_allocate(Container::Frame, 0);
        }
        if (rt().profile().io_dicts_at_creation) text->dict = new_dict().release();
        register_for_exit_flush(text.get());
        init_text_layer(text.get(), buffer.get(), base == "r" || plus, base != "r" || plus);
    }
    setattr(text.get(), ids.mode, new_str(m).get());
    // PyPy asks the device for an encoding, then calls __import__('_bootlocale'), after the wrapper
    // is made (pypy/module/_io/interp_textio.py, _determine_encoding).
    if (default_encoding && rt().profile().text_encoding_finds && ::isatty(fd) != 1)
        g_manager->on_module_lock("_bootlocale");
    return text;
}

Ref<> io_std_stream(int fd, const char* name, const char* mode) {
    auto raw = make<FileIOObject>(types.file_io);
    raw->fd = fd;
    raw->closefd = false;
    raw->writable = mode[0] != 'r';
    raw->readable = !raw->writable;
    Ref<> path = new_str(name);
    raw->path = share(path.get()).release();
    setattr(raw.get(), ids.name_attr, path.get());  // create_stdio names the raw file
    Ref<TextIOObject> text = wrap_text(raw.get(), mode, "utf-8", false, true);
    setattr(text.get(), ids.mode, new_str(mode).get());
    return text;
}

// PyFile_WriteObject(value, file, Py_PRINT_RAW or 0): the file's write
// method is bound first (always in CPython: io.file_write_binds; PyPy's
// print binds nothing per piece), then the value is made a str (its repr)
// and written.
void file_write(Object* file, Object* value, bool raw) {
    bool direct = file->type == types.text_io && !rt().profile().io_file_write_binds;
    Ref<> write = direct ? nullptr : getattr(file, ids.write);
    Ref<StrObject> text = raw ? str(value) : repr(value);
    // PyFile_WriteObject calls the builtin write (a level of C recursion),
    // which may call its buffer's write (one more) as it flushes.
    std::optional<CRecursionGuard> write_call, buffer_call;
    if (file->type == types.text_io) {
        write_call.emplace(" while calling a Python object");
        buffer_call.emplace(" while calling a Python object", CRecursionGuard::Charge::MaybeLevel);
    }
    if (direct) text_write(as_text(file), text.get());
    else call(write.get(), {text.get()});
}

void FlushList::start(const std::string& layout) {
    slots_.assign(layout.size(), Slot{});
    free_.clear();
    for (std::size_t i = 0; i < layout.size(); ++i) {
        switch (layout[i]) {
        case 'f': free_.push_back(i); break;  // ascending: taken from the top down
        case 'g': {
            auto closed = make<FileIOObject>(types.file_io);
            closed->closed_by_close = true;  // what the start-up read, it closed
            slots_[i].ref = new_weakref(types.weakref, closed.get(), nullptr).release();
            startup_garbage_.push_back(std::move(closed));
            break;
        }
        case 'l': slots_[i].startup = true; break;
        default: break;  // 'd': dead, found by the next gathering
        }
    }
}

void FlushList::release_startup_garbage() { startup_garbage_.clear(); }

bool FlushList::alive(const Slot& s) { return s.startup || (s.ref && s.ref->referent); }

// rweaklist's reserve_next_handle_index.
std::size_t FlushList::reserve() {
    if (free_.empty()) {
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (!alive(slots_[i])) free_.push_back(i);
        if (free_.size() * 3 < slots_.size() * 2) {
            std::size_t n = std::max<std::size_t>(slots_.size(), 1);
            for (std::size_t i = slots_.size(); i < slots_.size() + n; ++i) free_.push_back(i);
            slots_.resize(slots_.size() + n);
        }
    }
    std::size_t index = free_.back();
    free_.pop_back();
    return index;
}

void FlushList::add(Object* io) {
    Slot& slot = slots_[reserve()];
    xdecref(slot.ref);
    slot = Slot{new_weakref(types.weakref, io, nullptr).release(), false};
}

void FlushList::flush_all() {
    std::vector<Ref<>> live;
    for (Slot& s : slots_) {
        if (s.ref && s.ref->referent) live.push_back(share(s.ref->referent));
        xdecref(s.ref);
    }
    slots_.clear();
    free_.clear();
    ExplainScope flushing(Explain::ScopeKind::FlushList);
    for (Ref<>& f : live) {
        try {
            call_method(f.get(), ids.flush, {});  // a closed one raises: ignored, as every error
        } catch (const PyException&) {
            take_exception();
        }
    }
}

void write_stderr(std::string_view text) {
    Object* err = dict_get(rt().sys->dict, ids.stderr);
    if (!err || err == consts.None) return;
    guarded([&] { file_write(err, new_str(std::string(text)).get()); });
}

bool io_closed_by_close(const Object* o) {
    const TypeObject* t = o->type;
    bool io = t == types.file_io || t == types.buffered_writer || t == types.buffered_reader || t == types.text_io;
    return io && static_cast<const IOBaseObject*>(o)->closed_by_close;
}

void file_flush(Object* file) {
    if (file->type == types.text_io) {
        text_flush(as_text(file));
        return;
    }
    call_method(file, ids.flush, {});
}

// A layer made by the program's own call (socket.makefile()'s
// BufferedWriter over a SocketIO): the model's layers are open()'s only.
Ref<> io_new_unmodeled(TypeObject* type, Args) {
    unsupported("constructing " + type_repr_name(type) + " directly (the model's io layers are open()'s)");
}

void init_io_types(NativeModule& builtins) {
    unsupported_operation = new_builtin_type("UnsupportedOperation", types.OSError, &LayoutOf<BaseExceptionObject>::ops,
                                             TF_BASETYPE | TF_GC | TF_EXCEPTION_SUBCLASS, "io");
    inherit_slots(unsupported_operation);
    for (TypeObject* t : {types.file_io, types.buffered_writer, types.buffered_reader, types.text_io}) {
        t->tp.finalize = &iobase_finalize;
        t->tp.new_ = &io_new_unmodeled;
        t->tp.iter = &io_iter;
        t->dict_ptr = &io_dict_ptr;
        add_method(t, "flush", &m_flush);
        add_method(t, "close", &m_close);
        add_method(t, "fileno", &m_fileno);
        add_method(t, "isatty", &m_isatty);
        add_method(t, "readable", &m_readable);
        add_method(t, "writable", &m_writable);
        add_method(t, "writelines", &m_writelines);
        add_method(t, "_dealloc_warn", &m_dealloc_warn);
        add_method(t, "__enter__", &m_enter);
        add_method(t, "__exit__", &m_exit);
        add_getset(t, "closed", &get_closed);
        add_getset(t, "_finalizing", &get_finalizing);
        add_getset(t, "__dict__", &generic_get_dict);
    }
    TypeObject* text = types.text_io;
    text->tp.repr = &text_repr;
    text->tp.iternext = &text_iternext;
    add_method(text, "write", &m_write);
    add_method(text, "read", &m_read);
    add_method(text, "readline", &m_readline);
    add_method(text, "readlines", &m_readlines);
    add_getset(text, "name", &text_get_name);
    add_getset(text, "buffer", &text_get_buffer);
    add_getset(text, "encoding", &text_get_encoding);
    add_getset(text, "line_buffering", &text_get_line_buffering);
    for (TypeObject* t : {types.buffered_writer, types.buffered_reader}) {
        t->tp.repr = &buf_repr;
        add_getset(t, "name", &buf_get_name);
        add_getset(t, "raw", &buf_get_raw);
        add_getset(t, "mode", &buf_get_mode);
        add_method(t, "read1", &m_read1);
        add_method(t, "read", &m_buf_read);
    }
    types.file_io->tp.repr = &raw_repr;
    add_method(types.file_io, "readall", &m_raw_readall);
    add_getset(types.file_io, "mode", &raw_get_mode);
    add_getset(types.file_io, "closefd", &raw_get_closefd);
    builtins.add_function("open", &open_builtin);
}

}  // namespace vm
