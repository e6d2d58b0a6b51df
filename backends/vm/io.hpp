// The io stack as CPython 3.11 builds it: open() makes a FileIO (the file
// descriptor), a BufferedWriter or BufferedReader over it, and a
// TextIOWrapper over that. Each has the io finalizer: if not closed, close()
// (which flushes). Data written through the text layer waits in the text
// layer (up to 8192 bytes), then in the buffer (st_blksize), then reaches the
// descriptor. What open() allocates beside the layers (argument tuples, the
// codec's state, the attribute dicts) and the "unclosed file" warning of
// the finalizer follow the profile's [io] (backends/refcount/collector.md,
// "What a file allocates").
#pragma once

#include <string>

#include "objects.hpp"
#include "profile.hpp"
#include "weakref.hpp"

namespace vm {

struct IOBaseObject : Object {
    DictObject* dict = nullptr;  // counted
    bool finalizing = false;  // close() was called by the finalizer
    bool closed_by_close = false;  // a close() closed it
    explicit IOBaseObject(TypeObject* t) : Object(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

struct FileIOObject : IOBaseObject {
    int fd = -1;
    bool closefd = true;
    bool readable = false, writable = false, appending = false, created = false;
    // Counted: what open() was given (the explain trace names the file by
    // it). The `name` attribute lives in the dict, as in CPython.
    Object* path = nullptr;
    std::size_t blksize = 4096;
    explicit FileIOObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
    std::string mode() const;
};

struct BufferedObject : IOBaseObject {  // BufferedWriter and BufferedReader
    Object* raw = nullptr;  // counted
    std::string wbuf;  // written, not yet on the raw layer
    std::string rbuf;  // read ahead
    std::size_t rpos = 0;
    std::size_t buffer_size = 4096;
    explicit BufferedObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

struct TextIOObject : IOBaseObject {
    Object* buffer = nullptr;  // counted
    Object* raw = nullptr;  // counted: the buffer's FileIO, which CPython keeps for its closed checks
    Object* encoder = nullptr;  // counted: the codec's incremental encoder and decoder (io.c_open)
    Object* decoder = nullptr;
    std::string encoding;
    std::string mode;  // as given to open() (the `mode` attribute lives in the dict)
    std::string pending;  // CPython's pending_bytes
    int pending_pieces = 0;  // written since the last flush
    Object* pending_list = nullptr;  // counted: the list that holds them from the second (io.c_open)
    bool line_buffering = false;
    bool write_through = false;
    std::string decoded;  // read ahead, decoded
    std::size_t decoded_pos = 0;
    // CPython's snapshot for tell(): a (dec_flags, next_input) tuple, counted,
    // made by each chunk read while `telling` (a seekable file, not iterated).
    Object* snapshot = nullptr;
    bool telling = false;
    explicit TextIOObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

// An IncrementalNewlineDecoder, where it is a container (io.newline_decoder_tracked):
// it holds the codec's decoder.
struct NewlineDecoderObject : Object {
    Object* decoder = nullptr;  // counted
    using Object::Object;
    void traverse(Visitor v) { v(decoder); }
    void clear();
    void release() { clear(); }
};

// io.UnsupportedOperation.
TypeObject* io_unsupported_operation();
// open(file, mode, buffering, encoding, ...) as io.open.
Ref<Object> io_open(Object* file, std::string_view mode, std::int64_t buffering, Object* encoding, bool closefd);
// The text stream over file descriptor `fd` for sys.stdout/sys.stderr
// (write_through, as with python -u).
Ref<Object> io_std_stream(int fd, const char* name, const char* mode);
// PyFile_WriteObject(value, file, Py_PRINT_RAW): str(value), written after
// binding file.write, as CPython does for each piece print() writes; with
// `raw` false (flags 0), repr(value).
void file_write(Object* file, Object* value, bool raw = true);
void file_flush(Object* file);
// A method the runtime calls from C on an io object (flush, close, read):
// bound for the call where the runtime binds it (io.c_method_calls_bind:
// 3.8's _PyObject_CallMethodId), else null.
Ref<Object> c_bound_method(Object* self, StrObject* name);

// PyPy's AutoFlusher (pypy/module/_io/interp_iobase.py), which flushes the
// open files at exit: every io object open() makes takes a slot of a weak
// list (rpython/rlib/rweaklist.py), and exit flushes the live ones in slot
// order. That is not the order they were made in: free slots are taken
// from the top down; when none is left, the list gathers the slots of
// dead objects and, unless they are 2/3 of it, doubles.
class FlushList {
  public:
    // The list as the startup left it. Its garbage io objects are made now
    // and held until release_startup_garbage(), once the manager has made
    // the startup's objects old: they die at the first major collection.
    void start(const std::string& layout);
    void release_startup_garbage();
    void add(Object* io);
    // Calls flush() on every live io object in slot order, ignoring errors,
    // and empties the list.
    void flush_all();

  private:
    struct Slot {
        WeakRefObject* ref = nullptr;  // counted; dropped by flush_all (or free_all)
        bool startup = false;  // held by the startup's live io objects
    };
    static bool alive(const Slot& s);
    std::size_t reserve();

    std::vector<Slot> slots_;
    std::vector<std::size_t> free_;  // taken from the back
    std::vector<Ref<>> startup_garbage_;
};

}  // namespace vm
