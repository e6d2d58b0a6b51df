// A runtime profile: everything that differs between the modeled runtimes
// and is data (backends/profiles/<name>.toml). Every key is documented in
// the TOML files.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hash.hpp"
#include "lang/lang.hpp"
#include "pymalloc.hpp"

namespace vm {

// The containers CPython keeps free lists of, and the others (sets,
// functions, ...): what a replayed allocation is. Frame: a frame object of
// CPython 3.10 and earlier (gc.frame_objects). Method: a bound method;
// BuiltinMethod: a builtin function or method object; 3.8 keeps a free list
// of each.
enum class Container : std::uint8_t { Dict, List, Tuple, Frame, Method, BuiltinMethod, Other };

// An object the runtime's own code left as cyclic garbage, as the next
// collection frees it: its kind (Other: not kept on a free list), a tuple's
// size, and whether it is tracked (found by the collection) or only freed
// with the objects that are.
struct GarbageObject {
    Container kind = Container::Other;
    int size = 0;
    bool tracked = true;
    // A tuple that holds no tracked object: a collection after it was made
    // untracks it (_PyTuple_MaybeUntrack), so a later one does not find it.
    bool untrackable = false;
    // In a piece of garbage made object by object (&K): the index of the
    // piece's object that holds this one, which is on no cycle of it (the
    // function a class's dict holds); -1: on its cycle (or held anywhere).
    int holder = -1;
    // Held from outside the piece too (`+`), until the piece's ReleaseHeld
    // event: a code object's tuple that the module's code held until the
    // module body ended. A collection of the piece before that leaves it.
    bool held_outside = false;
};

// What CPython 3.12+'s specializer makes of a call site (Python/specialize.c),
// as far as the eval breaker is concerned: the calls whose specialized
// instruction may check none (len(x), isinstance(x, t), lst.append(x) whose
// result is dropped, type(x)), and every other call. Str1: str(x)
// (CALL_NO_KW_STR_1), which packs no arguments where str has no vectorcall.
// InitOfClass: CALL_ALLOC_AND_ENTER_INIT (3.13+), a class whose __init__
// is a plain function of as many positional parameters as the call gives.
enum class CallForm : std::uint8_t { Other, Len, IsInstance, ListAppend, Type1, Str1, InitOfClass };

// One event of a recorded runtime trace (an import's): a container the
// runtime's own code allocated or freed, `repeat` times; objects allocated
// so far in this import that are cyclic garbage from here on (for the next
// collection to find); the frame object of a code's first call (3.10 and earlier); the
// start and end of a nested import, replayed only when that module was not
// imported before; or the start and end of C code that checks no eval
// breaker (unmarshalling).
struct RuntimeEvent {
    enum class Op : std::uint8_t {
        Allocate,
        Free,
        Garbage,
        BeginImport,
        EndImport,
        BeginNoChecks,
        EndNoChecks,
        SubclassesDict,  // the dict of a base's first subclass: allocated only if the base has none yet
        CodeFrame,  // a frame (to 3.10): of a named code's first call, whose zombie serves its later
                    // calls, in any trace; else of a call nested in another of its code: always
        Check,  // (3.13+) an eval breaker check: a collection scheduled before runs here
        GarbageAllocated,  // objects allocated here (charged by the events around), more of the
                           // `piece` that a later Garbage event of it makes cyclic garbage
        ReleaseHeld,  // the outside holder of the `piece`'s held_outside objects lets them go
    };
    Op op = Op::Allocate;
    Container kind = Container::Other;
    int size = 0;  // a tuple's
    int repeat = 1;
    std::string module;  // BeginImport's; SubclassesDict's base (its tp_name); CodeFrame's code, if any
    std::vector<GarbageObject> garbage;  // Garbage's (none when it names a piece), GarbageAllocated's
    int piece = -1;  // GarbageAllocated's, and the Garbage and ReleaseHeld events of that piece
};

// Import traces by module. The file (backends/profiles/*.imports) has an
// `import MODULE` line before each module's events. Loading a profile only
// finds where each module's section is; its events are parsed the first
// time the program imports the module: a program imports few of the
// modules, and tracemalloc's trace alone is most of the file.
class ImportTraces {
  public:
    // `text` indexed by its `import MODULE` lines; nullopt, with `error`
    // naming `name` (the file) and the line, when events come before the
    // first of them or a module has two.
    static std::optional<ImportTraces> index(std::string text, std::string name, std::string& error);

    // The events of `module`'s import; null when the file has none. A
    // malformed section throws std::runtime_error with `name:line: what`.
    const std::vector<RuntimeEvent>* find(std::string_view module) const;
    // Parses every section: false, with the first error, when one is
    // malformed.
    bool check(std::string& error) const;
    std::size_t size() const { return sections_.size(); }
    // Whether the file marks where CPython checks its eval breaker (`^`,
    // recorded from 3.13): a collection an allocation schedules then runs
    // only there. Else the replay checks after each allocation outside
    // { } (the runtime's Python code checks often).
    bool marks_checks() const { return marks_checks_; }

  private:
    struct Section {
        std::size_t begin = 0, end = 0;  // the events' text, after the `import` line
        int first_line = 0;
        mutable std::optional<std::vector<RuntimeEvent>> events;  // parsed on first use
    };
    std::optional<std::vector<RuntimeEvent>> parse(const Section& section, std::string& error) const;

    std::shared_ptr<const std::string> text_;
    std::string name_;
    std::map<std::string, Section, std::less<>> sections_;
    bool marks_checks_ = false;
};

// Indexes the traces of `in` and parses them all (ImportTraces::check).
std::optional<ImportTraces> read_import_traces(std::istream& in, const std::string& name, std::string& error);

// The names the modeled runtime has where a program looks names up: its
// builtins, the attributes of each built-in type (less object's, which only
// object's line lists) and of each module pymodel provides. The file
// (backends/profiles/*.names, recorded by tools/runtime_names) has a line
// per owner: `builtins NAME...`, `module gc NAME...`, `type str NAME...`.
// A lookup that fails in the model for a name the runtime has stops the
// program as unsupported: the runtime would have found it.
class RuntimeNames {
  public:
    // `text` indexed by owner; nullopt, with `error` naming `name` (the
    // file) and the line, for a line of no known owner or a second line of
    // one owner.
    static std::optional<RuntimeNames> index(std::string text, std::string name, std::string& error);

    bool empty() const { return owners_.empty(); }
    // Whether `owner` ("builtins", "module gc", "type str") has `name`.
    bool has(std::string_view owner, std::string_view name) const;

  private:
    std::shared_ptr<const std::string> text_;
    std::map<std::string, std::string_view, std::less<>> owners_;  // the names: a view of text_
};

// The messages of the modeled runtime's call errors for builtins: a wrong
// number of positional arguments, an unexpected keyword. The file
// (backends/profiles/*.callerrors, recorded by tools/call_errors) has a
// line per builtin (its key: `len`, `str` for the type's call, `list.append`,
// `gc.enable`) and counts: `KEY SPEC MESSAGE`, SPEC a count `N`, a range
// `N-M`, `N+` (N and up) or `kw` (a keyword the builtin does not know);
// MESSAGE a template of `{n}`, `{n+1}` (the count, the count and `self`)
// and `{kw}` (the keyword), or `(accepted)` where the runtime's parser
// takes that many arguments. `KEY kw=NAME (accepted)`: the keyword NAME is
// one the builtin takes (its signature's), so `kw`'s message is not its.
class CallErrors {
  public:
    // `text` parsed; nullopt, with `error` naming `name` (the file) and the
    // line, for a line that is no `KEY SPEC MESSAGE`.
    static std::optional<CallErrors> index(std::string text, const std::string& name, std::string& error);

    enum class Found { Nothing, Accepted, Message };
    // What the runtime says to `key` called with `count` positional
    // arguments; the filled-in message in `message` when Found::Message.
    Found arity(std::string_view key, std::size_t count, std::string& message) const;
    // What it says to `key` called with the keyword `keyword`, which the
    // model does not take: Accepted where the runtime takes it.
    Found keyword(std::string_view key, std::string_view keyword, std::string& message) const;

  private:
    struct Entry {
        std::size_t first = 0, last = 0;  // the counts it covers; SIZE_MAX for `N+`
        bool for_keyword = false;
        std::string keyword;  // kw=NAME's NAME; "" for `kw`, any other keyword
        bool accepted = false;
        std::string message;
    };
    std::multimap<std::string, Entry, std::less<>> entries_;
};

// The strs the modeled runtime had interned when the main file's first line
// ran, and what sys.getrefcount reads for each. The file
// (backends/profiles/*.interned, recorded by tools/interned_strs) lists
// them one a line, in groups each headed by `= N`: N the fixed count of an
// immortal str (3.12+), 0 for a str whose count moves (every reference the
// runtime holds: the model cannot tell it).
class StartupInterned {
  public:
    // `text` indexed; nullopt, with `error` naming `name` (the file) and the
    // line, for a name before the first `= N`, an N that is no number, or a
    // name not after the one before it (each group is sorted: looked up by
    // binary search, with no index to build).
    static std::optional<StartupInterned> index(std::string text, const std::string& name, std::string& error);

    // nullopt when the runtime had not interned `s`; else its fixed count,
    // or 0 when its count moves.
    std::optional<std::int64_t> count(std::string_view s) const;

  private:
    struct Group {
        std::int64_t count;
        std::vector<std::string_view> names;  // views of text_, sorted
    };
    std::shared_ptr<const std::string> text_;
    std::vector<Group> groups_;
};

// sys.c_recursion: how C code's recursion is limited.
enum class CRecursion {
    Shared,  // to 3.11: one count with the Python frames, under sys.setrecursionlimit()
    Counted,  // 3.12, 3.13: a count of its own against a fixed limit (Py_C_RECURSION_LIMIT)
    Stack,  // 3.14, PyPy: the C stack's room, which the model cannot know
};

struct Profile {
    std::string name;  // the file's stem: "cpython-3.11"
    std::string description;
    std::string manager;  // "refcount" or "tracing"
    std::string version_line;  // printed by pymodel --version

    // sys
    std::string implementation_name;
    std::array<int, 3> version_info{};
    std::string release_level = "final";
    int serial = 0;
    std::string sys_version;
    std::string platform;  // sys.platform
    // What sys.getrefcount gives for an immortal object (PEP 683, 3.12+):
    // one CPython makes at start-up (a singleton, a small int, a builtin
    // type, its own names), and a str the program interned that CPython
    // made immortal (3.12: every one; 3.13+ with immortal_names_only: a name
    // in a code object). 0: mortal (sys.getrefcount on it is unsupported).
    std::int64_t immortal_refcount = 0;
    std::int64_t interned_immortal_refcount = 0;
    bool immortal_names_only = false;
    std::vector<std::string> sys_names;  // the sys attributes that exist
    std::vector<std::string> sys_flags;  // sys.flags' fields, in order
    int sys_flags_int_max_str_digits = -1;  // sys.flags.int_max_str_digits
    int recursion_limit = 1000;
    // How the runtime limits its C code's recursion (Py_EnterRecursiveCall:
    // repr, str, comparison, a call of a builtin): sys.c_recursion.
    CRecursion c_recursion = CRecursion::Shared;
    int c_recursion_limit = 0;  // Counted: the levels allowed
    int c_recursion_at_start = 0;  // Counted: the levels the main program's code starts at
    // The C levels past which the runtime's stack may run out: the model
    // answers only below it (Stack: also below half the recursion limit).
    int c_recursion_safe_depth = 10000;
    bool c_stack_sized_by_limit = false;  // sys.setrecursionlimit sizes the stack's room (PyPy)

    // Hashing ([hash]): how str and bytes hash, and the width of a hash.
    HashSpec hash;
    std::int64_t none_hash = 0;  // hash(None), a constant from 3.12; 0: by its address
    bool nan_hash_zero = false;  // hash(float('nan')) is 0 (to 3.9, PyPy); else by its address
    bool hashable_slices = false;  // a slice hashes its start, stop and step (3.12+); else unhashable
    bool sets_insertion_ordered = false;  // a set iterates in insertion order (PyPy), not its table's
    // A `*` operand that is not iterable, in a display or among a call's
    // positional arguments (LIST_EXTEND): 3.9+ says "Value after * must be
    // an iterable, not T"; PyPy keeps iter()'s error; 3.8's names the
    // function called (not modeled: unsupported).
    enum class StarredError { ValueAfterStar, NotIterable, NamesCallee };
    StarredError starred_error = StarredError::ValueAfterStar;
    // A `**` operand of a dict display is a mapping only with __getitem__,
    // and not a list or tuple (PyPy); CPython asks for keys() alone.
    bool display_mapping_needs_getitem = false;
    // The one-character strs whose interning, as a code object is made,
    // gives another object (CPython's static identifier strs): a frozenset
    // constant holding one is made again (set.cpp, new_set_of_constants).
    std::string interning_replaced_chars;
    // sys.getsizeof: the modeled runtime's object sizes in bytes (optional
    // [sizes]; without it getsizeof raises TypeError with this message, as
    // PyPy's does, or returns its default argument).
    struct Sizes {
        std::int64_t pointer = 0;  // an item of a tuple or list
        std::int64_t gc_header = 0;  // PyGC_Head, before every container
        std::int64_t object = 0;  // PyObject_HEAD: object(), None
        std::int64_t int_header = 0;  // offsetof(PyLongObject, ob_digit)
        std::int64_t int_digit = 0;  // one 30-bit digit
        std::int64_t int_min_digits = 0;  // digits counted for 0
        std::int64_t float_ = 0;
        std::int64_t str_ascii = 0;  // PyASCIIObject: then one byte per character and the NUL
        std::int64_t str_compact = 0;  // PyCompactUnicodeObject: then (length + 1) * kind
        std::int64_t tuple = 0;  // PyTupleObject without items
        std::int64_t list = 0;  // PyListObject without its item array
        std::int64_t dict = 0;  // PyDictObject; an empty dict shares the empty keys
        std::int64_t dict_keys = 0;  // PyDictKeysObject's header
        std::int64_t dict_entry = 0;  // PyDictKeyEntry
        std::int64_t dict_unicode_entry = 0;  // PyDictUnicodeEntry (str keys only)
        std::int64_t set = 0;  // PySetObject with its small table
        std::int64_t managed_dict = 0;  // the pre-header of an instance with a __dict__
        bool dict_keysize_overshoots = false;  // calculate_log2_keysize's bit_length((n | 8) - 1)
        bool dict_new_allocates_keys = false;  // dict() has a table of 8 slots (to 3.9)
        bool weakref_in_preheader = false;  // ... which also holds its weakref pointer (3.12+)
        // An instance of a class derived from a variable-size type (a tuple
        // subclass) keeps a __dict__ pointer, not the managed dict's pre-header (3.11).
        bool dict_pointer_with_items = false;
        std::int64_t frame = 0;  // PyFrameObject, as _debugmallocstats gives it (to 3.10; 0: no frame free list)
        // tp_basicsize of the types of the native modules, by their tp_name
        // ("itertools.chain"): the allocation of an instance, GC header aside.
        std::map<std::string, std::int64_t, std::less<>> types;

        // An int's object: its header and 30-bit digits (int_min_digits for 0).
        std::int64_t int_size(std::int64_t value) const {
            std::uint64_t magnitude =
                value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
            std::int64_t digits = 0;
            for (; magnitude; magnitude >>= 30) ++digits;
            return int_size_of_digits(digits);
        }
        std::int64_t int_size_of_digits(std::int64_t digits) const {
            return int_header + std::max(digits, int_min_digits) * int_digit;
        }
    };
    // Whether format() with a decimal spec and %d keep to
    // sys.set_int_max_str_digits' limit, as str() does (PyPy's do not).
    bool int_format_limits_str_digits = true;
    std::optional<Sizes> sizes;
    std::string getsizeof_error;  // without [sizes]
    // The small-object allocator (optional [pymalloc], which needs [sizes]):
    // sys.getallocatedblocks and sys._debugmallocstats read it.
    std::optional<Pymalloc::Params> pymalloc;
    // The public tracemalloc attributes this runtime has (optional
    // [tracemalloc]); without it the module's import fails for want of
    // _tracemalloc, as on PyPy.
    std::optional<std::vector<std::string>> tracemalloc_names;

    // gc and weakref
    std::vector<std::string> gc_names;  // the gc attributes that exist
    std::array<int, 3> gc_thresholds{};
    int gc_settable_thresholds = 3;  // how many of them gc.set_threshold() sets (3.14: 2)
    bool gc_collect_returns_count = true;  // false: None
    std::array<int, 3> gc_startup_counts{};  // gc.get_count() at the first line of a program
    int gc_startup_generation = 2;  // where what the start-up made lives at the first line
    // What start-up left on CPython's free lists (tuples: of sizes 1, 2, ...).
    struct FreeListCounts {
        int dicts = 0, lists = 0;
        std::vector<int> tuples;
        int frames = 0;  // with gc_frame_objects
        int methods = -1;  // bound methods (3.8); -1: they have no free list
        int cfunctions = -1;  // builtin functions and methods (3.8); -1: the same
    };
    FreeListCounts gc_startup_free_lists;
    // The objects CPython's start-up left tracked that the model does not
    // make: in generation 0 (those its first collection keeps), in the
    // start-up generation, and of those the tuples the next collection of
    // theirs untracks and the dicts the next full collection untracks.
    struct StartupUnmodeled {
        std::int64_t young = 0, startup_generation = 0, tuples = 0, dicts = 0;
    };
    StartupUnmodeled gc_startup_unmodeled;
    // The same for what each traced import leaves (tools/import_traces/
    // survivors.py): its tracked objects, tuples and dicts of atoms.
    std::map<std::string, std::array<int, 3>, std::less<>> gc_import_unmodeled;
    // The largest tuples the free lists give back (tuple_alloc) and take in
    // (tupledealloc): 3.11 and 3.12 keep a 20-tuple they never reuse, 3.10
    // and earlier keep up to 19, 3.13 keeps and reuses up to 20.
    int gc_tuple_reuse_size = 19;
    int gc_tuple_keep_size = 20;
    bool gc_compile_allocations = false;  // the count sees what compiling the program allocated
    // The dicts of a compiler unit (compiler_enter_scope): 3.11's varnames,
    // cellvars, freevars, consts and names; 3.12 adds fasthidden (PEP 709).
    int gc_compiler_unit_dicts = 5;
    // assemble() merges each code object's exception table as a constant
    // (3.11's zero-cost exceptions; 3.10's code has none).
    bool gc_compiler_exception_table = true;
    bool gc_compiler_generator_handler = false;  // see CompilerShape::generator_handler
    bool gc_compiler_inline_swaps_argument = false;  // see CompilerShape::inline_swaps_argument
    // ... and its bytecode and line table (3.10+; 3.8's and 3.9's merge no bytes).
    bool gc_compiler_merges_bytes = true;
    // The bytecode and line table merged are 3.10's (its instructions; lines
    // without columns): CompilerShape::bytes_of_3_10.
    bool gc_compiler_bytes_of_3_10 = false;
    // A function's qualified name is a constant of the code that makes it,
    // for MAKE_FUNCTION (to 3.10; co_qualname from 3.11); makecode() merges
    // the varnames, cellvars and freevars tuples, not one of all the fast
    // locals' names (to 3.10).
    bool gc_compiler_qualname_constants = false;
    // The items of the tuple the symtable records for each name a global or
    // nonlocal statement declares (symtable_record_directive: the name and
    // its position; 3 to 3.9, 5 with the end position from 3.10).
    int gc_compiler_directive_items = 5;
    // PyCode_Optimize folds a tuple of constant defaults after makecode()
    // made the name tuples, without merging it (3.8, 3.9).
    bool gc_compiler_peephole_folds = false;
    // compiler_visit_annotations makes a list of the annotated names for
    // each def (3.8, 3.9), freed when the def has no annotations.
    bool gc_compiler_annotation_list = false;
    // makecode()'s constants tuple (PyList_AsTuple, so _PyTuple_FromArray)
    // is tracked only when one of its items is of a GC type (3.14.1+,
    // gh-139951): a code whose constants are atoms leaves no count, nor a
    // tuple of atoms the compiler makes from a list (__static_attributes__).
    bool gc_compiler_atom_constants_untracked = false;
    bool gc_compiler_small_int_loads = false;  // co_consts keeps an int of 0 to 255 only as the first (3.14)
    // An allocation past the threshold schedules the collection for the
    // next eval-breaker check, which the loop makes only where CPython does
    // (3.12+); else the allocation collects.
    bool gc_collect_at_eval_breaker = false;
    // With it, a scheduled collection runs only if the collector is still
    // enabled when the eval breaker is checked (3.13's _Py_RunGC); else it
    // runs even after gc.disable() (3.12).
    bool gc_scheduled_collection_checks_enabled = false;
    // With it, the call forms (a bit per CallForm) whose specialized
    // instruction checks no eval breaker: a call site is specialized at its
    // second run (gc.unchecked_specialized_calls).
    unsigned gc_unchecked_call_forms = 0;
    // With it, str() and repr() (PyObject_Str/Repr) first run a scheduled
    // collection (PyErr_CheckSignals, 3.12+).
    bool gc_collect_at_check_signals = false;
    // The gen-0 count moves when a container is tracked and untracked
    // (_PyObject_GC_TRACK/UNTRACK, 3.14's incremental collector), not when
    // a GC object is allocated and freed: free lists do not matter to it.
    bool gc_count_tracked = false;
    // Every dict is tracked from its creation, and no collection untracks
    // one (3.14); else a dict is tracked once it holds a container.
    bool gc_dicts_always_tracked = false;
    // The incremental collector of 3.14.0-3.14.4 (gh-108362): a young
    // generation and an old one in two spaces, visited and pending; an
    // automatic collection or gc.collect(1) is one increment, which first
    // marks what the roots reach and then pays that work back before it
    // collects again (refcount/collector.md). Else the generational one.
    bool gc_incremental = false;
    // A tuple made from an array of items (_PyTuple_FromArray: BUILD_TUPLE,
    // tuple(list), *args, a call's packed arguments) is tracked only when
    // one of its items is of a GC type (3.14.1+, gh-139951); else every
    // tuple is tracked when made, and a collection untracks it later.
    bool gc_array_tuples_untracked = false;
    // close() of a generator that never started only marks it finished: its
    // frame, with the arguments, lives until the generator is freed (3.12+,
    // gh-100762); else close() runs it to raise GeneratorExit, which clears it.
    bool unstarted_generator_close_keeps_frame = false;
    // A generator's frame is cleared as it exits, inside the eval loop
    // (clear_gen_frame, 3.12+), while still linked to its caller: a frame
    // object the traceback keeps takes the caller's frame object as f_back,
    // making it. The handled exception goes with the frame, before a
    // StopIteration becomes a RuntimeError. Else (to 3.11) gen_send_ex2
    // unlinks the frame first and clears it last.
    bool generator_cleared_on_exit = false;
    // f(*args, **kwargs) of a Python function pushes the callee's frame,
    // then drops the argument tuple, the keyword dict and the names tuple
    // before the callee runs (3.12's to 3.14's _PyEvalFramePushAndInit_Ex);
    // else they live until the call returns.
    bool call_ex_releases_before_frame = false;
    // __main__ and its dict are made before the start-up's last collection,
    // a full one, so they live with the start-up's objects, in the order
    // that collection leaves (Pyodide's launcher gives the program a fresh
    // __main__, then calls gc.collect()); else after it, young.
    bool gc_startup_collects_main = false;
    // __main__'s dict is tracked before the module object, so it comes first
    // in generation 0 at the first line (3.13.0); else after it, tracked when
    // __builtins__ is stored.
    bool gc_main_dict_before_module = false;
    // With gc_incremental: the tracked objects when the program starts
    // (CPython's heap_size), and how many of them the first mark of a
    // scavenge reaches from the roots; the model's own start-up objects
    // stand for them and count for nothing.
    std::int64_t gc_startup_heap = 0;
    std::int64_t gc_startup_marked = 0;
    // Every call of Python code makes a frame object the count sees, unless
    // its code's zombie frame or the frame free list has one (to 3.10).
    bool gc_frame_objects = false;
    // A finalizer that resurrects any of a collection's garbage makes all of
    // it survive (3.8; bpo-38379 made 3.9 collect the rest).
    bool gc_resurrection_blocks_collection = false;
    // An instance's attributes live in a dict of its own from the first one
    // stored (to 3.10); else inline, the dict made when __dict__ is asked for.
    bool gc_instance_dict_objects = false;
    // ... and from 3.11 the same for an instance of a class derived from a
    // builtin type other than object (only object.__new__ makes inline values)
    bool gc_inline_values_only_from_object_new = false;
    // ... and in 3.13 for an instance with __slots__ (its class's or a
    // base's, besides __dict__ and __weakref__): Py_TPFLAGS_INLINE_VALUES
    // needs instances of object's size
    bool gc_inline_values_only_without_slots = false;
    // An instance's __dict__, once asked for, is a view of its inline values
    // while the class's shared keys hold its keys (3.13+: the values stay
    // embedded, make_dict_from_instance_attributes): the instance traverses
    // the values, not the dict, and the dict traverses nothing, so a
    // collection never finds the dict unreachable.
    bool gc_materialized_dict_is_view = false;
    // PyObject_ClearWeakRefs gathers the weakrefs it calls back, with their
    // callbacks, in a tuple of pairs it frees after the last callback, when
    // at least this many follow the callback-less ref and proxy (2 to 3.12;
    // 3.13 always, gh-111926).
    int gc_clear_weakrefs_tuple_from = 2;
    // A call of a Python function copies its arguments into the new frame;
    // the caller drops them when it returns, last first, then the callable
    // (CALL_FUNCTION, to 3.10); else they move into the frame (3.11's CALL).
    // From 3.12 an exception raised in C is an object at once (normalized);
    // before, one that C code raises and clears again (hasattr on an unset
    // slot, fileio_init trying the name as a descriptor) makes no object.
    bool c_raise_makes_exception = false;
    // Where a list or tuple filled from an iterable asks its length hint
    // (ask_length_hint): list(x) asks len() once more first, to preallocate
    // (3.8, 3.9); list_extend asks before it takes the iterator (PyPy),
    // not after; PySequence_Tuple asks (to 3.13).
    bool list_init_asks_len = false;
    bool list_length_hint_before_iter = false;
    // A list's array as CPython sizes it ([lists]; list.cpp's list_resize,
    // allocator.md): list_resize over-allocates rounded to 4 slots, and
    // only to the new size when the growth is larger (3.9+; 3.8 adds n/8
    // and 3 or 6); an exact preallocation is rounded up to even (3.10+);
    // extending a list with no array preallocates the length or hint, not
    // list_resize (3.10+); pop() of the last item frees the array (3.12+);
    // `del a[i]` goes by list_resize, not list_ass_slice (3.13+); a set's or
    // dict's items extend a list by list_resize to their count (3.13+).
    bool list_growth_rounded = true;
    bool list_preallocation_even = true;
    bool list_extend_preallocates = true;
    bool list_pop_emptied_frees = false;
    bool list_del_item_resizes = false;
    // An exact set, frozenset, dict or dict view extends a list by
    // list_resize to its size (3.13+), not by its length hint.
    bool list_extend_resizes_for_sets_and_dicts = false;
    // str.split preallocates for no more items than the string can give
    // (3.12+), not for MAX_PREALLOC whatever the string.
    bool list_split_prealloc_bounded = false;
    bool tuple_asks_length_hint = true;
    bool exception_vectorcall = false;  // exception_vectorcall() (3.14)
    // f(*args, **kwargs) of a callable without vectorcall passes it the
    // tuple itself (PyObject_Call): an exception class called so keeps it as
    // its args. PyPy makes a new one.
    bool star_call_passes_tuple = true;
    // A call site of a class specialized to CALL_ALLOC_AND_ENTER_INIT
    // (3.13+: the class is made by `type`, keeps object's __new__ and its
    // attributes inline, and its __init__ is a plain function that takes
    // exactly the call's positional arguments) makes the instance and runs
    // __init__ in a new frame: nothing is packed, as for a function.
    bool class_call_enters_init = false;
    // 3.11: a code object is quickened once its RESUMEs and JUMP_BACKWARDs
    // reach this many (_PyCode_Warmup), and each call site then specializes
    // at its next run; 0: from 3.12 a site specializes at its second run
    // (or, to 3.10, never: those profiles track no call site).
    int specialize_after_warmup = 0;
    // 3.11: the miss that changes a specialized call site sends it back to
    // its adaptive instruction, which waits this many runs before it tries
    // again; 0: from 3.12 the site is specialized anew to that call
    // (call_site.hpp).
    int deoptimized_site_waits = 0;
    // 3.13+: a call no other specialized CALL takes is specialized to
    // CALL_NON_PY_GENERAL, whose guard takes any callable but a function or
    // a method object; else the attempt fails and the site waits, twice as
    // long each time.
    bool non_python_general_calls = false;
    bool caller_keeps_arguments = false;
    // A frame holds its globals and builtins, not its function (to 3.10,
    // f_globals and f_builtins): a generator's frame, or a frame object that
    // outlives its call, leaves the function to its other references.
    bool frame_without_function = false;
    // A frame's locals and stack are dropped from the last slot down (3.14's
    // _PyFrame_ClearLocals); else from the first up.
    bool clear_locals_backwards = false;
    // A parameter's cell is in the parameter's own slot, and dies there when
    // the frame is cleared (3.11+; to 3.10 the cells come after the locals).
    bool argument_cells_in_place = false;
    // How programs and modules compile, where the runtime can tell
    // (optional [compiler]; lang::CompileOptions).
    lang::CompileOptions compile;
    bool repr_thread_state = false;  // the first repr of a container makes two containers that live on
    bool subclass_weakrefs = false;  // a class statement makes a weakref to the class (tp_subclasses)
    // With subclass_weakrefs: the builtin types that have subclasses (a
    // tp_subclasses dict) when the program starts; another base gets its
    // dict with its first subclass.
    std::vector<std::string> subclassed_at_startup;
    // A class statement also makes what CPython's makes and drops (the bound
    // __prepare__, a copy of the namespace for __set_name__, a super object
    // and bound method for __init_subclass__), as runtime allocations.
    bool class_statement_temporaries = false;
    // To 3.9 type_new holds its copy of the namespace, the class dict, until
    // the class is ready, besides the class's own reference.
    bool class_dict_held_by_type_new = false;
    std::vector<std::string> weakref_names;  // the weakref attributes that exist
    bool weakref_slotted_instances = false;  // ref() works on instances with __slots__ but no __weakref__
    bool weak_containers_count_live = false;  // len() of a weak container counts its live entries
    bool weak_containers_iterate_copies = false;  // an iteration walks a copy, removals happen at once (3.14)
    // _commit_removals pops while the list of pending removals is not empty (3.8)
    bool weak_containers_commit_while_list = false;
    // finalize.__init__ takes (*args, **kwargs) and unpacks them (3.8)
    bool finalize_unpacks_args = false;
    // builtin types (by __name__) whose instances this runtime can weakly
    // reference though CPython cannot (PyPy: method descriptors, most exceptions)
    std::vector<std::string> weakrefable_types;

    // messages
    std::string finalizer_error_header;  // "{}" is the repr of __del__
    std::string callback_error_header;  // "{}" is the repr of the callback
    std::string generator_error_header;  // "{}" is the repr of the generator
    std::string atexit_error_header;  // "{}" is the repr of the atexit function; "": the traceback alone
    bool atexit_ignores_system_exit = false;  // SystemExit raised by an atexit function is not reported
    bool unraisable_chain = false;  // the report shows the exception's chain, as sys.excepthook
    bool unraisable_gets_current_frame = true;  // an exception without traceback gets the running frame's
    // The report is CPython's default sys.unraisablehook, written in C
    // (write_unraisable_exc_file): its argument, a struct sequence, lives
    // while it writes, and it writes ": " even after an exception whose
    // str() is empty.
    bool unraisable_c_writer = false;
    std::string name_suggestion;  // added to a printed AttributeError ("{}": the nearest name); "": none

    // The header of the report of a warning a file's finalizer raised ("error"); "{}": the FileIO.
    std::string file_finalizer_error_header = "Exception ignored in: {}";
    // A coroutine never awaited warns through warnings._warn_unawaited_coroutine
    // (CPython), else through _warnings.warn (PyPy).
    bool unawaited_coroutine_through_warnings = false;
    // The location of a warning raised outside any frame (at exit).
    std::string warning_file_without_frame = "sys";
    int warning_line_without_frame = 1;
    std::string del_added_later_warning;  // RuntimeWarning when a class gets __del__ after its creation; "": none
    bool main_module_in_exception_names = false;  // a printed exception's type shows "__main__." (to 3.10)
    bool qualified_names_in_call_errors = true;  // "A.f() missing ..." (CPython 3.10+) or "f() missing ..."
    // A class whose bases have no consistent MRO is refused by naming a
    // cycle among them ("A < B < A"), and a base named twice only then (PyPy).
    bool mro_error_as_cycle = false;
    // Exception messages this runtime words differently from CPython 3.11
    // (optional [errors]: id -> fmt template; see error_message()).
    std::map<std::string, std::string, std::less<>> error_messages;

    // builtins that run bytecode on this runtime (instruction boundaries)
    std::vector<std::string> app_level_builtins;
    // builtins called with their positional arguments in a new tuple
    std::vector<std::string> varargs_builtins;  // METH_VARARGS
    // Whether varargs_builtins names OWNER.NAME (a module's function or a
    // builtin type's method).
    bool packs_arguments(std::string_view owner, std::string_view name) const {
        return std::any_of(varargs_builtins.begin(), varargs_builtins.end(), [&](const std::string& listed) {
            return listed.size() == owner.size() + 1 + name.size() && listed.starts_with(owner) &&
                   listed[owner.size()] == '.' && listed.ends_with(name);
        });
    }
    // Argument Clinic's *args: each with the keyword names of its parser
    std::map<std::string, std::vector<std::string>, std::less<>> clinic_varargs_builtins;
    // the same parser's tuple without the packing (METH_FASTCALL with a static _PyArg_Parser)
    std::map<std::string, std::vector<std::string>, std::less<>> keyword_parser_builtins;
    // builtin types (by __name__) called with their arguments in a new tuple
    std::vector<std::string> tp_call_types;
    // The builtin types whose __class_getitem__ makes a types.GenericAlias
    // (PEP 585, 3.9+; `type[int]` then works too): none to 3.8.
    std::vector<std::string> class_getitem_types;
    // The attributes classmethod() and staticmethod() copy from the
    // callable into their own __dict__ as they are made (3.10+'s
    // functools_wraps, which came with __wrapped__): none to 3.9.
    std::vector<std::string> wrapper_copied_attributes;
    // A property subclass's instance always keeps its __doc__ in its
    // __dict__, None when it has none (3.12+); to 3.11 only a doc from fget.
    bool property_subclass_doc_always_set = false;
    // The builtin types (by __name__) whose instances keep their items
    // inline (CPython's tp_itemsize != 0): a class derived from one has no
    // __weakref__, refuses a nonempty __slots__ and keeps its __dict__
    // pointer after the items (sizes.dict_pointer_with_items).
    std::vector<std::string> variable_size_types;
    // A class whose __class_getitem__ is None is not subscriptable (3.11+);
    // to 3.10 the None is called.
    bool class_getitem_none_is_absent = false;
    // The qualified names of the alias type and of the union type of `int |
    // None` (PEP 604, 3.10+; empty: `|` of classes is a TypeError).
    std::string generic_alias_type = "types.GenericAlias";
    std::string union_type;
    // builtin types this runtime names otherwise: 3.11's __name__ -> this
    // runtime's, a type of the builtins module (3.9's `weakref` for
    // weakref.ReferenceType)
    std::map<std::string, std::string, std::less<>> builtin_type_names;
    // A native module's type shows its tp_name "module.name" in messages
    // (CPython); false: its name alone (PyPy).
    bool dotted_native_type_names = true;
    bool reuse_result_tuples = false;  // dict items iterators, enumerate and zip refill their last tuple

    // The native modules (backends/vm/modules/) whose answers on this
    // runtime are not yet checked against it (optional modules.unverified):
    // importing one stops the run as unsupported rather than risk a wrong
    // answer.
    std::vector<std::string> unverified_modules;
    // What the math module does that differs between versions (the
    // optional [math] table; the defaults are CPython 3.11's).
    struct Math {
        double range_error_below = 1.5;  // an ERANGE result smaller than this is an underflow, no error
        bool erf_from_libm = true;  // erf and erfc are libm's, not CPython's old series (PyPy)
        bool pow_zero_to_minus_infinity_raises = false;  // pow(0.0, -inf) is a ValueError (to 3.10)
        bool hypot_scales_by_power_of_two = true;  // hypot and dist's algorithm of 3.10+ (else 3.8's)
        bool dist_leaks_tuples_on_mismatch = false;  // 3.8, 3.9
        bool gcd_varargs = true;  // gcd(*integers) (3.9+), else gcd(a, b)
        bool factorial_accepts_floats = false;  // an integral float (to 3.9)
        bool factorial_floats_deprecated = false;  // ... with a DeprecationWarning (3.9)
        bool nextafter_steps = false;  // nextafter(x, y, *, steps) (3.12+)
        bool float_from_index = true;  // a float argument may have only __index__ (not PyPy)
    } math;
    // What _random does that differs between versions (the optional
    // [random] table; the defaults are CPython 3.11's).
    struct Random {
        bool seeds_in_new = false;  // Random's tp_new seeds, not its tp_init (to 3.10; PyPy)
        bool seeds_from_argument_tuple = false;  // ... from the hash of its argument tuple (3.8, 3.9)
        bool zero_bits = true;  // getrandbits(0) is 0, not a ValueError (3.9+)
        bool checks_like_cpython = true;  // its argument checks are CPython's (not PyPy's)
    } random;
    // What itertools does that differs between versions (the optional
    // [itertools] table; the defaults are CPython 3.11's).
    struct Itertools {
        bool heap_types = false;  // its types are heap types, visited by their instances (3.12+)
        bool pairwise_reuses_result = false;  // pairwise refills the tuple it returned (3.13+)
        bool batched_strict = false;  // batched(iterable, n, *, strict) (3.13+)
        bool count_keeps_int_subclass = false;  // count(True) starts at True itself (PyPy)
    } itertools;
    // What _functools does that differs between versions (the optional
    // [functools] table; 3.11's defaults).
    struct Functools {
        bool heap_types = true;  // its types are heap types, visited by their instances (3.10+)
        bool key_wrapper_gc = true;  // cmp_to_key's KeyWrapper is a GC type (3.10+)
    } functools;
    // The switches of the other native modules, from their optional tables
    // ([operator], [collections], ...; Profile::kModuleTables): each a
    // boolean by "TABLE.KEY", absent where false (3.11's, unless the
    // module's code says otherwise).
    std::map<std::string, bool, std::less<>> module_flags;
    bool module_flag(std::string_view key) const {
        auto found = module_flags.find(key);
        return found != module_flags.end() && found->second;
    }
    // What _bisect takes (the optional [bisect] table; 3.11's defaults).
    struct Bisect {
        bool key = true;  // the key= keyword (3.10+)
        bool hi_accepts_none = true;  // hi=None (3.9+)
    } bisect;
    // `is` and id() take an int, a float or a complex number by its value:
    // two equal ones are the same object (PyPy).
    bool identity_by_value = false;
    bool tp_new_wrapper_packs = false;  // T.__new__(cls, ...) packs its arguments, then slices them
    bool type_of_packs = false;  // type(x) packs its argument too (type has a vectorcall from 3.10)
    // A slot wrapper's and a method-wrapper's call packs its arguments; the
    // slot wrapper then slices `self` off into a new tuple.
    bool slot_wrapper_calls_pack = false;

    // _PyModuleSpec_IsInitializing asks for a spec's _initializing with a
    // plain getattr, which raises (and allocates) when it is missing (3.10,
    // 3.11); else without raising.
    bool initializing_lookup_raises = false;
    // imports (optional [import]): when the import system runs importlib's
    // _find_and_load, which leaves a module lock's weakref callback behind
    std::vector<std::string> preloaded_modules;  // loaded before the program starts
    bool dunder_import_finds = false;  // __import__() always does, loaded or not
    bool text_encoding_finds = false;  // so does open() in text mode without an encoding
    // open() in text mode without an encoding, of a file that is no tty,
    // imports this module the first time (3.8, 3.9: _bootlocale); "": none.
    std::string text_encoding_module;
    // Modules whose __spec__ has no _initializing attribute (made by
    // start-up without importlib; __main__'s spec is None): where a
    // re-import asks for it with a plain getattr (3.10, 3.11), it raises and
    // clears an AttributeError, whose args tuple and instance are made and
    // freed. Empty where the lookup raises nothing.
    std::vector<std::string> specs_without_initializing;
    int startup_module_locks = 0;  // callbacks the startup imports left pending
    // The modeled runtime's own library (optional [library]), which pymodel
    // runs: where it is installed (library.cpp) and what its import system
    // knows of it (importer.cpp).
    struct Library {
        std::string runtime;  // "CPython 3.11.7": whose library it is, for messages
        std::vector<std::string> folders;  // where its Lib/ may be ({pyenv}: pyenv's root)
        std::string install;  // how to install it
        std::vector<std::string> path;  // sys.path after $PYTHONPATH ({library}, {parent})
        bool absolute_pythonpath = false;  // $PYTHONPATH's entries made absolute and normalized
        bool script_key_absolute = true;  // the script's sys.path_importer_cache key (3.8: as given)
        std::vector<std::string> startup_modules;  // in sys.modules at a script's first line (-S)
        std::vector<std::string> builtin_modules;  // sys.builtin_module_names
        // ... of which _imp.is_builtin answers -1 (cannot be initialized again)
        std::vector<std::string> builtin_modules_once = {"builtins", "sys"};
        std::vector<std::string> frozen_modules;  // frozen into its binary (_imp.find_frozen finds them)
        std::vector<std::string> frozen_packages;  // ... of which these are packages
        // Its frozen code is unmarshalled at import (to 3.10, 3.13+); 3.11
        // and 3.12 deep-freeze it into static code objects that allocate
        // nothing.
        bool frozen_code_unmarshalled = false;
        std::vector<std::string> extension_suffixes;  // _imp.extension_suffixes()
        std::string cache_tag;  // sys.implementation.cache_tag
        std::int64_t magic_number = 0;  // of its .pyc files (importlib.util.MAGIC_NUMBER, little-endian)
        bool lock_objects_tracked = true;  // _thread's locks are containers (3.10+: heap types)
        // A file of the program's is imported through the runtime's own
        // importlib bootstrap, its allocations counted (importer.hpp); where
        // false the model runs the file without it and its counts are
        // unknown from then on.
        bool counted_imports = false;
    };
    std::optional<Library> library;
    int unraisable_module_locks = 0;  // the imports of the first unraisable report
    // What the modeled runtime's import of a module allocates and frees, in
    // order (optional [import] traces: a file of import traces beside the
    // profile). The runtime runs the module's Python code; the model builds
    // the module itself, and replays the trace to the manager.
    ImportTraces import_traces;
    // The names the modeled runtime has (optional `runtime_names`: a file
    // beside the profile), read and indexed the first time a lookup fails:
    // empty when the profile names none. A file that cannot be read or
    // indexed throws std::runtime_error (profile_test reads every shipped
    // one).
    std::filesystem::path runtime_names_file;
    const RuntimeNames& runtime_names() const;
    mutable std::optional<RuntimeNames> runtime_names_;
    // The messages of its builtins' call errors (optional `call_errors`: a
    // file beside the profile), read the first time a call fails: empty
    // when the profile names none. Read like runtime_names_file.
    std::filesystem::path call_errors_file;
    const CallErrors& call_errors() const;
    mutable std::optional<CallErrors> call_errors_;
    // Its Unicode tables (optional `unicode_tables`: a file beside the
    // profile, one per Unicode version), read the first time a str asks
    // about a character outside ASCII: empty when the profile names none.
    // Read like runtime_names_file.
    std::filesystem::path unicode_tables_file;
    const lang::UnicodeTables& unicode_tables() const;
    mutable std::optional<lang::UnicodeTables> unicode_tables_;
    // The strs it had interned at start-up (optional `interned_strs`: a file
    // beside the profile), read the first time sys.getrefcount or
    // sys.intern() asks: empty when the profile names none. Read like
    // runtime_names_file.
    std::filesystem::path interned_strs_file;
    const StartupInterned& startup_interned() const;
    mutable std::optional<StartupInterned> startup_interned_;

    // the tracing collector's parameters (optional [tracing]; the tracing
    // manager needs them), in bytes: PyPy's incminimark
    struct Tracing {
        std::int64_t nursery_size = 0;  // PYPY_GC_NURSERY
        std::int64_t min_heap_size = 0;  // PYPY_GC_MIN: the first major threshold
        double major_collection_threshold = 0;  // next threshold: this times the live bytes...
        std::int64_t max_delta = 0;  // ... but at most this many more (PYPY_GC_MAX_DELTA)
        double growth_rate_max = 0;  // ... and at most this times the previous threshold
        std::int64_t increment_step = 0;  // bytes marked per major step (PYPY_GC_INCREMENT_STEP)
        std::int64_t startup_nursery_used = 0;  // bytes already in the nursery when the program starts
    } tracing;

    // The platform's errno numbers, where they are not the host's (Pyodide:
    // Emscripten's, ENOENT is 44): host errno -> the modeled one.
    std::map<int, int> errno_numbers;
    int modeled_errno(int host) const;  // what OSError.errno shows for `host`
    int host_errno(int modeled) const;  // the host errno a modeled number stands for

    // interpreter exit
    bool exit_collect = true;  // collect garbage after atexit
    // ... even with the collector disabled, gc.callbacks called (3.14's
    // PyGC_Collect no longer returns 0 when disabled); else not then.
    bool exit_collect_when_disabled = false;
    // atexit keeps each callback as a (func, args, kwargs) tuple in a list
    // (3.14): the tuple is tracked and counted, freed as a tuple (kwargs,
    // args, func), and the callbacks run from a copy of the list. Else a
    // C struct that moves no count, freed func, args, kwargs.
    bool atexit_callback_tuples = false;
    bool exit_finalize_modules = true;  // tear modules down (finalizers of globals run)
    // Modules the embedding's own modules hold (Pyodide's hold weakref): they
    // outlive their removal from sys.modules and the collection after it,
    // and are cleared with the modules still alive then.
    std::vector<std::string> modules_held_by_embedding;
    bool main_file_removed = false;  // __main__ loses __file__ and __cached__ when its code ends but by SystemExit
    // open() as CPython's C _io does it: each layer made by a call that
    // packs its arguments in a tuple, the wrapper calling the codec's
    // incremental encoder/decoder classes and looking up buffer.read1; a
    // file's __exit__ (METH_VARARGS) gets its arguments in a new tuple.
    bool io_c_open = false;
    // A file finalized while open issues a ResourceWarning (ignored by the
    // default filters, but made, with its registry and key).
    bool io_warn_unclosed = false;
    // A file finalized while open whose ResourceWarning the filters would
    // show stops the program as unsupported (PyPy: its location is not modeled).
    bool io_unclosed_warning_unmodeled = false;
    // From 3.12: IncrementalNewlineDecoder is a container (a heap type).
    bool io_newline_decoder_tracked = false;
    // 3.12: the Buffered types and TextIOWrapper are made with their dict.
    bool io_dicts_at_creation = false;
    // open()'s buffer without a `buffering`: the file's st_blksize (0), or
    // at least this many bytes and at most 8 MiB of it (3.14: gh-117151,
    // io.DEFAULT_BUFFER_SIZE of 128 KiB).
    std::int64_t io_min_buffer_size = 0;
    // 3.8: the text layer's calls of methods from C bind each method first.
    bool io_c_method_calls_bind = false;
    // PyFile_WriteObject binds file.write for each piece print() writes.
    bool io_file_write_binds = false;
    bool exit_flush_files = false;  // flush every open file (PyPy's AutoFlusher)
    // PyPy's AutoFlusher as the start-up leaves it (required with
    // flush_files): a weak list, one letter per slot from slot 0: `f` free,
    // `d` dead, `g` an io object the start-up dropped, which dies at the first
    // major collection, `l` a live one (io.hpp, FlushList). The default is
    // rweaklist's initialize(): 4 free slots.
    std::string flush_list = "ffff";

    // Reads `dir/<name>.toml`; on error returns nullopt and sets `error`.
    static std::optional<Profile> load(const std::filesystem::path& dir, const std::string& name, std::string& error);
};

// Where profiles are looked for: $PYMODEL_PROFILES, else `profiles` beside
// the executable (the build tree has a copy), else ../share/pymodel/profiles
// from it (where `cmake --install` puts them): never the source tree, so
// that a copied or installed build works.
std::filesystem::path default_profile_dir();

// A profile's TOML as it is parsed: the same document without its comments
// and the blanks around them (and at the start of each line); a `#` inside a
// string stays, and every line keeps its number. Comments are three
// quarters of the shipped profiles' bytes, which the TOML parser reads a
// code point at a time (docs/performance.md, change 25).
std::string toml_without_comments(std::string_view text);

}  // namespace vm
