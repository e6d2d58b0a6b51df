// sys.getsizeof and sys.getallocatedblocks: the modeled runtime's sizes
// (the profile's [sizes]) and the model's blocks (backends/vm/allocator.md).
#include <cstdlib>

#include "../api.hpp"
#include "../heap.hpp"
#include "../instance.hpp"
#include "../interpreter.hpp"
#include "modules.hpp"

namespace vm {

namespace {

// Bytes per code point of a compact str: CPython's PyUnicode_KIND.
std::int64_t str_kind(const StrObject* s) {
    std::uint32_t max = 0;
    const std::string& u = s->value;
    for (std::size_t i = 0; i < u.size();) {
        auto c = static_cast<unsigned char>(u[i]);
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(u[i + k]) & 0x3F);
        if (cp > max) max = cp;
        i += len;
    }
    return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
}

std::int64_t int_size(std::int64_t value, const Profile::Sizes& z) {
    std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::int64_t digits = 0;
    for (; magnitude; magnitude >>= 30) ++digits;
    return z.int_header + std::max(digits, z.int_min_digits) * z.int_digit;
}

// What a dict's keys table weighs: none for {} (the shared empty keys), the
// smallest table while it holds few entries. A larger table's size depends
// on its history of growth, which the model does not keep.
std::int64_t dict_keys_size(const HashTable& table, const Profile::Sizes& z) {
    if (table.entries.empty()) return 0;
    if (static_cast<std::int64_t>(table.entries.size()) > z.dict_min_usable)
        unsupported("sys.getsizeof of a dict whose keys table has grown");
    std::int64_t entry = table.unicode_keys ? z.dict_unicode_entry : z.dict_entry;
    return z.dict_keys + 8 + z.dict_min_usable * entry;
}

// An instance of a class whose builtin base is object: its slots, the
// managed dict's pre-header and the weakref pointer.
std::int64_t instance_size(Object* o, const Profile::Sizes& z) {
    const ClassLayout& layout = *o->type->class_layout;
    std::int64_t size = z.object + static_cast<std::int64_t>(layout.slot_names.size()) * z.pointer;
    if (layout.has_dict) size += z.managed_dict;
    if (o->type->has(TF_WEAKREFABLE)) size += z.pointer;
    return size;
}

// sys.getsizeof: __sizeof__ plus the GC header of a container.
std::int64_t object_size(Object* o, const Profile::Sizes& z) {
    TypeObject* t = o->type;
    std::int64_t size;
    if (t == types.int_ || t == types.bool_) size = int_size(int_value(o), z);
    else if (t == types.float_) size = z.float_;
    else if (t == types.none || t == types.object) size = z.object;
    else if (t == types.str) {
        auto* s = static_cast<StrObject*>(o);
        auto length = static_cast<std::int64_t>(s->length);
        size = s->ascii ? z.str_ascii + length + 1 : z.str_compact + (length + 1) * str_kind(s);
    } else if (t == types.tuple)
        size = z.tuple + static_cast<std::int64_t>(static_cast<TupleObject*>(o)->size()) * z.pointer;
    else if (t == types.list) {
        if (static_cast<ListObject*>(o)->items.capacity() != 0)
            unsupported("sys.getsizeof of a list with items (CPython's over-allocation is not modeled)");
        size = z.list;
    } else if (t == types.dict) size = z.dict + dict_keys_size(static_cast<DictObject*>(o)->table, z);
    else if (t == types.set) {
        if (static_cast<std::int64_t>(static_cast<SetObject*>(o)->table.entries.size()) > z.set_small_table)
            unsupported("sys.getsizeof of a set whose table has grown");
        size = z.set;
    } else if (t->has(TF_HEAPTYPE) && t->class_layout && !(t->flags & TF_SUBCLASS_BITS)) size = instance_size(o, z);
    else unsupported("sys.getsizeof of a '" + type_name(o) + "' object");
    return t->has(TF_GC) ? size + z.gc_header : size;
}

}  // namespace

Ref<> sys_getsizeof(Object*, Args args, void*) {
    Object* obj = nullptr;
    Object* fallback = nullptr;
    parse_args("getsizeof", args, {"object", "default"}, 1, {&obj, &fallback});
    const Profile& profile = rt().profile();
    if (profile.sizes) return new_int(object_size(obj, *profile.sizes));
    if (fallback) return share(fallback);
    raise(types.TypeError, profile.getsizeof_error);
}

// The model's blocks are its objects: it keeps no item arrays, keys tables
// or frames apart from them (allocator.md).
Ref<> sys_getallocatedblocks(Object*, Args args, void*) {
    check_nargs("getallocatedblocks", args, 0, 0);
    return new_int(g_live_objects);
}

}  // namespace vm
