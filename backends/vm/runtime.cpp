// The runtime: creating the builtin objects and modules, running __main__,
// and interpreter exit as CPython 3.11's Py_FinalizeEx does it (atexit,
// flush, collection, module teardown), each step gated by the profile.
#include "runtime.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <utility>

#include "api.hpp"
#include "exception.hpp"
#include "explain.hpp"
#include "generator.hpp"
#include "importer.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "io.hpp"
#include "iterators.hpp"
#include "lang/diagnostic.hpp"
#include "lang/lang.hpp"
#include "lang/modules.hpp"
#include "lang/serialize.hpp"
#include "modules/lib_sources.hpp"
#include "modules/modules.hpp"
#include "threads.hpp"

namespace vm {

Types types;
Constants consts;
Ids ids;

Runtime* g_runtime = nullptr;
namespace {
std::uint64_t g_runtimes_made = 0;  // Runtime::serial
}  // namespace

void init_type_and_object(TypeObject* type_type, TypeObject* object_type);
void init_number_types();
void init_str_type();
void init_bytes_types();
void init_tuple_type();
void init_list_type();
void init_dict_type();
void init_set_types();
void init_iterator_types();
void init_function_types();
void init_generic_alias_types(const Profile& profile);
void init_exception_types();
void init_frame_type();
void init_generator_type();
void init_coroutine_types();
void init_weakref_types();
void init_module_type();
void init_memoryview_types();

namespace {

// The builtin types in creation order: a base before its subclasses.
std::vector<TypeObject*> all_builtin_types() {
    std::vector<TypeObject*> out;
#define VM_COLLECT(name) out.push_back(types.name);
    VM_BUILTIN_TYPES(VM_COLLECT)
#undef VM_COLLECT
#define VM_COLLECT(name, base) out.push_back(types.name);
    VM_EXCEPTION_TYPES(VM_COLLECT)
#undef VM_COLLECT
    return out;
}

template <class T> const LayoutOps* layout() { return &LayoutOf<T>::ops; }

// The builtin type whose __name__ a profile key names.
TypeObject* builtin_type_named(std::string_view name, const char* key) {
    std::vector<TypeObject*> builtin_types = all_builtin_types();
    auto named =
        std::find_if(builtin_types.begin(), builtin_types.end(), [&](TypeObject* t) { return t->qualname == name; });
    if (named == builtin_types.end()) throw std::runtime_error(fmt::format("{} names no builtin type: {}", key, name));
    return *named;
}

// `type` and `object`: each is an instance of type, and type's base is object.
void bootstrap_type_and_object(Runtime& r) {
    auto* type_type = new TypeObject(nullptr);
    type_type->type = type_type;
    g_manager->on_allocate(type_type, false);
    r.keep(type_type);
    type_type->refcnt -= 1;
    types.type = type_type;
    types.object = new_builtin_type("object", nullptr, layout<PlainObject>(), TF_BASETYPE);
    types.object->subclass_layout = &InstanceObject::subclass;
    type_type->name = type_type->qualname = "type";
    type_type->module = "builtins";
    type_type->layout = layout<TypeObject>();
    type_type->flags = TF_BASETYPE | TF_GC | TF_WEAKREFABLE | TF_TYPE_SUBCLASS;
    incref(types.object);
    type_type->base = types.object;
    types.object->subclasses.push_back(type_type);
}

void create_types() {
    TypeObject* object = types.object;
    const std::uint32_t GC = TF_GC;
    auto t = [](const char* name, TypeObject* base, const LayoutOps* ops, std::uint32_t flags,
                const char* module = "builtins") { return new_builtin_type(name, base, ops, flags, module); };
    types.int_ = t("int", object, layout<IntObject>(), TF_BASETYPE | TF_INT_SUBCLASS);
    types.int_->subclass_layout = &Extended<IntObject>::subclass;
    types.bool_ = t("bool", types.int_, layout<IntObject>(), 0);
    types.float_ = t("float", object, layout<FloatObject>(), TF_BASETYPE);
    types.float_->subclass_layout = &Extended<FloatObject>::subclass;
    types.complex = t("complex", object, layout<ComplexObject>(), TF_BASETYPE);
    types.str = t("str", object, layout<StrObject>(), TF_BASETYPE | TF_STR_SUBCLASS);
    types.bytes = t("bytes", object, layout<BytesObject>(), TF_BASETYPE);
    types.bytearray = t("bytearray", object, layout<BytesObject>(), TF_BASETYPE);
    types.tuple = t("tuple", object, layout<TupleObject>(), GC | TF_BASETYPE | TF_TUPLE_SUBCLASS);
    types.tuple->subclass_layout = &Extended<TupleObject>::subclass;
    types.list = t("list", object, layout<ListObject>(), GC | TF_BASETYPE | TF_LIST_SUBCLASS);
    types.list->subclass_layout = &Extended<ListObject>::subclass;
    types.dict = t("dict", object, layout<DictObject>(), GC | TF_BASETYPE | TF_DICT_SUBCLASS);
    types.dict->subclass_layout = &Extended<DictObject>::subclass;
    types.set = t("set", object, layout<SetObject>(), GC | TF_BASETYPE | TF_WEAKREFABLE);
    types.frozenset = t("frozenset", object, layout<SetObject>(), GC | TF_BASETYPE | TF_WEAKREFABLE);
    types.none = t("NoneType", object, layout<Atom>(), 0);
    types.not_implemented = t("NotImplementedType", object, layout<Atom>(), 0);
    types.ellipsis = t("ellipsis", object, layout<Atom>(), 0);
    types.code = t("code", object, layout<CodeObject>(), TF_WEAKREFABLE);
    types.function = t("function", object, layout<FunctionObject>(), GC | TF_WEAKREFABLE);
    types.method = t("method", object, layout<MethodObject>(), GC | TF_WEAKREFABLE);
    types.builtin_function =
        t("builtin_function_or_method", object, layout<NativeFunctionObject>(), GC | TF_WEAKREFABLE);
    types.method_descriptor = t("method_descriptor", object, layout<MethodDescriptorObject>(), GC);
    types.classmethod_descriptor = t("classmethod_descriptor", object, layout<MethodDescriptorObject>(), GC);
    types.getset_descriptor = t("getset_descriptor", object, layout<GetSetDescriptorObject>(), GC);
    types.member_descriptor = t("member_descriptor", object, layout<MemberDescriptorObject>(), GC);
    types.cell = t("cell", object, layout<CellObject>(), GC);
    types.module = t("module", object, layout<ModuleObject>(), GC | TF_BASETYPE | TF_WEAKREFABLE);
    types.range = t("range", object, layout<RangeObject>(), 0);
    types.slice = t("slice", object, layout<SliceObject>(), GC);
    types.property = t("property", object, layout<PropertyObject>(), GC | TF_BASETYPE);
    types.staticmethod = t("staticmethod", object, layout<WrapperObject>(), GC | TF_BASETYPE);
    types.classmethod = t("classmethod", object, layout<WrapperObject>(), GC | TF_BASETYPE);
    types.super = t("super", object, layout<SuperObject>(), GC | TF_BASETYPE);
    types.frame = t("frame", object, layout<FrameObject>(), GC);
    types.traceback = t("traceback", object, layout<TracebackObject>(), GC);
    types.generator = t("generator", object, layout<GeneratorObject>(), GC | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST);
    types.coroutine = t("coroutine", object, layout<GeneratorObject>(), GC | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST);
    types.async_generator =
        t("async_generator", object, layout<AsyncGenObject>(), GC | TF_WEAKREFABLE | TF_CLEARS_WEAKREFS_FIRST);
    types.coroutine_wrapper = t("coroutine_wrapper", object, layout<CoroWrapperObject>(), GC);
    types.async_generator_asend = t("async_generator_asend", object, layout<AsyncGenAwaitable>(), GC);
    types.async_generator_athrow = t("async_generator_athrow", object, layout<AsyncGenAwaitable>(), GC);
    types.weakref = t("ReferenceType", object, layout<WeakRefObject>(), GC | TF_BASETYPE | TF_WEAKREF, "weakref");
    types.weakproxy = t("ProxyType", object, layout<WeakRefObject>(), GC | TF_WEAKREF, "weakref");
    types.weakcallableproxy = t("CallableProxyType", object, layout<WeakRefObject>(), GC | TF_WEAKREF, "weakref");
    types.file_io = t("FileIO", object, layout<FileIOObject>(), GC | TF_WEAKREFABLE, "_io");
    types.buffered_writer = t("BufferedWriter", object, layout<BufferedObject>(), GC | TF_WEAKREFABLE, "_io");
    types.buffered_reader = t("BufferedReader", object, layout<BufferedObject>(), GC | TF_WEAKREFABLE, "_io");
    types.text_io = t("TextIOWrapper", object, layout<TextIOObject>(), GC | TF_WEAKREFABLE, "_io");
    // A text file's codec state (Python classes in CPython; the model keeps
    // no state in them, but their instance dict where instances have one).
    types.incremental_encoder = t("IncrementalEncoder", object, layout<NamespaceObject>(), GC, "encodings.utf_8");
    types.incremental_decoder = t("IncrementalDecoder", object, layout<NamespaceObject>(), GC, "encodings.utf_8");
    // What os.stat returns, as os.path's tests make and drop it.
    types.stat_result = t("stat_result", object, layout<Atom>(), GC, "os");
    // sys.unraisablehook's argument, which the report's C writer makes and drops.
    types.unraisable_hook_args = t("UnraisableHookArgs", object, layout<Atom>(), GC, "sys");
    types.memoryview = t("memoryview", object, layout<MemoryViewObject>(), GC | TF_WEAKREFABLE);
    types.managed_buffer = t("managedbuffer", object, layout<ManagedBufferObject>(), GC);
    types.incremental_newline_decoder =
        t("IncrementalNewlineDecoder", object, layout<NewlineDecoderObject>(), GC, "_io");
    types.list_iterator = t("list_iterator", object, layout<SeqIterObject>(), GC);
    types.list_reverseiterator = t("list_reverseiterator", object, layout<SeqIterObject>(), GC);
    types.tuple_iterator = t("tuple_iterator", object, layout<SeqIterObject>(), GC);
    types.str_iterator = t("str_ascii_iterator", object, layout<SeqIterObject>(), GC);
    types.range_iterator = t("range_iterator", object, layout<RangeIterObject>(), 0);
    types.dict_keyiterator = t("dict_keyiterator", object, layout<DictIterObject>(), GC);
    types.dict_valueiterator = t("dict_valueiterator", object, layout<DictIterObject>(), GC);
    types.dict_itemiterator = t("dict_itemiterator", object, layout<DictIterObject>(), GC);
    types.set_iterator = t("set_iterator", object, layout<SetIterObject>(), GC);
    types.dict_keys = t("dict_keys", object, layout<DictViewObject>(), GC);
    types.dict_values = t("dict_values", object, layout<DictViewObject>(), GC);
    types.dict_items = t("dict_items", object, layout<DictViewObject>(), GC);
    types.enumerate = t("enumerate", object, layout<CombinatorObject>(), GC);
    types.zip = t("zip", object, layout<CombinatorObject>(), GC);
    types.map = t("map", object, layout<CombinatorObject>(), GC);
    types.filter = t("filter", object, layout<CombinatorObject>(), GC);
    types.reversed = t("reversed", object, layout<SeqIterObject>(), GC);
    types.simple_namespace = t("SimpleNamespace", object, layout<NamespaceObject>(), GC, "types");
    types.generic_alias = t("GenericAlias", object, layout<GenericAliasObject>(), GC | TF_WEAKREFABLE, "types");
    types.union_type = t("UnionType", object, layout<GenericAliasObject>(), GC, "types");
    const std::uint32_t exc_flags = GC | TF_BASETYPE | TF_EXCEPTION_SUBCLASS;
#define VM_EXC(name, base) types.name = t(#name, types.base, layout<BaseExceptionObject>(), exc_flags);
    VM_EXCEPTION_TYPES(VM_EXC)
#undef VM_EXC
}

void create_constants(Runtime& r) {
    auto keep = [&r](Object* o) {
        r.keep(o);
        return o;
    };
    consts.None = keep(make<Atom>(types.none).release());
    consts.NotImplemented = keep(make<Atom>(types.not_implemented).release());
    consts.Ellipsis = keep(make<Atom>(types.ellipsis).release());
    consts.True = keep(make<IntObject>(types.bool_, 1).release());
    consts.False = keep(make<IntObject>(types.bool_, 0).release());
    for (std::int64_t v = kSmallIntMin; v <= kSmallIntMax; ++v)
        consts.small_ints[v - kSmallIntMin] = static_cast<IntObject*>(keep(make<IntObject>(types.int_, v).release()));
    consts.empty_tuple = static_cast<TupleObject*>(keep(make_untracked<TupleObject>(types.tuple).release()));
    consts.empty_str = static_cast<StrObject*>(keep(make<StrObject>(types.str, std::string()).release()));
#define VM_ID(field, text) ids.field = r.intern(text);
    VM_IDS(VM_ID)
#undef VM_ID
}

// Where a run-time unsupported construct was met.
std::string current_location() { return frame_location(runtime_exists() ? rt().thread().current_frame : nullptr); }

}  // namespace

std::string frame_location(Frame* f) {
    if (!f) return "";
    return fmt::format(" at {}:{}", str_value(f->code->filename), f->line());
}

void NamespaceObject::clear() {
    Object* d = dict;
    dict = nullptr;
    xdecref(d);
}

Runtime::Runtime(Profile profile, std::unique_ptr<MemoryManager> manager)
    : serial_(++g_runtimes_made), profile_(std::move(profile)), manager_(std::move(manager)) {
    // A module loaded before the program starts costs nothing to import,
    // whether the program or another module's import names it.
    charged_imports_.insert(profile_.preloaded_modules.begin(), profile_.preloaded_modules.end());
    g_manager = manager_.get();
    if (profile_.pymalloc) pymalloc_ = std::make_unique<Pymalloc>(*profile_.pymalloc);
    g_pymalloc = pymalloc_.get();
    if (profile_.tracemalloc_names) tracemalloc_ = std::make_unique<Tracemalloc>();
    g_tracemalloc = tracemalloc_.get();
    g_runtime = this;
    threads_ = std::make_unique<Threads>(thread_);
    imports_ = std::make_unique<ImportSystem>();
    set_recursion_limit(profile_.recursion_limit);
    init_hashing(profile_);
    create_builtin_objects();
    create_modules();
    imports_->remember_import_func(dict_get(builtins_dict, ids.import));
}

Runtime::~Runtime() {
    if (g_explain) {
        g_explain->exit_phase("free the rest");
        std::vector<Object*> left;
        manager_->for_each_object([&](Object* o) { left.push_back(o); });
        g_explain->left_alive(left);
    }
    manager_->free_all();
    // The OS threads of threads still waiting (daemons at exit) keep using it.
    if (!threads_->all_ended()) (void)threads_.release();
    g_runtime = nullptr;
    g_manager = nullptr;
    g_pymalloc = nullptr;
    g_tracemalloc = nullptr;
    types = Types{};
    consts = Constants{};
    ids = Ids{};
}

StrObject* Runtime::intern(std::string_view s, Interned why) {
    if (!main_module) why = Interned::Runtime;  // before __main__, every name is the runtime's own
    auto it = interned_.find(std::string(s));
    if (it != interned_.end()) {
        it->second->interned = std::max(it->second->interned, why);
        return it->second;
    }
    StrObject* o = make<StrObject>(types.str, std::string(s)).release();
    o->interned = why;
    interned_.emplace(std::string(s), o);
    return o;
}

StrObject* Runtime::intern_in_place(StrObject* s, Interned why) {
    auto [it, added] = interned_.try_emplace(s->value, s);
    if (added) incref(s);
    it->second->interned = std::max(it->second->interned, why);
    return it->second;
}

void Runtime::note_code_constants(const CodeObject& code, int delta) {
    struct Note {
        std::unordered_map<const Object*, int>& counts;
        int delta;
        void operator()(const Object* o) {
            auto [it, added] = counts.try_emplace(o, 0);
            if ((it->second += delta) == 0) counts.erase(it);
            if (o->type == types.tuple)
                for (Object* item : static_cast<const TupleObject*>(o)->items) (*this)(item);
        }
    } note{code_constants_, delta};
    for (const Object* c : code.consts) note(c);
}

void Runtime::defer_unsupported(std::string what) {
    if (deferred_unsupported_.empty()) deferred_unsupported_ = std::move(what);
    request_eval_breaker();
}

void Runtime::check_deferred_unsupported() {
    if (deferred_unsupported_.empty()) return;
    std::string what;
    what.swap(deferred_unsupported_);
    throw Unsupported{what, {}};
}

void Runtime::create_builtin_objects() {
    bootstrap_type_and_object(*this);
    create_types();
    create_constants(*this);
    for (TypeObject* t : all_builtin_types()) finish_builtin_type(t);
    for (const auto& [name, renamed] : profile_.builtin_type_names) {
        TypeObject* t = builtin_type_named(name, "builtins.type_names");
        t->name = t->qualname = renamed;
        t->module = "builtins";
    }
    for (const std::string& name : profile_.weakrefable_types)
        builtin_type_named(name, "weakref.weakrefable_types")->flags |= TF_WEAKREFABLE;
    // The annotation types' modules and names ("types.GenericAlias").
    for (auto [t, qualified] : {std::pair{types.generic_alias, &profile_.generic_alias_type},
                                std::pair{types.union_type, &profile_.union_type}}) {
        std::size_t dot = qualified->rfind('.');
        if (dot == std::string::npos) continue;
        t->module = qualified->substr(0, dot);
        t->name = qualified->substr(dot + 1);
    }
    for (TypeObject* t : all_builtin_types()) {
        if (t->module != "builtins") {
            t->qualname = t->name;
            t->name = t->module + "." + t->name;
        }
    }
    init_type_and_object(types.type, types.object);
    init_number_types();
    init_str_type();
    init_bytes_types();
    init_tuple_type();
    init_list_type();
    init_dict_type();
    init_set_types();
    init_iterator_types();
    init_function_types();
    init_exception_types();
    init_frame_type();
    init_generator_type();
    init_coroutine_types();
    init_weakref_types();
    init_module_type();
    init_memoryview_types();
    for (TypeObject* t : all_builtin_types()) inherit_slots(t);
    init_sys_types();  // its types inherit from tuple's, complete now
    for (TypeObject* t : all_builtin_types()) add_slot_wrappers(t);
}

void Runtime::create_modules() {
    modules = new_dict().release();
    keep(modules);
    Ref<ModuleObject> b = make_builtins_module();
    builtins = b.get();
    builtins_dict = b->dict;
    keep(share<Object>(builtins).release());
    keep(share<Object>(builtins_dict).release());
    dict_set(modules, "builtins", builtins);
    dict_for_each(builtins_dict, [this](Object* name, Object*) { builtins_as_made.push_back(name); });
    std::sort(builtins_as_made.begin(), builtins_as_made.end());
    auto builtin_function = [&](const std::string& name, const char* key) {
        Object* f = dict_get(builtins_dict, name);
        if (!f || f->type != types.builtin_function)
            throw std::runtime_error(fmt::format("builtins.{} names no builtin function: {}", key, name));
        return static_cast<NativeFunctionObject*>(f);
    };
    for (const std::string& name : profile_.app_level_builtins) builtin_function(name, "app_level")->app_level = true;
    for (auto [slot, name] : {std::pair{&callables.len, "len"}, {&callables.isinstance, "isinstance"}}) {
        *slot = builtin_function(name, "the specializer's callables");
        keep(share(*slot).release());
    }
    callables.list_append = dict_get(types.list->dict, "append");
    keep(share(callables.list_append).release());
    for (const std::string& name : profile_.varargs_builtins)
        if (name.find('.') == std::string::npos)  // MODULE.NAME: NativeModule::add_function
            builtin_function(name, "varargs")->packing = NativeFunctionObject::Packing::Varargs;
    for (const auto& [name, keywords] : profile_.clinic_varargs_builtins) {
        NativeFunctionObject* f = builtin_function(name, "clinic_varargs");
        f->packing = NativeFunctionObject::Packing::ClinicVarargs;
        f->clinic_keywords = &keywords;
    }
    for (const auto& [name, keywords] : profile_.keyword_parser_builtins) {
        NativeFunctionObject* f = builtin_function(name, "keyword_parsers");
        f->packing = NativeFunctionObject::Packing::Parser;
        f->clinic_keywords = &keywords;
    }
    for (const std::string& name : profile_.subclassed_at_startup)
        builtin_type_named(name, "gc.subclassed_at_startup")->has_subclasses_dict = true;
    init_generic_alias_types(profile_);
    for (const std::string& name : profile_.class_getitem_types)
        add_class_getitem(builtin_type_named(name, "builtins.class_getitem_types"));
    for (const std::string& name : profile_.tp_call_types)
        builtin_type_named(name, "builtins.tp_call_types")->flags |= TF_PACKED_CALL;
    stdout_stream = io_std_stream(1, "<stdout>", "w").release();
    stderr_stream = io_std_stream(2, "<stderr>", "w").release();
    keep(stdout_stream);
    keep(stderr_stream);
    Ref<ModuleObject> s = make_sys_module(profile_);
    sys = s.get();
    keep(share<Object>(sys).release());
    keep(share<Object>(sys->dict).release());
    dict_set(sys->dict, "stdout", stdout_stream);
    dict_set(sys->dict, "stderr", stderr_stream);
    dict_set(sys->dict, "__stdout__", stdout_stream);
    dict_set(sys->dict, "__stderr__", stderr_stream);
    dict_set(sys->dict, "stdin", consts.None);
    dict_set(modules, "sys", sys);
}

void Runtime::on_first_unraisable() {
    if (unraisable_written_) return;
    unraisable_written_ = true;
    for (int i = 0; i < profile_.unraisable_module_locks; ++i) manager_->on_module_lock({});
}

namespace {

// One object of a garbage section, of the kind CPython's was, so that a
// collection frees it to the free list CPython's went to. One CPython did
// not keep on a free list (whatever its kind) is a cell: no free list. A
// bound method (3.8's M) is bound to None, a builtin function (C) to
// nothing, until the piece's links bind them.
Ref<> new_garbage_object(const GarbageObject& g) {
    switch (g.kind) {
    case Container::Dict: return new_dict();
    case Container::List: return new_list();
    case Container::Tuple: return none_tuple(static_cast<std::size_t>(g.size));
    case Container::Method: return new_method(consts.None, consts.None);
    case Container::BuiltinMethod: return new_native_function("garbage", nullptr);
    case Container::Frame:  // no garbage token names one
    case Container::Other: break;
    }
    return new_cell(nullptr);
}

// Makes `from` refer to `to`, its `index`-th reference; false when it has
// no room for one more (a tuple holds its size, a cell and a builtin
// function one, a bound method two: its self and its function).
bool refer(Object* from, Object* to, std::size_t index) {
    if (from->type == types.method) {
        auto* method = static_cast<MethodObject*>(from);
        if (index > 1) return false;
        incref(to);
        decref(std::exchange(index == 0 ? method->self : method->func, to));
    } else if (from->type == types.builtin_function) {
        auto* function = static_cast<NativeFunctionObject*>(from);
        if (index > 0) return false;
        incref(to);
        xdecref(std::exchange(function->self, to));
    } else if (from->type == types.list) {
        list_append(static_cast<ListObject*>(from), to);
    } else if (from->type == types.dict) {
        dict_set(static_cast<DictObject*>(from), new_int(static_cast<std::int64_t>(index)).get(), to);
    } else if (from->type == types.tuple) {
        auto* tuple = static_cast<TupleObject*>(from);
        if (index >= tuple->size()) return false;
        incref(to);
        decref(std::exchange(tuple->items[index], to));
    } else {
        auto* cell = static_cast<CellObject*>(from);
        if (index > 0) return false;
        incref(to);
        xdecref(std::exchange(cell->ref, to));
    }
    return true;
}

// The objects of a piece of garbage, made (counts paused: their allocations
// are the trace's events) before they are linked. A tracked one stays
// tracked until then, as CPython's, which held what it holds from the
// start: a tuple or dict holds sys.modules meanwhile (tuple slot 0, which
// its first link replaces; key -1), so that no collection untracks it.
// An untracked one is untracked now; a tuple that holds no tracked object
// (`?`) is a tuple of None, tracked until a collection untracks it.
std::vector<Ref<>> make_garbage_objects(MemoryManager& manager, const std::vector<GarbageObject>& garbage) {
    ManagerCountsPaused paused(manager);
    std::vector<Ref<>> made;
    for (const GarbageObject& g : garbage) {
        Ref<> object = new_garbage_object(g);
        if (!g.tracked) {
            if (object->gc.bits & kGcTracked) manager.untrack(object.get());
        } else if (!g.untrackable && (object->type == types.tuple || object->type == types.dict)) {
            refer(object.get(), rt().modules, object->type == types.dict ? static_cast<std::size_t>(-1) : 0);
        }
        made.push_back(std::move(object));
    }
    return made;
}

// Links the objects made for `garbage` into cyclic garbage, as CPython's
// was (once the returned references are dropped): the tracked ones in a
// ring, so that only a collection frees them, but those held by another
// of the piece (GarbageObject::holder), which only it holds; the untracked
// ones in a chain that one of them holds, freed with them; a tuple that
// holds no tracked object (`?`) off one of them.
void link_cyclic_garbage(MemoryManager& manager, const std::vector<GarbageObject>& garbage,
                         const std::vector<Ref<>>& made) {
    ManagerCountsPaused paused(manager);
    std::vector<std::size_t> ring, chain, untrackable, held_by;
    for (std::size_t i = 0; i < garbage.size(); ++i) {
        const GarbageObject& g = garbage[i];
        bool held = g.holder >= 0 && static_cast<std::size_t>(g.holder) < garbage.size();
        (held ? held_by : g.untrackable ? untrackable : g.tracked ? ring : chain).push_back(i);
    }
    if (ring.empty()) return;  // nothing a collection would find
    std::vector<std::size_t> slots(made.size(), 0);  // the next reference each object holds
    auto link = [&](std::size_t from, std::size_t to) {
        if (!refer(made[from].get(), made[to].get(), slots[from])) return false;
        ++slots[from];
        return true;
    };
    for (std::size_t i = 0; i < ring.size(); ++i) link(ring[i], ring[(i + 1) % ring.size()]);
    auto hang = [&](std::size_t object) {
        for (std::size_t j : ring)
            if (link(j, object)) return;
    };
    for (std::size_t i : held_by)
        if (!link(static_cast<std::size_t>(garbage[i].holder), i)) hang(i);
    for (std::size_t k = 0; k < chain.size(); ++k)
        if (k == 0 || !link(chain[k - 1], chain[k])) hang(chain[k]);
    for (std::size_t i : untrackable) hang(i);
    for (std::size_t i : chain)
        if (made[i]->gc.bits & kGcTracked) manager.untrack(made[i].get());
}

}  // namespace

// The modeled runtime's import of `module` runs Python code: the profile's
// trace of it goes to the manager, event by event. A nested import of a
// module imported before is skipped, as it costs the runtime nothing then;
// the objects that a section leaves as cyclic garbage are made where the
// trace says they became unreachable (their allocations were among its
// events): a collection from there on frees them.
// Whether the base named `tp_name` gets its first subclass now (and so its
// subclasses dict): a builtin type's flag, which class statements also set,
// or, for a class of the runtime's own modules, the record of the imports.
bool Runtime::first_subclass(const std::string& tp_name) {
    for (TypeObject* t : all_builtin_types())
        if (t->name == tp_name) return !std::exchange(t->has_subclasses_dict, true);
    return subclassed_module_classes_.insert(tp_name).second;
}

bool Runtime::charge_import(const std::string& module) {
    // A module charged before (as another's nested import, too) costs
    // nothing: its section is not even parsed.
    if (charged_imports_.contains(module)) return false;
    const std::vector<RuntimeEvent>* trace = profile_.import_traces.find(module);
    if (!trace) return false;
    charged_imports_.insert(module);
    imports_->searched_path(ImportSystem::PathSearch::Trace, intern(module));
    replay(*trace);
    charge_unmodeled(module);
    return true;
}

bool Runtime::charge_module_init(std::string_view step, const std::string& module) {
    const std::vector<RuntimeEvent>* trace = profile_.import_traces.find(module);
    if (!trace) return false;
    const std::string section = fmt::format("({}:{})", step, module);
    auto begin = std::find_if(trace->begin(), trace->end(), [&](const RuntimeEvent& e) {
        return e.op == RuntimeEvent::Op::BeginImport && e.module == section;
    });
    if (begin == trace->end()) return false;
    auto end = begin;
    for (int depth = 0;; ++end) {
        depth += end->op == RuntimeEvent::Op::BeginImport ? 1 : end->op == RuntimeEvent::Op::EndImport ? -1 : 0;
        if (depth == 0) break;
    }
    replay(std::vector<RuntimeEvent>(begin, end + 1));  // skipped when charged before
    return true;
}

// What the import of `module` left tracked that the model does not make.
void Runtime::charge_unmodeled(const std::string& module) {
    if (auto found = profile_.gc_import_unmodeled.find(module); found != profile_.gc_import_unmodeled.end())
        manager_->on_import_unmodeled(found->second[0], found->second[1], found->second[2]);
}

void Runtime::library_call(std::string_view code) {
    if (!profile_.gc_frame_objects) return;
    std::string name = "python" + std::to_string(profile_.version_info[0]) + "." +
                       std::to_string(profile_.version_info[1]) + "/" + std::string(code);
    if (!called_codes_.insert(std::move(name)).second) return;
    manager_->on_runtime_allocate(Container::Frame, 0);
    if (profile_.gc_collect_at_eval_breaker) manager_->on_eval_breaker();
}

// The profile's "(source-line)" trace: CPython's traceback printer opens the
// script with io and reads it up to the line it shows, each time.
void Runtime::charge_source_line() {
    if (const std::vector<RuntimeEvent>* trace = profile_.import_traces.find("(source-line)")) replay(*trace);
}

void Runtime::replay(const std::vector<RuntimeEvent>& trace) {
    using Op = RuntimeEvent::Op;
    int skipping = 0;  // the depth inside a nested import that is skipped
    int no_checks = 0;  // the depth inside C code that checks no eval breaker
    // A collection that an allocation schedules (3.12+) runs at the next
    // check of the eval breaker, not after the import: where the trace marks
    // one (^, recorded from 3.13), else after each allocation outside { }, as
    // the runtime's Python code checks often.
    const bool marked = profile_.import_traces.marks_checks();
    auto check_eval_breaker = [&] {
        if (profile_.gc_collect_at_eval_breaker && !no_checks) manager_->on_eval_breaker();
    };
    auto after_allocation = [&] {
        if (!marked) check_eval_breaker();
    };
    // The pieces of cyclic garbage allocated so far (&K), each object where
    // CPython allocated it, alive until their `!&K` links them.
    struct Piece {
        std::vector<GarbageObject> garbage;
        std::vector<Ref<>> made;
    };
    std::map<int, Piece> pieces;
    // The objects of each piece held from outside it (+) until its -&K:
    // what the module's code held, which a collection of the piece leaves.
    std::map<int, std::vector<Ref<>>> held_outside;
    // The nested imports under way, and the one skipped: what a skipped
    // one left is in the profile's count of its importer unless the profile
    // counts it apart, so the importer's count is then off by up to its
    // allocations.
    std::vector<std::string> sections;
    std::string skipped;
    std::int64_t skipped_allocations = 0;
    for (const RuntimeEvent& e : trace) {
        if (skipping) {
            skipping += e.op == Op::BeginImport ? 1 : e.op == Op::EndImport ? -1 : 0;
            if (e.op == Op::Allocate || e.op == Op::CodeFrame) skipped_allocations += e.repeat;
            if (e.op == Op::SubclassesDict) ++skipped_allocations;
            if (!skipping && !profile_.gc_import_unmodeled.contains(skipped))
                manager_->on_import_unmodeled_unknown(skipped_allocations);
            continue;
        }
        switch (e.op) {
        case Op::BeginImport:
            if (charged_imports_.insert(e.module).second) {
                sections.push_back(e.module);
            } else {
                skipping = 1;
                skipped = e.module;
                skipped_allocations = 0;
            }
            break;
        case Op::EndImport:
            charge_unmodeled(sections.back());
            sections.pop_back();
            break;
        case Op::GarbageAllocated: {
            Piece& piece = pieces[e.piece];
            piece.garbage.insert(piece.garbage.end(), e.garbage.begin(), e.garbage.end());
            std::vector<Ref<>> made = make_garbage_objects(*manager_, e.garbage);
            for (std::size_t i = 0; i < made.size(); ++i) {
                if (e.garbage[i].held_outside) held_outside[e.piece].push_back(made[i]);
                piece.made.push_back(std::move(made[i]));
            }
            break;
        }
        case Op::ReleaseHeld: held_outside.erase(e.piece); break;
        case Op::Garbage:
            if (e.piece >= 0) {
                if (auto found = pieces.find(e.piece); found != pieces.end()) {
                    link_cyclic_garbage(*manager_, found->second.garbage, found->second.made);
                    pieces.erase(found);
                }
            } else {
                link_cyclic_garbage(*manager_, e.garbage, make_garbage_objects(*manager_, e.garbage));
            }
            break;
        case Op::Allocate:
            for (int i = 0; i < e.repeat; ++i) {
                manager_->on_runtime_allocate(e.kind, static_cast<std::size_t>(e.size));
                after_allocation();
            }
            break;
        case Op::SubclassesDict:
            if (first_subclass(e.module)) {
                manager_->on_runtime_allocate(e.kind, 0);
                after_allocation();
            }
            break;
        case Op::CodeFrame:
            // A frame exits to its code's zombie (co_zombieframe), which the
            // code's next call takes, in this trace or another: only its
            // first call allocates one. A call nested in another of the same
            // code (whose zombie is in use) always does.
            if (!e.module.empty() && !called_codes_.insert(e.module).second) break;
            for (int i = 0; i < e.repeat; ++i) {
                manager_->on_runtime_allocate(e.kind, 0);
                after_allocation();
            }
            break;
        case Op::Check: check_eval_breaker(); break;
        case Op::BeginNoChecks: ++no_checks; break;
        case Op::EndNoChecks:
            --no_checks;
            check_eval_breaker();
            break;
        case Op::Free:
            for (int i = 0; i < e.repeat; ++i) manager_->on_runtime_free(e.kind, static_cast<std::size_t>(e.size));
            break;
        }
    }
}

namespace {

// What pymodel's own library modules (lib/*.py) call where their compact
// version of a runtime module cannot give the runtime's answer: the program
// stops as unsupported, never going on with an error the runtime would not
// raise.
// The one argument each hook takes: the reason, a str.
const std::string& library_reason(Args args, const char* hook) {
    if (args.nargs != 1 || args.nkw() || !is_str(args[0]))
        unsupported(fmt::format("pymodel's library: a bad {}() call", hook));
    return str_value(args[0]);
}

Ref<> library_unsupported(Object*, Args args, void*) { unsupported(library_reason(args, "unsupported")); }

// ... and where what it allocates in Python is not what the runtime's C
// allocates: the collector's counts are unknown until a full collection.
Ref<> library_uncharged(Object*, Args args, void*) {
    rt().manager().on_uncharged(library_reason(args, "uncharged"));
    return share(consts.None);
}

// How many more Python frames the recursion limit allows here (to 3.11,
// less the C levels running, which count with them): a library module
// whose frames nest otherwise than the runtime's stops as unsupported
// where the runtime's could pass the limit.
Ref<> library_recursion_room(Object*, Args args, void*) {
    if (args.nargs != 0 || args.nkw()) unsupported("pymodel's library: a bad recursion_room() call");
    return new_int(recursion_limit() - rt().thread().depth);
}

// threading's excepthook: the exception and its traceback on sys.stderr,
// as the runtime's traceback.print_exception writes them.
Ref<> library_print_exception(Object*, Args args, void*) {
    if (args.nargs != 1 || args.nkw()) unsupported("pymodel's library: a bad print_exception() call");
    print_exception(args[0]);
    return share(consts.None);
}

// time.sleep(secs): where other threads run (threads.hpp); the model's
// clock moves on, not the process's.
Ref<> library_sleep(Object*, Args args, void*) {
    if (args.nargs != 1 || args.nkw()) unsupported("pymodel's library: a bad sleep() call");
    Object* secs = args[0];
    double limit = is_int(secs)                 ? static_cast<double>(int_value(secs))
                   : secs->type == types.float_ ? static_cast<FloatObject*>(secs)->value
                                                : -1;
    if (limit < 0) unsupported(fmt::format("time.sleep() of {}", repr_string(secs)));
    rt().threads().wait(
        nullptr, [] { return false; }, limit);
    return share(consts.None);
}

}  // namespace

void run_library(ModuleObject* m, std::string_view name) {
    const lib::Module* module = lib::find(name);
    if (!module) unsupported(fmt::format("pymodel's library has no pymodel/{}", name));
    std::string filename = module->filename();
    // The build compiled it for the shipped profiles' options
    // (lib/precompile.cpp); a profile of other options compiles it here.
    const lang::CompileOptions& options = rt().profile().compile;
    std::shared_ptr<const lang::Code> compiled;
    if (std::string_view blob = lib::compiled(name, lang::options_key(options)); !blob.empty())
        compiled = lang::deserialize(blob);
    if (!compiled) {
        lang::CompileResult r = lang::compile(module->source, filename, options);
        if (r.diagnostic) unsupported("pymodel's library " + filename + ": " + r.diagnostic->message);
        compiled = std::move(r.code);
    }
    Ref<CodeObject> code = new_code(std::move(compiled));
    dict_set(m->dict, ids.builtins, rt().builtins);
    dict_set(m->dict, ids.file, new_str(filename).get());
    // Only the modules that call them get the hooks: an object in every
    // module's dict would be one more for the collector to find.
    if (std::string_view(module->source).find("_pymodel_") != std::string_view::npos) {
        dict_set(m->dict, "_pymodel_unsupported",
                 new_native_function("_pymodel_unsupported", &library_unsupported).get());
        dict_set(m->dict, "_pymodel_uncharged", new_native_function("_pymodel_uncharged", &library_uncharged).get());
    }
    struct Hook {
        const char* name;
        NativeFn fn;
    };
    for (const Hook& hook :
         {Hook{"_pymodel_recursion_room", &library_recursion_room},
          Hook{"_pymodel_print_exception", &library_print_exception}, Hook{"_pymodel_sleep", &library_sleep}})
        if (std::string_view(module->source).find(hook.name) != std::string_view::npos)
            dict_set(m->dict, hook.name, new_native_function(hook.name, hook.fn).get());
    run_module_code(code.get(), m->dict);
}

const std::string* Runtime::source_of(const std::string& filename) const {
    if (filename == main_path) return &main_source;
    return imports_->source_of(filename);
}

Ref<ModuleObject> Runtime::import_module(StrObject* name) {
    if (Object* m = dict_get(modules, name); m && m != consts.None) return share(static_cast<ModuleObject*>(m));
    const std::string& n = str_value(name);
    const std::vector<std::string>& preloaded = profile_.preloaded_modules;
    if (std::find(preloaded.begin(), preloaded.end(), n) == preloaded.end()) manager_->on_module_lock(n);
    if (!import_charged(n) && !charge_import(n))
        manager_->on_uncharged(fmt::format("`import {}`: the profile has no trace of what that import allocates", n));
    // What the model allocates to build the module is not the program's: the
    // runtime's import was charged above.
    ManagerCountsPaused paused(*manager_);
    Ref<ModuleObject> m;
    if (n == "gc") m = make_gc_module(profile_);
    else if (n == "atexit") m = make_atexit_module();
    else if (n == "os") {
        m = make_os_module();
        Ref<ModuleObject> path = make_os_path_module();
        dict_set(m->dict, ids.path, path.get());
        dict_set(modules, "os.path", path.get());
        dict_set(modules, "posixpath", path.get());
    } else if (n == "os.path") {
        Ref<ModuleObject> os = import_module(intern("os"));
        return share(static_cast<ModuleObject*>(dict_get(modules, "os.path")));
    } else if (n == "_weakrefset") m = make_weakrefset_module();
    else if (n == "weakref") m = make_weakref_module(profile_);
    else if (n == "warnings") m = make_warnings_module();
    else if (n == "linecache") m = make_linecache_module();
    else if (n == "_sre") m = make_sre_module();
    else if (n == "math") m = make_math_module();
    else if (n == "_random") m = make_random_module();
    else if (n == "itertools") m = make_itertools_module();
    else if (n == "_bisect") m = make_bisect_module();
    else if (n == "_heapq") m = make_heapq_module();
    else if (n == "_functools") m = make_functools_module();
    else if (n == "_operator") m = make_operator_module();
    else if (n == "_collections") m = make_collections_module();
    else if (n == "tracemalloc") {
        // PyPy has tracemalloc.py, whose import fails on _tracemalloc.
        if (!profile_.tracemalloc_names) raise(types.ModuleNotFoundError, "No module named '_tracemalloc'");
        m = make_tracemalloc_module(profile_);
    } else if (lang::known_module(n) == lang::ModuleKind::Absent) {
        // The runtime has it, so a program that catches the ImportError would
        // go on as it never does there; CPython's own tests (under unittest)
        // skip what needs it, as on a runtime built without it.
        if (!dict_get(modules, "unittest"))
            unsupported(fmt::format("`import {}`: a module of the runtime's that pymodel does not model", n));
        raisef(types.ModuleNotFoundError, "No module named '{}' (pymodel does not model it)", n);
    } else {
        const lib::Module* library = lib::find(n);
        if (!library) raisef(types.ModuleNotFoundError, "No module named '{}'", n);
        m = new_module(n);
        if (library->package) dict_set(m->dict, ids.package_path, new_list().get());
        dict_set(modules, name, m.get());
        try {
            run_library(m.get(), n);
        } catch (const PyException&) {
            Ref<> exc = take_exception();
            dict_del(modules, name);
            reraise(std::move(exc));
        }
        if (std::size_t dot = n.rfind('.'); dot != std::string::npos)
            if (Object* parent = dict_get(modules, n.substr(0, dot)))
                setattr(parent, intern(n.substr(dot + 1)), m.get());
        return m;
    }
    dict_set(modules, name, m.get());
    return m;
}

// ---- running __main__ ---------------------------------------------------------------------------

namespace {

// _Py_HandleSystemExit: the exit status of an uncaught SystemExit, printing
// a non-integer code on stderr.
int system_exit_status(Ref<> exc) {
    Ref<> code = lookup_attr(exc.get(), ids.code);
    exc.reset();
    if (!code || code.get() == consts.None) return 0;
    if (is_int(code.get())) return static_cast<int>(int_value(code.get()));
    Object* err = dict_get(rt().sys->dict, ids.stderr);
    if (err && err != consts.None) {
        Ref<StrObject> s = str(code.get());
        file_write(err, s.get());
        Ref<> nl = new_str("\n");
        file_write(err, nl.get());
    }
    return 1;
}

// PyErr_Print: the traceback, and sys.last_* keep the exception alive
// until the modules are torn down.
int report_uncaught(Ref<> exc) {
    if (exception_is(exc.get(), types.SystemExit)) return system_exit_status(std::move(exc));
    DictObject* sys = rt().sys->dict;
    Object* tb = static_cast<BaseExceptionObject*>(exc.get())->traceback;
    dict_set(sys, ids.last_type, exc->type);
    dict_set(sys, ids.last_value, exc.get());
    dict_set(sys, ids.last_traceback, tb ? tb : consts.None);
    print_exception(exc.get());
    return 1;
}

void explain_exit_phase(const char* phase) {
    if (g_explain) g_explain->exit_phase(phase);
}

// sys.stdout's and sys.stderr's flush() called from C, in the order given:
// Py_FinalizeEx's flush_std_files (stdout first) after the atexit
// callbacks, and flush_io (stderr first) once the main code has run.
void flush_streams(std::initializer_list<StrObject*> names) {
    for (StrObject* name : names) {
        Object* f = dict_get(rt().sys->dict, name);
        if (!f || f == consts.None) continue;
        try {
            Ref<> bound = c_bound_method(f, ids.flush);
            file_flush(f);
        } catch (const PyException&) {
            take_exception();
        }
    }
}
void flush_std_files() { flush_streams({ids.stdout, ids.stderr}); }
void flush_io() { flush_streams({ids.stderr, ids.stdout}); }

}  // namespace

namespace {

// sys.path[0] for a script: the folder of its real path, symbolic links
// resolved (_PyPathConfig_ComputeSysPath0); '' for a program read from stdin.
std::string script_directory(const std::string& script) {
    std::error_code error;
    std::filesystem::path real = std::filesystem::canonical(script, error);
    if (error) return std::filesystem::path(script).parent_path().string();
    return real.parent_path().string();
}

}  // namespace

int Runtime::run_main(std::shared_ptr<const lang::Code> code, std::string source) {
    main_path = code->filename;
    main_source = std::move(source);
    int status = 0;
    try {
        Ref<ListObject> sys_argv = new_list();
        if (argv.empty()) argv.push_back(main_path);
        for (const std::string& arg : argv) list_append(sys_argv.get(), new_str(arg).get());
        dict_set(sys->dict, "argv", sys_argv.get());
        Ref<ListObject> sys_path = new_list();
        std::string folder = main_path == "<stdin>" ? "" : script_directory(main_path);
        for (const std::string& entry : startup_sys_path(profile_, folder, imports_->library()))
            list_append(sys_path.get(), new_str(entry).get());
        dict_set(sys->dict, ids.path, sys_path.get());
        dict_set(sys->dict, "meta_path", new_list().get());
        dict_set(sys->dict, "path_hooks", new_list().get());
        dict_set(sys->dict, "path_importer_cache", new_dict().get());
        if (!imports_->library().folder.empty() && profile_.version_info[0] == 3 && profile_.version_info[1] >= 11 &&
            profile_.manager == "refcount")
            dict_set(sys->dict, "_stdlib_dir", new_str(imports_->library().folder.string()).get());
        keep_only_names(sys, profile_.sys_names);
        if (!profile_.gc_startup_collects_main) manager_->startup_collections_done();
        // _PyRun_SimpleFileObject holds __main__ while its code runs.
        Ref<ModuleObject> m = new_module("__main__", profile_.gc_main_dict_before_module);
        main_module = m.get();
        dict_set(m->dict, ids.annotations, new_dict().get());
        dict_set(m->dict, ids.builtins, builtins);
        dict_set(m->dict, ids.file, new_str(main_path).get());
        dict_set(m->dict, ids.cached, consts.None);
        dict_set(modules, ids.main, m.get());
        if (profile_.gc_startup_collects_main) {
            manager_->collect_at_startup();
            manager_->startup_collections_done();
        }
        ParserArena arena;
        Ref<CodeObject> co = new_code(code, &arena);
        DictObject* globals = m->dict;
        if (profile_.exit_flush_files) flush_list_.start(profile_.flush_list);
        for (int i = 0; i < profile_.startup_module_locks; ++i) manager_->on_module_lock({});
        manager_->start_main();
        if (g_explain) g_explain->start();
        // PyRun_FileExFlags frees the arena once run_mod has run the code and
        // dropped it (Py_DECREF(co)), before the exception is printed.
        arena.hold_containers(manager_->on_compiled(*code, CompiledFrom::MainFile));
        auto free_arena = [&] {
            co.reset();
            arena.free();
        };
        flush_list_.release_startup_garbage();
        bool exited = false;
        Ref<> globals_alive;  // while the exception is printed, as its traceback's frame keeps them
        try {
            run_module_code(co.get(), globals);
            explain_exit_phase("__main__ returned");
            free_arena();
            flush_io();
        } catch (const PyException&) {
            explain_exit_phase("__main__ raised");
            free_arena();  // a traceback's frame still holds the code
            Ref<> exc = take_exception();
            flush_io();
            globals_alive = share(globals);
            m.reset();  // let go of before the exception is printed
            exited = exception_is(exc.get(), types.SystemExit);  // CPython exits from inside the print
            status = report_uncaught(std::move(exc));
        }
        if (!exited && profile_.main_file_removed) {
            dict_del(globals, ids.file);
            dict_del(globals, ids.cached);
        }
        m.reset();
        globals_alive.reset();
        check_deferred_unsupported();
        return exit_sequence(status);
    } catch (const Unsupported& u) {
        std::string where = u.where.empty() ? current_location() : u.where;
        std::fflush(stdout);
        std::fprintf(stderr, "pymodel: unsupported: %s%s\n", u.what.c_str(), where.c_str());
        return lang::kUnsupportedExit;
    }
}

// Py_FinalizeEx, as far as the profile says the runtime goes.
int Runtime::exit_sequence(int status) {
    join_threads();
    explain_exit_phase("atexit");
    run_atexit_callbacks();
    finalizing = true;
    flush_std_files();
    if (profile_.exit_flush_files) {
        explain_exit_phase("flush list");
        flush_list_.flush_all();
    }
    if (profile_.exit_collect) {
        explain_exit_phase("collection after atexit");
        manager_->collect_after_atexit();
    }
    if (profile_.exit_finalize_modules) {
        explain_exit_phase("module teardown");
        finalize_modules();
    }
    flush_std_files();
    check_deferred_unsupported();
    return status;
}

// wait_for_thread_shutdown: threading._shutdown() joins the threads that
// are not daemons, if the program imported threading; the daemons are
// left as they are, never to run again.
void Runtime::join_threads() {
    Object* threading = dict_get(modules, "threading");
    if (threading && threading != consts.None)
        run_unraisable("Exception ignored in: {}", threading, [&] { call_method(threading, intern("_shutdown"), {}); });
    threads_->check_at_exit();
}

// finalize_modules: special sys attributes first, then sys.modules emptied
// (a module nothing else holds dies there, but one the embedding holds), a
// collection, then the modules still alive have their dicts cleared
// (underscore names first), sys and builtins last.
void Runtime::finalize_modules() {
    for (const char* name : {"path", "argv", "ps1", "ps2", "last_type", "last_value", "last_traceback", "path_hooks",
                             "path_importer_cache", "meta_path", "__interactivehook__"})
        if (dict_get(sys->dict, name)) dict_set(sys->dict, name, consts.None);
    dict_set(sys->dict, "stdout", stdout_stream);
    dict_set(sys->dict, "stderr", stderr_stream);

    std::vector<Ref<WeakRefObject>> alive;
    std::vector<Object*> names;
    std::vector<Ref<>> held_by_embedding;
    const std::vector<std::string>& held = profile_.modules_held_by_embedding;
    dict_for_each(modules, [&](Object* k, Object* v) {
        names.push_back(k);
        if (v->type != types.module) return;
        alive.push_back(new_weakref(types.weakref, v, nullptr));
        if (std::find(held.begin(), held.end(), str_value(k)) != held.end()) held_by_embedding.push_back(share(v));
    });
    for (Object* k : names) {
        Ref<> key = share(k);
        dict_set(modules, key.get(), consts.None);
    }
    modules->clear();
    if (profile_.exit_collect) manager_->collect_at_exit();
    for (auto it = alive.rbegin(); it != alive.rend(); ++it) {
        Object* m = (*it)->referent;
        if (!m || m == sys || m == builtins) continue;
        Ref<> keep = share(m);
        clear_module_dict(static_cast<ModuleObject*>(m)->dict);
    }
    alive.clear();
    held_by_embedding.clear();
    clear_module_dict(sys->dict);
    clear_module_dict(builtins_dict);
    if (profile_.exit_collect) manager_->collect_at_exit();
}

}  // namespace vm
