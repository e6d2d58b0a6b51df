// _io: the io stack (io.cpp) as a module, and open_code, with which the
// import system reads a module's files.
#include "../io.hpp"
#include "../api.hpp"
#include "../frame.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// open_code(path) (PyFile_OpenCodeObject, no hook): _io.open(path, "rb").
// Its lookup of _io.open imports _io (PyImport_Import: __import__ called
// with an empty list as fromlist).
Ref<> i_open_code(Object*, Args args, void*) {
    Object* path = nullptr;
    parse_args({"_io", "open_code"}, args, {"path"}, 1, {&path});
    if (!is_str(path)) raisef(types.TypeError, "open_code() argument 'path' must be str, not {}", type_name(path));
    Ref<> io_module;
    {
        Ref<ListObject> from_list = new_list();
        Ref<> zero = new_int(0);
        Object* globals = rt().thread().current_frame ? rt().thread().current_frame->globals : rt().builtins_dict;
        Ref<> name = new_str("_io");
        io_module =
            call(dict_get(rt().builtins_dict, ids.import), {name.get(), globals, globals, from_list.get(), zero.get()});
    }
    Ref<> open = getattr(io_module.get(), "open");
    Ref<> mode = new_str("rb");
    return call(open.get(), {path, mode.get()});
}

}  // namespace

Ref<ModuleObject> make_io_module() {
    NativeModule m("_io");
    m.add("open", dict_get(rt().builtins_dict, "open"));
    m.add_function("open_code", &i_open_code);
    m.add("FileIO", types.file_io);
    m.add("BufferedReader", types.buffered_reader);
    m.add("BufferedWriter", types.buffered_writer);
    m.add("TextIOWrapper", types.text_io);
    m.add("IncrementalNewlineDecoder", types.incremental_newline_decoder);
    m.add("UnsupportedOperation", io_unsupported_operation());
    m.add("DEFAULT_BUFFER_SIZE", new_int(8192).get());
    return m.take();
}

}  // namespace vm
