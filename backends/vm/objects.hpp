// The core object layouts: numbers, strings, the containers, code,
// functions, cells, bound methods, native functions and descriptors,
// modules. Each layout says what it holds, how it visits it (tp_traverse
// order) and how it releases it (CPython's dealloc order).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "call_site.hpp"
#include "item_array.hpp"
#include "lang/code.hpp"
#include "type.hpp"

namespace vm {

// ---- numbers ------------------------------------------------------------------------------------

struct BigDigits;  // bigint.hpp
void free_big_digits(BigDigits* big);

struct IntObject : Atom {  // also bool's layout
    std::int64_t value;  // 0 when big
    BigDigits* big = nullptr;  // owned: a value beyond int64 (bigint.hpp)
    IntObject(TypeObject* t, std::int64_t v) : Atom(t), value(v) {}
    explicit IntObject(TypeObject* t) : IntObject(t, 0) {}  // a subclass's instance, before int.__new__ sets it
    IntObject(const IntObject&) = delete;
    IntObject& operator=(const IntObject&) = delete;
    ~IntObject() {
        if (big) [[unlikely]]
            free_big_digits(big);
    }
};

struct FloatObject : Atom {
    double value;
    FloatObject(TypeObject* t, double v) : Atom(t), value(v) {}
    explicit FloatObject(TypeObject* t) : FloatObject(t, 0) {}  // a subclass's instance, before float.__new__ sets it
};

struct ComplexObject : Atom {
    double real, imag;
    ComplexObject(TypeObject* t, double r, double i) : Atom(t), real(r), imag(i) {}
};

// bytes and bytearray: their bytes (neither holds references, neither is a
// GC object in CPython).
struct BytesObject : Atom {
    std::string value;
    BytesObject(TypeObject* t, std::string v) : Atom(t), value(std::move(v)) {}
};

// ---- str ----------------------------------------------------------------------------------------

// Whether and why a str is interned, which decides whether CPython 3.12+
// made it immortal (sys.getrefcount): as an identifier-like constant or by
// sys.intern(); as a name in a code object; by pymodel's runtime, at
// start-up or for its own lookups. Each is a stronger claim than the one
// before: a str interned twice keeps the stronger. Which strs CPython's own
// start-up interned is the profile's (Profile::startup_interned), asked
// first.
enum class Interned : std::uint8_t { No, Constant, Name, Runtime };

// A str holds UTF-8; `length` counts code points.
struct StrObject : Atom {
    std::string value;
    std::size_t length;
    mutable std::int64_t hash_cache = -1;
    bool ascii;
    Interned interned = Interned::No;

    StrObject(TypeObject* t, std::string v);
    std::string_view view() const { return value; }
};

// ---- tuple, list --------------------------------------------------------------------------------

struct TupleObject : Object {
    ItemArray items;  // counted; a block of object memory, not malloc's

    using Object::Object;
    // Built with its items, so that the memory manager sees the tuple's size
    // when it is allocated (CPython keeps a free list per size).
    TupleObject(TypeObject* t, std::span<Object* const> items_owned) : Object(t) {
        items.assign(items_owned.begin(), items_owned.end());
    }
    std::size_t size() const { return items.size(); }
    void traverse(Visitor v) {  // last to first, as tupletraverse
        for (auto i = items.size(); i-- > 0;) v(items[i]);
    }
    void clear();
    void release();  // last to first, as tupledealloc
};

inline std::size_t Args::nkw() const { return kwnames ? kwnames->size() : 0; }

struct ListObject : Object {
    ItemArray items;  // counted

    using Object::Object;
    std::size_t size() const { return items.size(); }
    void traverse(Visitor v) {  // last to first, as list_traverse
        for (auto i = items.size(); i-- > 0;) v(items[i]);
    }
    void clear();  // list.clear(): empties first, then drops last to first
    void release() { clear(); }
};

// ---- dict and set -------------------------------------------------------------------------------

// The hash of a dict or set key (a str's is cached).
std::int64_t key_hash(Object* key);

// An insertion-ordered hash table, as CPython's combined dict: entries in
// insertion order (a deleted entry keeps its place with a null key until the
// table is rebuilt) and an open-addressing index into them. Lookups may run
// Python code (__eq__, __hash__); as CPython's, they restart when __eq__
// replaced the table (a rebuild, a clear) or emptied the entry compared.
//
// As CPython's keys object, the index and the entries share one block of
// object memory (object_memory.hpp), the index's slots 8 bits wide while
// the table has at most 128 of them (16 bits up to 2^15, else 32), and the
// counters are 32 bits: a dict is 80 bytes and a small one's table 8 bytes
// of index and 24 an entry. The entries grow within an index (doubling,
// up to what the index allows) without a rebuild, as a std::vector would:
// only rebuild() and clear() change `generation`.
//
// The index is as large as CPython's keys table and grows at the same
// insertion (insertion_resize, to GROWTH_RATE), so that sys.getsizeof
// reads a dict's table from it (allocator.md); popitem, as del, leaves its
// entry in place, which keeps the count CPython's dk_usable keeps.
struct HashTable {
    struct Entry {
        std::int64_t hash;
        Object* key;  // counted; null for a deleted entry
        Object* value;  // counted (null in a set)
    };

  private:
    // Declared in this order so that the table takes 32 bytes.
    char* block_ = nullptr;  // the index, then room for capacity_ entries; null when empty
    std::uint32_t nentries_ = 0;  // entries in use, deleted ones included
    std::uint32_t capacity_ = 0;
    std::uint8_t log2_size_ = 0;  // the index has 1 << log2_size_ slots

  public:
    // An instance's dict: split in CPython (its keys the class's), which
    // PyDict_Copy copies by another path than a combined table
    // (mark_split).
    bool split = false;
    std::uint32_t used = 0;  // live entries
    // Changes when the entries are replaced (CPython's new dk, or set table).
    std::uint32_t generation = 0;
    // Every key ever inserted since the last clear was an exact str
    // (CPython's DK_IS_UNICODE keys): then traverse visits the values only.
    bool unicode_keys = true;
    // A type's dict: a change to it is a change of the type's lookups.
    bool of_type = false;
    // A dict whose lookups an instruction keeps (GlobalSite): a change to
    // it, its clearing and its death bump g_watched_dicts_epoch.
    bool watched = false;
    // A dict whose CPython counterpart is split or shared, or filled by the
    // runtime (an instance's, a module's): sys.getsizeof does not answer.
    bool size_unmodeled = false;

    static constexpr std::int32_t kEmpty = -1, kDummy = -2;

    // An instance's dict: split in CPython, and so of a size the model
    // does not follow.
    void mark_split() {
        split = true;
        size_unmodeled = true;
    }

    HashTable() = default;
    HashTable(const HashTable&) = delete;
    HashTable& operator=(const HashTable&) = delete;
    ~HashTable() { free_block(); }  // the references were dropped by clear()

    // The entries in insertion order, deleted ones included.
    std::span<Entry> entries() const { return {entry_data(), nentries_}; }

    // log2 of the index's slots (CPython's dk_log2_size), 0 for none (the
    // shared empty keys).
    std::uint8_t log2_size() const { return block_ ? log2_size_ : 0; }
    // dictresize: the live entries moved to an index of 1 << log2_size slots.
    void resize(std::uint8_t log2_size) { rebuild(log2_size, std::max<std::size_t>(used, 1)); }
    // clone_combined_dict_keys: this empty table becomes a copy of `from`,
    // its index and its deleted entries included (takes new references).
    void clone(const HashTable& from);

    // The entry number of `key`, or -1.
    std::int64_t find(Object* key, std::int64_t hash);
    // Adds a new entry (the key must be absent); takes both references.
    void append(Object* key, std::int64_t hash, Object* value);
    // Empties the entry (the caller drops the key and value it returns).
    Entry remove(std::int64_t entry);
    // Empties the table, then drops each key and its value in order.
    void clear();
    // dict_traverse: each value, then its key unless the keys are all str.
    void traverse(Visitor v) {
        for (Entry& e : entries())
            if (e.key) {
                v(e.value);
                if (!unicode_keys) v(e.key);
            }
    }

  private:
    std::size_t index_size() const { return block_ ? std::size_t(1) << log2_size_ : 0; }
    // log2 of a slot's bytes: an index of up to 128 slots has fewer than 128 entries
    static int slot_shift(std::uint8_t log2_size) { return log2_size < 8 ? 0 : log2_size < 16 ? 1 : 2; }
    std::size_t index_bytes() const { return index_size() << slot_shift(log2_size_); }
    std::size_t block_bytes() const { return index_bytes() + capacity_ * sizeof(Entry); }
    Entry* entry_data() const { return reinterpret_cast<Entry*>(block_ + index_bytes()); }
    std::int32_t slot(std::size_t i) const;
    void set_slot(std::size_t i, std::int32_t entry);
    void free_block();
    void rebuild(std::uint8_t log2_size, std::size_t capacity);
    void grow();
    void leave_unicode_keys();
    void grow_entries();
    std::size_t slot_of_entry(std::int64_t hash, std::int64_t entry) const;
};
static_assert(sizeof(HashTable) == 32);

struct DictObject : Object {
    HashTable table;
    // The instance whose inline values this dict is a view of (3.13+,
    // gc.materialized_dict_is_view; instance.hpp), not counted: that
    // instance's traversal visits the values, and this dict's none.
    Object* view_of = nullptr;
    using Object::Object;
    void traverse(Visitor v) {
        if (!view_of) table.traverse(v);
    }
    void clear() { table.clear(); }  // dict.clear() and dict_dealloc: keys and values in order
    void release() { table.clear(); }
};

// A slot of CPython's set table: unused (no key), a dummy (kSetDummy, hash
// -1: its key was removed) or active (a counted key and its hash).
struct SetSlot {
    Object* key = nullptr;
    std::int64_t hash = 0;
};
// The dummy key: never dereferenced.
inline Object* const kSetDummy = reinterpret_cast<Object*>(alignof(Object));

// set and frozenset (set.cpp). CPython's is an open-addressing table of
// mask + 1 slots (8 at first) probed from each key's hash, and a set
// iterates, repr()s, copies and deallocates in slot order, so the model
// keeps the same table: the same hashes (hash.hpp) give the same order.
// PyPy's set keeps its items in insertion order (the profile's
// sets.insertion_ordered): `table` then holds them, as a dict's table
// without values, and the slots are not used.
struct SetObject : Object {
    std::vector<SetSlot> slots;  // empty: the 8 unused slots of a new set
    std::size_t mask = 7;
    std::size_t fill = 0;  // active and dummy slots
    std::size_t used = 0;  // active slots
    std::size_t finger = 0;  // where pop() looks first
    // Changes when `slots` is replaced (a resize, a clear): a lookup whose
    // __eq__ did that starts again, as CPython's does when so->table moved.
    std::uint32_t version = 0;
    HashTable table;  // PyPy's items, in insertion order
    using Object::Object;
    void traverse(Visitor v);
    void clear();
    void release() { clear(); }
};

// ---- code, cells, functions ---------------------------------------------------------------------

// Bumped by every change to a watched dict (HashTable::watched): the
// answers GlobalSite keeps from an older epoch are stale.
extern std::uint64_t g_watched_dicts_epoch;

// What LOAD_GLOBAL found for its name in a globals and a builtins dict,
// valid while they are the same dicts and g_watched_dicts_epoch has not
// moved (CPython 3.11's LOAD_GLOBAL inline cache keys on the dicts' keys
// versions). Kept only for dicts whose keys are all str, where a lookup
// runs no Python code; the dicts are watched from then on.
struct GlobalSite {
    const DictObject* globals = nullptr;
    const DictObject* builtins = nullptr;
    std::uint64_t epoch = 0;
    Object* value = nullptr;  // borrowed from one of the dicts
};

// A compiled code object: lang::Code with its constants and names turned into
// objects. Like CPython's, it is not a container the collector sees.
struct CodeObject : Object {
    std::shared_ptr<const lang::Code> code;
    std::vector<Object*> consts;  // counted
    std::vector<StrObject*> names;  // counted, interned
    std::vector<StrObject*> localsplus_names;  // varnames, cellvars, freevars; counted
    StrObject* name = nullptr;  // counted
    StrObject* qualname = nullptr;  // counted
    StrObject* filename = nullptr;  // counted
    int nlocals = 0, ncells = 0, nfrees = 0;
    int nlocalsplus = 0;  // nlocals + ncells + nfrees
    int stacksize = 0;
    int frame_bytes = 0;  // of its frames on the frame stack: Frame::size_for, 16-byte aligned
    // Per instruction, what CPython's specializer made of a CALL (3.11+:
    // call_site.hpp). Empty until a CALL needs it.
    std::vector<CallSite> call_sites;
    int warmup = 0;  // RESUMEs and JUMP_BACKWARDs run (calls.specialize_after_warmup)
    // gc.frame_objects (to 3.10): the code keeps the last frame object of
    // its calls that exited, for its next call (co_zombieframe).
    bool zombie_frame = false;
    // No keyword-only, * or ** parameter: a call of co_argcount positional
    // arguments and no keywords moves them into the frame one to one.
    bool binds_positionally = false;
    // Its frames' slots are dropped first to last (Frame::clear): the
    // profile's order is upward and no cell is a parameter's (Code::cell2arg).
    bool slots_cleared_upward = false;
    // Per instruction, the type lookup of LOAD_ATTR, LOAD_METHOD and
    // STORE_ATTR (their name on the type of their object's last run).
    // Empty until one of them needs it.
    std::vector<LookupSite> lookup_sites;
    // Per instruction, what LOAD_GLOBAL found; empty until one runs.
    std::vector<GlobalSite> global_sites;

    using Object::Object;
    void traverse(Visitor v);
    void clear() {}
    void release();
    std::uint32_t flags() const { return code->flags; }
    int line_of(int instruction) const;
};

struct CellObject : Object {
    Object* ref = nullptr;  // counted; null when empty
    using Object::Object;
    void traverse(Visitor v) { v(ref); }
    void clear();
    void release() { clear(); }
};

struct FunctionObject : Object {
    CodeObject* code;  // counted
    DictObject* globals;  // counted
    Object* builtins;  // counted
    StrObject* name;  // counted
    StrObject* qualname;  // counted
    Object* module = nullptr;  // counted: __module__
    TupleObject* defaults = nullptr;  // counted
    DictObject* kwdefaults = nullptr;  // counted
    Object* doc = nullptr;  // counted
    DictObject* dict = nullptr;  // counted: function attributes
    TupleObject* closure = nullptr;  // counted: cells
    Object* annotations = nullptr;  // counted

    FunctionObject(TypeObject* t, CodeObject* code, DictObject* globals, Object* builtins);
    void traverse(Visitor v);
    void clear();  // func_clear
    void release();  // func_dealloc: func_clear, then code, name, qualname
};

// A function bound to an instance (types.MethodType).
struct MethodObject : Object {
    Object* func;  // counted
    Object* self;  // counted
    MethodObject(TypeObject* t, Object* f, Object* s) : Object(t), func(f), self(s) {}
    void traverse(Visitor v) {
        v(func);
        v(self);
    }
    void clear();
    void release();
};

// A function implemented in C++ (builtin_function_or_method), possibly
// bound to an object (a module, or the instance of a method descriptor).
struct NativeFunctionObject : Object {
    const char* name;
    NativeFn fn;
    void* data;
    Object* self = nullptr;  // counted
    // A slot wrapper bound to `self` (CPython's method-wrapper, which has no
    // free list), not a builtin method.
    bool method_wrapper = false;
    // Counts as an instruction boundary (PyPy runs app-level builtins as
    // bytecode; see the profile's app_level_builtins).
    bool app_level = false;
    // How CPython passes it its arguments, as far as the gc count sees (the
    // profile's builtins.varargs, builtins.clinic_varargs and
    // builtins.keyword_parsers). Varargs: in a new tuple at each call
    // (METH_VARARGS). ClinicVarargs: the same, and the first call makes
    // Argument Clinic's parser, whose tuple of keyword names
    // (clinic_keywords, the profile's) lives on. Parser: only that tuple
    // (a static _PyArg_Parser of METH_FASTCALL), made by the first call
    // that passes keywords (the others are not parsed).
    enum class Packing : std::uint8_t { None, Varargs, ClinicVarargs, Parser } packing = Packing::None;
    bool parser_made = false;
    const std::vector<std::string>* clinic_keywords = nullptr;

    // `wrapper`: a method-wrapper, set before the manager sees the object,
    // which must not take it from 3.8's builtin-function free list either.
    NativeFunctionObject(TypeObject* t, const char* n, NativeFn f, void* d, Object* s, bool wrapper = false);
    void traverse(Visitor v) { v(self); }
    void clear() {}
    void release();
};

// The descriptors a type's dict holds for its methods and attributes. Like
// CPython's, each keeps its type alive (d_type).
struct DescriptorObject : Object {
    TypeObject* owner;  // counted
    DescriptorObject(TypeObject* t, TypeObject* o);
    void traverse(Visitor v) { v(reinterpret_cast<Object*>(owner)); }
    void clear() {}
    void release();
};

// A method of a builtin type (method_descriptor): binds to an instance.
struct MethodDescriptorObject : DescriptorObject {
    const char* name;
    NativeFn fn;
    void* data;  // passed to fn (a slot wrapper's type)
    bool slot_wrapper = false;  // a wrapper_descriptor: what it binds is a method-wrapper
    MethodDescriptorObject(TypeObject* t, TypeObject* o, const char* n, NativeFn f, void* d = nullptr)
        : DescriptorObject(t, o), name(n), fn(f), data(d) {}
};

// A computed attribute of a builtin type (getset_descriptor).
struct GetSetDescriptorObject : DescriptorObject {
    using Getter = Ref<Object> (*)(Object* self);
    using Setter = void (*)(Object* self, Object* value);  // value null: delete
    const char* name;
    Getter getter;
    Setter setter;
    GetSetDescriptorObject(TypeObject* t, TypeObject* o, const char* n, Getter g, Setter s)
        : DescriptorObject(t, o), name(n), getter(g), setter(s) {}
};

// A __slots__ entry of a class (member_descriptor).
struct MemberDescriptorObject : DescriptorObject {
    StrObject* name;  // counted
    int slot;  // index in InstanceData::slots
    MemberDescriptorObject(TypeObject* t, TypeObject* o, StrObject* n, int i);
    void release();
};
// The slot `d` stands for in `obj` (null when unset); a TypeError when `d`
// does not apply to `obj`.
Object*& member_slot(MemberDescriptorObject* d, Object* obj);

// staticmethod and classmethod wrap a callable and have a __dict__ of their
// own (cm_dict, sm_dict); property holds accessors.
struct WrapperObject : Object {
    Object* callable = nullptr;  // counted; null until __init__
    DictObject* dict = nullptr;  // counted; made when first needed
    using Object::Object;
    WrapperObject(TypeObject* t, Object* c) : Object(t), callable(c) {}
    void traverse(Visitor v) {  // cm_traverse's order
        v(callable);
        v(dict);
    }
    void clear();
    void release() { clear(); }
};

// types.GenericAlias (PEP 585, 3.9+: `list[int]`) and the union of
// `int | None` (PEP 604, 3.10+; no origin): generic_alias.cpp.
struct GenericAliasObject : Object {
    Object* origin = nullptr;  // counted
    TupleObject* args = nullptr;  // counted
    Object* parameters = nullptr;  // counted; made when first asked for
    explicit GenericAliasObject(TypeObject* t) : Object(t) {}
    void traverse(Visitor v) {
        v(origin);
        v(args);
        v(parameters);
    }
    void clear();
    void release() { clear(); }
};

struct PropertyObject : Object {
    Object* fget = nullptr;  // counted
    Object* fset = nullptr;
    Object* fdel = nullptr;
    Object* doc = nullptr;
    bool getter_doc = false;  // its __doc__ came from fget's
    using Object::Object;
    void traverse(Visitor v) {
        v(fget);
        v(fset);
        v(fdel);
        v(doc);
    }
    void clear();
    void release() { clear(); }
};

// super(): the class it was called in and the object it binds to.
struct SuperObject : Object {
    TypeObject* cls = nullptr;  // counted: the class super() was called in
    Object* obj = nullptr;  // counted
    TypeObject* obj_type = nullptr;  // counted
    using Object::Object;
    void traverse(Visitor v) {  // super_traverse's order
        v(obj);
        v(cls);
        v(obj_type);
    }
    void clear();
    void release() { clear(); }
};

// ---- range, slice -------------------------------------------------------------------------------

struct RangeObject : Atom {
    std::int64_t start, stop, step;
    RangeObject(TypeObject* t, std::int64_t a, std::int64_t b, std::int64_t s) : Atom(t), start(a), stop(b), step(s) {}
    std::int64_t length() const;
};

struct SliceObject : Object {
    Object* start;  // counted (None when absent)
    Object* stop;
    Object* step;
    SliceObject(TypeObject* t, Object* a, Object* b, Object* s) : Object(t), start(a), stop(b), step(s) {}
    void traverse(Visitor v) {
        v(start);
        v(stop);
        v(step);
    }
    void clear() {}
    void release();
};

// An object that is only an attribute dict (types.SimpleNamespace).
struct NamespaceObject : Object {
    DictObject* dict = nullptr;  // counted
    using Object::Object;
    void traverse(Visitor v) { v(reinterpret_cast<Object*>(dict)); }
    void clear();
    void release() { clear(); }
};

// ---- memoryview ---------------------------------------------------------------------------------

// The buffer memoryviews share (_PyManagedBufferObject): the object whose
// bytes they show.
struct ManagedBufferObject : Object {
    Object* obj = nullptr;  // counted
    using Object::Object;
    void traverse(Visitor v) { v(obj); }
    void clear();
    void release() { clear(); }
};

struct MemoryViewObject : Object {
    ManagedBufferObject* mbuf = nullptr;  // counted
    std::size_t start = 0, length = 0;  // the bytes of mbuf's object it shows
    bool released = false;
    using Object::Object;
    void traverse(Visitor v) { v(mbuf); }
    void clear();
    void release() { clear(); }
};
// The bytes a memoryview shows (a ValueError once it is released).
std::string_view memoryview_bytes(Object* view);

// ---- modules ------------------------------------------------------------------------------------

struct ModuleObject : Object {
    DictObject* dict;  // counted
    std::string name;
    ModuleObject(TypeObject* t, DictObject* d, std::string n) : Object(t), dict(d), name(std::move(n)) {}
    void traverse(Visitor v);
    void clear();
    void release();
};

}  // namespace vm
