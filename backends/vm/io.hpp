// The io stack as CPython 3.11 builds it: open() makes a FileIO (the file
// descriptor), a BufferedWriter or BufferedReader over it, and a
// TextIOWrapper over that. Each has the io finalizer: if not closed, close()
// (which flushes). Data written through the text layer waits in the text
// layer (up to 8192 bytes), then in the buffer (st_blksize), then reaches the
// descriptor.
#pragma once

#include <string>

#include "objects.hpp"

namespace vm {

struct IOBaseObject : Object {
    DictObject* dict = nullptr;  // counted
    bool finalizing = false;     // close() was called by the finalizer
    explicit IOBaseObject(TypeObject* t) : Object(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

struct FileIOObject : IOBaseObject {
    int fd = -1;
    bool closefd = true;
    bool readable = false, writable = false, appending = false, created = false;
    Object* name = nullptr;  // counted: the path (or the fd number)
    std::size_t blksize = 4096;
    explicit FileIOObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
    std::string mode() const;
};

struct BufferedObject : IOBaseObject {  // BufferedWriter and BufferedReader
    Object* raw = nullptr;  // counted
    std::string wbuf;       // written, not yet on the raw layer
    std::string rbuf;       // read ahead
    std::size_t rpos = 0;
    std::size_t buffer_size = 4096;
    explicit BufferedObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

struct TextIOObject : IOBaseObject {
    Object* buffer = nullptr;  // counted
    std::string encoding;
    std::string mode;          // as given to open()
    std::string pending;       // CPython's pending_bytes
    bool line_buffering = false;
    bool write_through = false;
    std::string decoded;       // read ahead, decoded
    std::size_t decoded_pos = 0;
    explicit TextIOObject(TypeObject* t) : IOBaseObject(t) {}
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

// open(file, mode, buffering, encoding, ...) as io.open.
Ref<Object> io_open(Object* file, std::string_view mode, std::int64_t buffering, Object* encoding, bool closefd);
// The text stream over file descriptor `fd` for sys.stdout/sys.stderr
// (write_through, as with python -u).
Ref<Object> io_std_stream(int fd, const char* name, const char* mode);
// Writes `text` through a text stream's write() (any file-like object).
void file_write(Object* file, Object* text);
// Flushes every open text and buffered file of the heap, oldest first
// (errors are ignored), without closing it.
void flush_open_files();
void file_flush(Object* file);

}  // namespace vm
