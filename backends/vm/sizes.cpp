// The modeled runtime's object sizes (the profile's [sizes]): what its
// allocator is asked for, sys.getsizeof, sys.getallocatedblocks and
// sys._debugmallocstats (allocator.md).
#include <unistd.h>

#include "api.hpp"
#include "bigint.hpp"
#include "heap.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "modules/modules.hpp"

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

// What a dict's keys table weighs (_PyDict_KeysSize): none for the shared
// empty keys; else the header, an index of 2^k slots of 1, 2, 4 or 8 bytes
// (by k), and 2/3 of 2^k entries. The model's table has CPython's size.
std::int64_t dict_keys_size(const HashTable& table, const Profile::Sizes& z) {
    if (table.size_unmodeled) unsupported("sys.getsizeof of an instance's, a module's or a frame's dict");
    std::uint8_t log2_size = table.log2_size();
    if (!log2_size) return 0;
    std::int64_t slots = std::int64_t(1) << log2_size;
    std::int64_t slot_bytes = log2_size < 8 ? 1 : log2_size < 16 ? 2 : log2_size < 32 ? 4 : 8;
    std::int64_t entry = table.unicode_keys ? z.dict_unicode_entry : z.dict_entry;
    return z.dict_keys + slots * slot_bytes + (slots << 1) / 3 * entry;
}

// What a set's table weighs apart from the object: none for its small
// table, else a hash and a key per slot (set_sizeof).
std::int64_t set_table_size(const SetObject* s, const Profile::Sizes& z) {
    return s->mask + 1 > 8 ? std::int64_t(s->mask + 1) * 2 * z.pointer : 0;
}

// The allocation of an instance of a native module's type (the profile's
// sizes.types, by tp_name), or -1 when the profile does not give it.
std::int64_t native_type_size(const TypeObject* t, const Profile::Sizes& z) {
    auto found = z.types.find(type_repr_name(t));
    return found == z.types.end() ? -1 : found->second;
}

// An instance of a class whose builtin base is object or a native
// module's type: the base's layout, its slots, the managed dict's
// pre-header and the weakref pointer (from 3.12 in that pre-header when
// there is one).
std::int64_t instance_size(Object* o, const Profile::Sizes& z) {
    const ClassLayout& layout = *o->type->class_layout;
    const TypeObject* builtin = o->type;
    while (builtin->has(TF_HEAPTYPE)) builtin = builtin->base;
    std::int64_t base = builtin == types.object ? z.object : native_type_size(builtin, z);
    if (base < 0) return -1;
    std::int64_t size = base + static_cast<std::int64_t>(layout.slot_names.size()) * z.pointer;
    // A weakref pointer of its own, unless the base's layout has one.
    const bool own_weakref = o->type->has(TF_WEAKREFABLE) && !builtin->has(TF_WEAKREFABLE);
    if (z.weakref_in_preheader) {
        // From 3.12 the dict and the weakref list share the pre-header, made
        // for either (a __weakref__ slot too).
        if (layout.has_dict || own_weakref) size += z.managed_dict;
    } else {
        if (layout.has_dict) size += z.managed_dict;
        if (own_weakref) size += z.pointer;
    }
    return size;
}

// A tuple's own size: its header and its items' pointers (CPython keeps
// them inline).
std::int64_t tuple_size(std::size_t items, const Profile::Sizes& z) {
    return z.tuple + static_cast<std::int64_t>(items) * z.pointer;
}

// An instance of a class derived from tuple: its items, and its __dict__
// pointer or pre-header unless every class of it has empty __slots__.
std::int64_t tuple_subclass_size(Object* o, const Profile::Sizes& z) {
    std::int64_t size = tuple_size(static_cast<TupleObject*>(o)->size(), z);
    if (o->type->class_layout->has_dict) size += z.dict_pointer_with_items ? z.pointer : z.managed_dict;
    return size;
}

// An int's header and its 30-bit digits.
std::int64_t int_object_size(const Object* o, const Profile::Sizes& z) {
    const auto* i = static_cast<const IntObject*>(o);
    return i->big ? z.int_size_of_digits(int_digit_count(i->big->value)) : z.int_size(i->value);
}

// The object's own allocation, GC header included (what CPython asks
// PyObject_Malloc for), or -1 for a type whose layout the profile does not
// give. A list's item array and a dict's keys table are apart.
std::int64_t own_size(Object* o, const Profile::Sizes& z) {
    TypeObject* t = o->type;
    std::int64_t size;
    if (t == types.int_ || t == types.bool_) size = int_object_size(o, z);
    else if (t == types.float_) size = z.float_;
    else if (t == types.complex) size = z.float_ + 8;  // a float's header and two doubles
    else if (t == types.bytes)  // PyObject_HEAD, ob_size and the cached hash (pointer-sized), the bytes, a NUL
        size = z.object + 2 * z.pointer + static_cast<std::int64_t>(bytes_value(o).size()) + 1;
    else if (t == types.none || t == types.object) size = z.object;
    else if (t == types.str) {
        auto* s = static_cast<StrObject*>(o);
        auto length = static_cast<std::int64_t>(s->length);
        size = s->ascii ? z.str_ascii + length + 1 : z.str_compact + (length + 1) * str_kind(s);
    } else if (t == types.tuple) size = tuple_size(static_cast<TupleObject*>(o)->size(), z);
    else if ((t->flags & TF_TUPLE_SUBCLASS) && t->class_layout) size = tuple_subclass_size(o, z);
    else if (t == types.list) size = z.list;
    else if (t == types.dict) size = z.dict;
    else if (t == types.set || t == types.frozenset) size = z.set;
    else if (t->has(TF_HEAPTYPE) && t->class_layout && !(t->flags & TF_SUBCLASS_BITS)) size = instance_size(o, z);
    else if (t->own_size) size = t->own_size(o);
    else if (!t->has(TF_HEAPTYPE) && t->module != "builtins") size = native_type_size(t, z);
    else return -1;
    if (size < 0) return -1;
    return t->has(TF_GC) ? size + z.gc_header : size;
}

// Whether block_size gives every instance of `t` the same size: 1 yes, -1
// no (the types whose value own_size above reads), 0 not yet (a class whose
// layout is not made: own_size's answer for its instances changes when it
// is).
static std::int32_t block_size_is_fixed(const TypeObject* t) {
    if (t == types.int_ || t == types.bool_ || t == types.bytes || t == types.str || t == types.tuple || t->own_size ||
        ((t->flags & TF_TUPLE_SUBCLASS) && t->class_layout))
        return -1;
    if (t->has(TF_HEAPTYPE) && !t->class_layout) return 0;
    return 1;
}

// sys.getsizeof: __sizeof__ plus the GC header of a container.
std::int64_t object_size(Object* o, const Profile::Sizes& z) {
    std::int64_t size = own_size(o, z);
    if (size < 0) unsupported("sys.getsizeof of a '" + type_name(o) + "' object");
    if (o->type == types.list)
        size += static_cast<std::int64_t>(static_cast<ListObject*>(o)->items.capacity()) * z.pointer;
    // dict.__sizeof__: a dict's or a native dict subclass's (defaultdict).
    if (o->type == types.dict || (is_dict(o) && !o->type->has(TF_HEAPTYPE)))
        size += dict_keys_size(static_cast<DictObject*>(o)->table, z);
    if (o->type == types.set || o->type == types.frozenset) size += set_table_size(static_cast<SetObject*>(o), z);
    if (o->type->tp.sizeof_buffers) size += o->type->tp.sizeof_buffers(o);
    return size;
}

// A number with thousands separators, as _debugmallocstats prints it.
std::string grouped(std::int64_t value) {
    std::string digits = std::to_string(value), result;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) result += ',';
        result += digits[i];
    }
    return result;
}

// One line of _debugmallocstats: the label padded to 35 columns, the
// number right-aligned in 21 (printone).
std::string stats_line(const char* label, std::int64_t value) {
    return fmt::format("{:<35}={:>21}\n", label, grouped(value));
}

// The free lists' part of the report (_PyDebugAllocatorStats): dicts,
// lists, then tuples by size. CPython also lists its float free list, which
// the model does not keep.
std::string free_list_lines(const Profile::FreeListCounts& held, const Profile::Sizes& z) {
    auto line = [](const std::string& name, int count, std::int64_t size) {
        std::string label = fmt::format("{:>48} ", fmt::format("{} free {}s * {} bytes each", count, name, size));
        return fmt::format("{}={:>21}\n", label, grouped(count * size));
    };
    // 3.8's bound-method and builtin-function free lists, where CPython
    // 3.8 prints them (its PyMethodObject: im_func, im_self,
    // im_weakreflist, vectorcall; its PyCFunctionObject: m_ml, m_self,
    // m_module, m_weakreflist, vectorcall).
    std::string lines;
    if (held.cfunctions >= 0) lines += line("PyCFunctionObject", held.cfunctions, z.object + 5 * z.pointer);
    lines += line("PyDictObject", held.dicts, z.dict);
    if (z.frame > 0) lines += line("PyFrameObject", held.frames, z.frame);
    lines += line("PyListObject", held.lists, z.list);
    if (held.methods >= 0) lines += line("PyMethodObject", held.methods, z.object + 4 * z.pointer);
    for (std::size_t i = 0; i < held.tuples.size(); ++i) {
        auto size = static_cast<std::int64_t>(i + 1);
        lines += line(fmt::format("{}-sized PyTupleObject", size), held.tuples[i], z.tuple + size * z.pointer);
    }
    return lines;
}

}  // namespace

Ref<> sys_getsizeof(Object*, Args args, void*) {
    Object* obj = nullptr;
    Object* fallback = nullptr;
    parse_args("sys.getsizeof", args, {"object", "default"}, 1, {&obj, &fallback});
    const Profile& profile = rt().profile();
    if (profile.sizes) return new_int(object_size(obj, *profile.sizes));
    if (fallback) return share(fallback);
    raise(types.TypeError, profile.getsizeof_error);
}

Ref<> sys_getallocatedblocks(Object*, Args args, void*) {
    check_nargs("sys.getallocatedblocks", args, 0, 0);
    return new_int(g_pymalloc ? g_pymalloc->allocated_blocks() : 0);
}

// The arena counts of CPython's report, then a blank line, then its free
// lists, on the C stderr; the size classes and pools it also lists are not
// printed. A build without pymalloc (Emscripten's) prints the free lists
// only (sys__debugmallocstats_impl: the arena part is WITH_PYMALLOC's).
Ref<> sys_debugmallocstats(Object*, Args args, void*) {
    check_nargs("sys._debugmallocstats", args, 0, 0);
    std::string report;
    if (g_pymalloc) {
        const Pymalloc::ArenaCounts& a = g_pymalloc->arena_counts();
        report = stats_line("# arenas allocated total", a.allocated_total) +
                 stats_line("# arenas reclaimed", a.reclaimed) + stats_line("# arenas highwater mark", a.highwater) +
                 stats_line("# arenas allocated current", a.current) + "\n";
    }
    if (auto held = rt().manager().free_list_counts()) report += free_list_lines(*held, *rt().profile().sizes);
    if (::write(2, report.data(), report.size()) < 0) raise(types.OSError, "cannot write to stderr");
    return new_none();
}

// The bytes an object asks its allocator for: its own size, or the headers
// of a type the profile gives no layout for.
std::int64_t block_size(Object* o, const Profile::Sizes& z) {
    std::int64_t size = own_size(o, z);
    return size >= 0 ? size : z.object + (o->type->has(TF_GC) ? z.gc_header : 0);
}

void allocate_block_computed(Object* o) {
    const std::optional<Profile::Sizes>& sizes = rt().profile().sizes;
    if (!sizes) return;
    // Computed once per type where it can be (the profile's sizes and what
    // own_size reads of a type are fixed once the type is made).
    TypeObject* t = o->type;
    std::int64_t size = t->instance_block_size;
    if (t == types.int_) {  // the most frequent, its size its own
        size = int_object_size(o, *sizes);
    } else if (t == types.tuple) {  // the next: own_size's answer without its chain of type tests
        size = tuple_size(static_cast<TupleObject*>(o)->size(), *sizes) + sizes->gc_header;
    } else if (size <= 0) {
        size = block_size(o, *sizes);
        if (t->instance_block_size == 0) {
            std::int32_t fixed = block_size_is_fixed(t);
            if (fixed < 0) t->instance_block_size = -1;
            else if (fixed > 0 && size > 0 && size <= INT32_MAX)
                t->instance_block_size = static_cast<std::int32_t>(size);
        }
    }
    account_block(o, size);
}

}  // namespace vm
