// Code objects, cells, functions, bound methods, native functions and the
// descriptors (method, getset, member, staticmethod, classmethod,
// property), super.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "api.hpp"
#include "bigint.hpp"
#include "frame.hpp"
#include "instance.hpp"
#include "interpreter.hpp"
#include "modules/native_type.hpp"

namespace vm {

// ---- code ---------------------------------------------------------------------------------------

void CodeObject::traverse(Visitor v) {
    for (Object* c : consts) v(c);
}

void CodeObject::release() {
    if (zombie_frame) rt().manager().on_runtime_free(Container::Other, 0);  // freed, not kept on a free list
    rt().note_code_constants(*this, -1);
    for (Object* c : consts) decref(c);
    if (code) rt().manager().on_code_freed(*code);
    for (StrObject* n : names) decref(n);
    for (StrObject* n : localsplus_names) decref(n);
    consts.clear();
    names.clear();
    localsplus_names.clear();
    xdecref(name);
    xdecref(qualname);
    xdecref(filename);
    name = qualname = filename = nullptr;
}

int CodeObject::line_of(int instruction) const {
    if (instruction < 0 || instruction >= static_cast<int>(code->positions.size())) return code->first_line;
    return code->positions[instruction].line;
}

namespace {

bool identifier_like(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The objects of one compiled source's constants, by their key
// (lang::append_constant_key), when the profile merges equal ones. Borrowed:
// the code objects being made hold them.
using ConstantCache = std::unordered_map<std::string, Object*>;

Ref<CodeObject> make_code(std::shared_ptr<const lang::Code> code, ConstantCache* cache);

Ref<> constant_object(const lang::Constant& c, ConstantCache* cache) {
    std::string key;
    if (cache) {
        lang::append_constant_key(c, key);
        if (auto it = cache->find(key); it != cache->end()) return share(it->second);
    }
    Ref<> made = std::visit(
        [cache](const auto& v) -> Ref<> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, lang::NoneConst>) return new_none();
            else if constexpr (std::is_same_v<T, bool>) return new_bool(v);
            else if constexpr (std::is_same_v<T, std::int64_t>) return new_int(v);
            else if constexpr (std::is_same_v<T, lang::BigIntConst>) return new_int(BigInt(v.decimal));
            else if constexpr (std::is_same_v<T, double>) return new_float(v);
            else if constexpr (std::is_same_v<T, lang::Complex>) return new_complex(v.real, v.imag);
            else if constexpr (std::is_same_v<T, std::string>) {
                if (identifier_like(v)) return share<Object>(rt().intern(v, Interned::Constant));
                return new_str(v);
            } else if constexpr (std::is_same_v<T, lang::Bytes>) {
                return new_bytes(v.value);
            } else if constexpr (std::is_same_v<T, lang::EllipsisConst>) return share(consts.Ellipsis);
            else if constexpr (std::is_same_v<T, lang::Tuple>) {
                std::vector<Object*> items;
                for (const lang::Constant& item : v.items) items.push_back(constant_object(item, cache).release());
                return new_tuple(std::move(items));
            } else if constexpr (std::is_same_v<T, lang::FrozenSet>) {
                std::vector<Ref<>> items;
                for (const lang::Constant& item : v.items) items.push_back(constant_object(item, cache));
                std::vector<Object*> borrowed;
                for (const Ref<>& item : items) borrowed.push_back(item.get());
                return new_frozenset_constant(borrowed);
            } else {
                return make_code(v, cache);
            }
        },
        c.value);
    if (cache) cache->emplace(std::move(key), made.get());
    return made;
}

}  // namespace

// The loop trusts its bytecode: every jump and handler lands on an
// instruction, and the code cannot run past its end.
static void check_bytecode(const lang::Code& code) {
    auto n = static_cast<int>(code.instructions.size());
    auto bad = [&](const char* what) {
        unsupported(fmt::format("bytecode of '{}' with {} (a front-end bug)", code.qualname, what));
    };
    if (n == 0) bad("no instructions");
    for (const lang::Instruction& ins : code.instructions)
        if (lang::opcode_arg_kind(ins.op) == lang::ArgKind::JUMP && (ins.arg < 0 || ins.arg >= n))
            bad("a jump past its end");
    for (const lang::ExceptionEntry& e : code.exception_table)
        if (e.target < 0 || e.target >= n) bad("a handler past its end");
    switch (code.instructions.back().op) {
    case lang::Opcode::RETURN_VALUE:
    case lang::Opcode::RERAISE:
    case lang::Opcode::RAISE_VARARGS:
    case lang::Opcode::JUMP_FORWARD:
    case lang::Opcode::JUMP_BACKWARD:
    case lang::Opcode::JUMP_BACKWARD_NO_INTERRUPT: break;
    default: bad("a last instruction that falls through");
    }
}

namespace {

// The parser's references to each constant, by its key, taken from the
// object that was first in the compiler's order (merge_consts_recursive
// keeps it; the other equal ones die with the arena): a tuple's items are
// merged too when it is new. A str interned before the compile is that str
// (intern_string_constants), and the parser's is merged away too.
struct ArenaRefs {
    std::unordered_set<std::string> seen;
    std::vector<std::pair<std::string, int>> held;  // key, references; in the compiler's order
};
void note_arena_refs(const lang::Constant& c, ArenaRefs& refs) {
    std::string key;
    lang::append_constant_key(c, key);
    if (!refs.seen.insert(key).second) return;
    const auto* s = std::get_if<std::string>(&c.value);
    bool merged_into_interned = s && identifier_like(*s) && rt().is_interned(*s);
    if (c.arena_refs && !merged_into_interned) refs.held.emplace_back(std::move(key), c.arena_refs);
    if (const auto* tuple = std::get_if<lang::Tuple>(&c.value))
        for (const lang::Constant& item : tuple->items) note_arena_refs(item, refs);
}
void note_arena_refs(const lang::Code& code, ArenaRefs& refs) {
    for (const lang::ConstantUse& use : code.constant_uses) {
        if (use.unemitted || use.origin == lang::ConstantUse::Origin::TemporaryList) continue;
        if (const auto* nested = std::get_if<std::shared_ptr<const lang::Code>>(&use.value.value))
            note_arena_refs(**nested, refs);  // compiled here, an inlined comprehension's uses too
        else note_arena_refs(use.value, refs);
    }
}

// The keyword names of the calls in `code` and the code nested in it: the
// items of a tuple the compiler made that the parser did not (a dict
// display's constant keys are the parser's). They are identifiers, which
// CPython's parser interns as names, not constants (immortal from 3.13).
void intern_keyword_names(const lang::Code& code) {
    using Origin = lang::ConstantUse::Origin;
    for (const lang::ConstantUse& use : code.constant_uses) {
        if (const auto* nested = std::get_if<std::shared_ptr<const lang::Code>>(&use.value.value)) {
            intern_keyword_names(**nested);
        } else if (const auto* tuple = std::get_if<lang::Tuple>(&use.value.value);
                   tuple && (use.origin == Origin::Compiler || use.origin == Origin::CompilerFromList)) {
            for (const lang::Constant& item : tuple->items)
                if (const auto* s = std::get_if<std::string>(&item.value); s && item.arena_refs == 0)
                    rt().intern(*s, Interned::Name);
        }
    }
}

}  // namespace

Ref<CodeObject> new_code(std::shared_ptr<const lang::Code> code, ParserArena* arena) {
    intern_keyword_names(*code);
    if (!rt().profile().compile.merges_equal_constants) return make_code(std::move(code), nullptr);
    ArenaRefs refs;
    if (arena) note_arena_refs(*code, refs);
    ConstantCache cache;
    Ref<CodeObject> co = make_code(std::move(code), &cache);
    for (const auto& [key, count] : refs.held) {
        auto found = cache.find(key);
        if (found == cache.end()) continue;  // nothing kept it: it dies with the arena
        // A name is the parser's identifier, whose references the model does not keep.
        Object* o = found->second;
        if (o->type == types.str && static_cast<StrObject*>(o)->interned > Interned::Constant) continue;
        for (int i = 0; i < count; ++i) arena->hold(o);
    }
    return co;
}

void ParserArena::free() {
    while (!objects_.empty()) objects_.pop_back();
    for (const RuntimeContainer& c : containers_) rt().manager().on_runtime_free(c.kind, c.size);
    containers_.clear();
}

namespace {
Ref<CodeObject> make_code(std::shared_ptr<const lang::Code> code, ConstantCache* cache) {
    check_bytecode(*code);
    auto co = make<CodeObject>(types.code);
    co->code = code;
    for (const lang::Constant& c : code->constants) co->consts.push_back(constant_object(c, cache).release());
    rt().note_code_constants(*co, +1);
    auto intern = [](const std::string& s) {
        StrObject* n = rt().intern(s, Interned::Name);
        incref(n);
        return n;
    };
    for (const std::string& n : code->names) co->names.push_back(intern(n));
    for (const std::string& n : code->varnames) co->localsplus_names.push_back(intern(n));
    for (const std::string& n : code->cellvars) co->localsplus_names.push_back(intern(n));
    for (const std::string& n : code->freevars) co->localsplus_names.push_back(intern(n));
    co->name = intern(code->name);
    co->qualname = intern(code->qualname);
    co->filename = new_str(code->filename).release();
    co->nlocals = static_cast<int>(code->varnames.size());
    co->ncells = static_cast<int>(code->cellvars.size());
    co->nfrees = static_cast<int>(code->freevars.size());
    co->nlocalsplus = co->nlocals + co->ncells + co->nfrees;
    co->stacksize = code->stacksize;
    co->frame_bytes = static_cast<int>((Frame::size_for(co.get()) + 15) & ~std::size_t(15));
    co->slots_cleared_upward = !rt().profile().clear_locals_backwards && code->cell2arg.empty();
    co->binds_positionally = code->kwonlyargcount == 0 && !(code->flags & (lang::CO_VARARGS | lang::CO_VARKEYWORDS));
    return co;
}
}  // namespace

// ---- cell ---------------------------------------------------------------------------------------

void CellObject::clear() {
    Object* r = ref;
    ref = nullptr;
    xdecref(r);
}

Ref<CellObject> new_cell(Object* contents) {
    auto c = make<CellObject>(types.cell);
    c->ref = contents;
    xincref(contents);
    return c;
}

// ---- function -----------------------------------------------------------------------------------

FunctionObject::FunctionObject(TypeObject* t, CodeObject* c, DictObject* g, Object* b)
    : Object(t), code(c), globals(g), builtins(b), name(c->name), qualname(c->qualname) {
    incref(code);
    incref(globals);
    incref(builtins);
    incref(name);
    incref(qualname);
    doc = share(consts.None).release();  // _PyFunction_FromConstructor's (exec()'s, a module's)
}

void FunctionObject::traverse(Visitor v) {
    v(code);
    v(globals);
    v(builtins);
    v(module);
    v(defaults);
    v(kwdefaults);
    v(doc);
    v(name);
    v(dict);
    v(closure);
    v(annotations);
    v(qualname);
}

void FunctionObject::clear() {
    Object* fields[] = {globals, builtins, module, defaults, kwdefaults, doc, dict, closure, annotations};
    globals = nullptr;
    builtins = nullptr;
    module = nullptr;
    defaults = nullptr;
    kwdefaults = nullptr;
    doc = nullptr;
    dict = nullptr;
    closure = nullptr;
    annotations = nullptr;
    for (Object* o : fields) xdecref(o);
    set_ref(name, share(consts.empty_str).release());
    set_ref(qualname, share(consts.empty_str).release());
}

void FunctionObject::release() {
    clear();
    Object *c = code, *n = name, *q = qualname;
    code = nullptr;
    name = qualname = nullptr;
    decref(c);
    decref(n);
    decref(q);
}

void MethodObject::clear() {
    Object* s = self;
    self = nullptr;
    xdecref(s);
}

void MethodObject::release() {
    Object *f = func, *s = self;
    func = self = nullptr;
    xdecref(f);
    xdecref(s);
}

Ref<> new_method(Object* func, Object* self) {
    return make<MethodObject>(types.method, share(func).release(), share(self).release());
}

NativeFunctionObject::NativeFunctionObject(TypeObject* t, const char* n, NativeFn f, void* d, Object* s, bool wrapper)
    : Object(t), name(n), fn(f), data(d), self(s), method_wrapper(wrapper) {
    xincref(s);
}

void NativeFunctionObject::release() {
    Object* s = self;
    self = nullptr;
    xdecref(s);
}

Ref<NativeFunctionObject> new_native_function(const char* name, NativeFn fn, void* data, Object* self) {
    return make<NativeFunctionObject>(types.builtin_function, name, fn, data, self);
}

DescriptorObject::DescriptorObject(TypeObject* t, TypeObject* o) : Object(t), owner(o) { incref(o); }

void DescriptorObject::release() {
    Object* o = owner;
    owner = nullptr;
    xdecref(o);
}

MemberDescriptorObject::MemberDescriptorObject(TypeObject* t, TypeObject* o, StrObject* n, int i)
    : DescriptorObject(t, o), name(n), slot(i) {
    incref(n);
}

void MemberDescriptorObject::release() {
    Object* n = name;
    name = nullptr;
    xdecref(n);
    DescriptorObject::release();
}

void WrapperObject::clear() {
    Object* c = callable;
    Object* d = dict;
    callable = nullptr;
    dict = nullptr;
    xdecref(c);
    xdecref(d);
}

void PropertyObject::clear() {
    Object *a = fget, *b = fset, *c = fdel, *d = doc;
    fget = fset = fdel = doc = nullptr;
    xdecref(a);
    xdecref(b);
    xdecref(c);
    xdecref(d);
}

void SuperObject::clear() {
    Object *a = cls, *b = obj, *c = obj_type;
    cls = nullptr;
    obj = nullptr;
    obj_type = nullptr;
    xdecref(a);
    xdecref(b);
    xdecref(c);
}

namespace {

// ---- function slots -----------------------------------------------------------------------------

FunctionObject* as_func(Object* o) { return static_cast<FunctionObject*>(o); }

Ref<> function_repr(Object* self) {
    return new_str(fmt::format("<function {} at {}>", str_value(as_func(self)->qualname), address_of(self)));
}

Ref<> function_call(Object* self, Args args) { return call_function(as_func(self), args); }

Ref<> function_descr_get(Object* self, Object* obj, TypeObject*) {
    if (!obj || obj == consts.None) return share(self);
    return new_method(self, obj);
}

DictObject** function_dict_ptr(Object* o) { return &as_func(o)->dict; }

Ref<> func_get_name(Object* self) { return share<Object>(as_func(self)->name); }
void func_set_name(Object* self, Object* v) {
    if (!v || !is_str(v)) raise(types.TypeError, "__name__ must be set to a string object");
    incref(v);
    set_ref(as_func(self)->name, static_cast<StrObject*>(v));
}
Ref<> func_get_qualname(Object* self) { return share<Object>(as_func(self)->qualname); }
void func_set_qualname(Object* self, Object* v) {
    if (!v || !is_str(v)) raise(types.TypeError, "__qualname__ must be set to a string object");
    incref(v);
    set_ref(as_func(self)->qualname, static_cast<StrObject*>(v));
}
Ref<> func_get_module(Object* self) { return as_func(self)->module ? share(as_func(self)->module) : new_none(); }
void func_set_module(Object* self, Object* v) {
    xincref(v);
    set_ref(as_func(self)->module, v);
}
Ref<> func_get_doc(Object* self) {
    FunctionObject* f = as_func(self);
    // 3.14 marks a docstring with CO_HAS_DOCSTRING, which the model's code
    // lacks: a first constant that is a str may be one or not.
    const std::vector<Object*>& code_consts = f->code->consts;
    if (f->doc == consts.None && !rt().profile().compile.doc_constant_always && !code_consts.empty() &&
        is_str(code_consts[0]))
        unsupported("the __doc__ of a function whose first constant is a str, on a runtime that flags its docstring");
    return f->doc ? share(f->doc) : new_none();
}
void func_set_doc(Object* self, Object* v) {
    xincref(v);
    set_ref(as_func(self)->doc, v);
}
// func_get_annotations (3.10's): the def's tuple of names and values
// becomes a dict the first time it is asked for, and stays; a function
// without annotations gets an empty one.
Ref<> func_get_annotations(Object* self) {
    FunctionObject* f = as_func(self);
    if (!f->annotations || f->annotations->type == types.tuple) {
        Ref<DictObject> made = new_dict();
        if (auto* pairs = static_cast<TupleObject*>(f->annotations))
            for (std::size_t i = 0; i + 1 < pairs->size(); i += 2)
                dict_set(made.get(), pairs->items[i], pairs->items[i + 1]);
        Object* old = f->annotations;
        f->annotations = made.release();
        xdecref(old);
    }
    return share(f->annotations);
}

Ref<> func_get_defaults(Object* self) {
    return as_func(self)->defaults ? share<Object>(as_func(self)->defaults) : new_none();
}
void func_set_defaults(Object* self, Object* v) {
    if (v == consts.None) v = nullptr;
    if (v && !is_tuple(v)) raise(types.TypeError, "__defaults__ must be set to a tuple object");
    xincref(v);
    set_ref(as_func(self)->defaults, static_cast<TupleObject*>(v));
}
Ref<> func_get_kwdefaults(Object* self) {
    return as_func(self)->kwdefaults ? share<Object>(as_func(self)->kwdefaults) : new_none();
}
Ref<> func_get_closure(Object* self) {
    return as_func(self)->closure ? share<Object>(as_func(self)->closure) : new_none();
}
Ref<> func_get_code(Object* self) { return share<Object>(as_func(self)->code); }
Ref<> func_get_globals(Object* self) { return share<Object>(as_func(self)->globals); }

// ---- bound methods ------------------------------------------------------------------------------

MethodObject* as_method(Object* o) { return static_cast<MethodObject*>(o); }

Ref<> method_repr(Object* self) {
    MethodObject* m = as_method(self);
    Ref<> name = lookup_attr(m->func, ids.qualname);
    std::string fname = name && is_str(name.get()) ? str_value(name.get()) : "?";
    return new_str(fmt::format("<bound method {} of {}>", fname, repr_string(m->self)));
}

// method_new: types.MethodType(func, self).
Ref<> method_new(TypeObject*, Args args) {
    no_keywords("method", args);
    check_nargs("method", args, 2, 2);
    if (!is_callable(args[0])) raise(types.TypeError, "first argument must be callable");
    if (args[1] == consts.None) raise(types.TypeError, "instance must not be None");
    return new_method(args[0], args[1]);
}

Ref<> method_call(Object* self, Args args) {
    MethodObject* m = as_method(self);
    std::vector<Object*> argv{m->self};
    argv.insert(argv.end(), args.items, args.items + args.total());
    Ref<> func = share(m->func);
    return call_with_self_prepended(func.get(), Args{argv.data(), args.nargs + 1, args.kwnames});
}

Ref<> method_richcompare(Object* a, Object* b, CompareOp op) {
    if (a->type != types.method || b->type != types.method || (op != CompareOp::Eq && op != CompareOp::Ne))
        return share(consts.NotImplemented);
    bool eq = as_method(a)->self == as_method(b)->self && equal(as_method(a)->func, as_method(b)->func);
    return new_bool((op == CompareOp::Eq) == eq);
}

std::int64_t method_hash(Object* self) {
    std::int64_t h = hash(as_method(self)->func) ^ types.object->tp.hash(as_method(self)->self);
    return h == -1 ? -2 : h;
}

// Attributes of a bound method come from its function (__name__, __doc__...).
Ref<> method_getattro(Object* self, StrObject* name, bool suppress) {
    if (Ref<> r = generic_getattr(self, name, true)) return r;
    return as_method(self)->func->type->tp.getattro(as_method(self)->func, name, suppress);
}

Ref<> method_get_func(Object* self) { return share(as_method(self)->func); }
Ref<> method_get_self(Object* self) { return share(as_method(self)->self); }

// ---- native functions and descriptors -----------------------------------------------------------

NativeFunctionObject* as_native(Object* o) { return static_cast<NativeFunctionObject*>(o); }

Ref<> native_repr(Object* self) {
    NativeFunctionObject* f = as_native(self);
    if (!f->self || f->self->type == types.module) return new_str(fmt::format("<built-in function {}>", f->name));
    return new_str(
        fmt::format("<built-in method {} of {} object at {}>", f->name, type_name(f->self), address_of(f->self)));
}

Ref<> native_call(Object* self, Args args) {
    NativeFunctionObject* f = as_native(self);
    if (f->app_level) at_instruction_boundary();  // on runtimes that run it as bytecode
    if (f->packing == NativeFunctionObject::Packing::None) return f->fn(f->self, args, f->data);
    // Argument Clinic's parser is made at the first call; a static
    // _PyArg_Parser of METH_FASTCALL (to 3.10) at the first call with
    // keywords, as only such a call is parsed with it.
    bool parsed = f->packing == NativeFunctionObject::Packing::ClinicVarargs ||
                  (f->packing == NativeFunctionObject::Packing::Parser && args.nkw() > 0);
    if (parsed && !f->parser_made) {
        f->parser_made = true;
        std::vector<Object*> names;
        for (const std::string& name : *f->clinic_keywords) names.push_back(new_str(name).release());
        rt().keep(new_tuple(std::move(names)).release());
    }
    if (f->packing == NativeFunctionObject::Packing::Parser) return f->fn(f->self, args, f->data);
    Ref<TupleObject> packed = positional_tuple(args);  // alive during the call, as CPython's
    args.tuple = packed.get();
    return f->fn(f->self, args, f->data);
}

Ref<> native_get_name(Object* self) { return new_str(as_native(self)->name); }
Ref<> native_get_self(Object* self) { return as_native(self)->self ? share(as_native(self)->self) : new_none(); }

std::int64_t native_hash(Object* self) {
    return types.object->tp.hash(self) ^ (as_native(self)->self ? types.object->tp.hash(as_native(self)->self) : 0);
}

Ref<> native_richcompare(Object* a, Object* b, CompareOp op) {
    if (a->type != b->type || (op != CompareOp::Eq && op != CompareOp::Ne)) return share(consts.NotImplemented);
    bool eq = as_native(a)->fn == as_native(b)->fn && as_native(a)->self == as_native(b)->self;
    return new_bool((op == CompareOp::Eq) == eq);
}

Ref<> method_descr_repr(Object* self) {
    auto* d = static_cast<MethodDescriptorObject*>(self);
    return new_str(fmt::format("<method '{}' of '{}' objects>", d->name, d->owner->name));
}

void check_descr_self(MethodDescriptorObject* d, Object* obj) {
    if (!is_instance_of(obj, d->owner))
        raisef(types.TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", d->name,
               d->owner->name, type_name(obj));
}

Ref<> method_descr_call(Object* self, Args args) {
    auto* d = static_cast<MethodDescriptorObject*>(self);
    if (args.nargs < 1) raisef(types.TypeError, "unbound method {}.{}() needs an argument", d->owner->name, d->name);
    check_descr_self(d, args[0]);
    Args rest{args.items + 1, args.nargs - 1, args.kwnames};
    if (!d->slot_wrapper || !rt().profile().slot_wrapper_calls_pack) return d->fn(args[0], rest, d->data);
    // wrapperdescr_call: the arguments came packed (call()), and the slot
    // gets a new tuple without `self`.
    Ref<TupleObject> sliced = positional_tuple(rest);
    rest.tuple = sliced.get();
    return d->fn(args[0], rest, d->data);
}

Ref<> method_descr_get(Object* self, Object* obj, TypeObject*) {
    if (!obj) return share(self);
    auto* d = static_cast<MethodDescriptorObject*>(self);
    check_descr_self(d, obj);
    // A slot wrapper's binding is a method-wrapper (no free list): flagged
    // before the manager sees it, or on 3.8 it would come from the
    // builtin-function free list and then not go back to it.
    return make<NativeFunctionObject>(types.builtin_function, d->name, d->fn, d->data, obj, d->slot_wrapper);
}

// classmethod_descriptor: what it binds is the class (the owner or a
// subclass of it), as a builtin method.
TypeObject* class_to_bind(MethodDescriptorObject* d, Object* cls) {
    if (!is_instance_of(cls, types.type) || !static_cast<TypeObject*>(cls)->is_subtype(d->owner))
        raisef(types.TypeError, "descriptor '{}' for type '{}' doesn't apply to '{}'", d->name, d->owner->name,
               repr_string(cls));
    return static_cast<TypeObject*>(cls);
}

Ref<> classmethod_descr_get(Object* self, Object* obj, TypeObject* type) {
    auto* d = static_cast<MethodDescriptorObject*>(self);
    TypeObject* cls = class_to_bind(d, type ? static_cast<Object*>(type) : obj->type);
    return make<NativeFunctionObject>(types.builtin_function, d->name, d->fn, d->data, cls, false);
}

Ref<> classmethod_descr_call(Object* self, Args args) {
    auto* d = static_cast<MethodDescriptorObject*>(self);
    if (args.nargs < 1)
        raisef(types.TypeError, "descriptor '{}' of '{}' object needs an argument", d->name, d->owner->name);
    TypeObject* cls = class_to_bind(d, args[0]);
    return d->fn(cls, Args{args.items + 1, args.nargs - 1, args.kwnames}, d->data);
}

Ref<> getset_repr(Object* self) {
    auto* d = static_cast<GetSetDescriptorObject*>(self);
    return new_str(fmt::format("<attribute '{}' of '{}' objects>", d->name, d->owner->name));
}

void check_getset_self(GetSetDescriptorObject* d, Object* obj) {
    if (!is_instance_of(obj, d->owner))
        raisef(types.TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", d->name,
               d->owner->name, type_name(obj));
}

Ref<> getset_get(Object* self, Object* obj, TypeObject*) {
    if (!obj) return share(self);
    auto* d = static_cast<GetSetDescriptorObject*>(self);
    check_getset_self(d, obj);
    return d->getter(obj);
}

void getset_set(Object* self, Object* obj, Object* value) {
    auto* d = static_cast<GetSetDescriptorObject*>(self);
    check_getset_self(d, obj);
    if (!d->setter)
        raisef(types.AttributeError, "attribute '{}' of '{}' objects is not writable", d->name, d->owner->name);
    d->setter(obj, value);
}

Ref<> member_repr(Object* self) {
    auto* d = static_cast<MemberDescriptorObject*>(self);
    return new_str(fmt::format("<member '{}' of '{}' objects>", str_value(d->name), d->owner->name));
}

}  // namespace

Object*& member_slot(MemberDescriptorObject* d, Object* obj) {
    if (!is_instance_of(obj, d->owner))
        raisef(types.TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", str_value(d->name),
               d->owner->name, type_name(obj));
    std::vector<Object*>& slots = instance_data(obj)->slots();
    if (slots.size() < obj->type->class_layout->slot_names.size())
        slots.resize(obj->type->class_layout->slot_names.size(), nullptr);
    return slots[d->slot];
}

namespace {

Ref<> member_get(Object* self, Object* obj, TypeObject*) {
    if (!obj) return share(self);
    auto* d = static_cast<MemberDescriptorObject*>(self);
    Object* v = member_slot(d, obj);
    if (!v) raisef(types.AttributeError, "'{}' object has no attribute '{}'", type_name(obj), str_value(d->name));
    return share(v);
}

void member_set(Object* self, Object* obj, Object* value) {
    auto* d = static_cast<MemberDescriptorObject*>(self);
    Object*& slot = member_slot(d, obj);
    if (!value && !slot)
        raisef(types.AttributeError, "'{}' object has no attribute '{}'", type_name(obj), str_value(d->name));
    xincref(value);
    set_ref(slot, value);
}

// ---- staticmethod, classmethod, property --------------------------------------------------------

WrapperObject* as_wrapper(Object* o) { return static_cast<WrapperObject*>(o); }

DictObject** wrapper_dict_ptr(Object* o) { return &as_wrapper(o)->dict; }

// PyType_GenericNew: the arguments are __init__'s.
Ref<> wrapper_new(TypeObject* type, Args) { return new_native_instance<WrapperObject>(type, builtin_base(type), true); }

// cm_init and sm_init: the callable, then (3.10+, functools_wraps) the
// attributes of it the profile names, set on the wrapper as
// PyObject_SetAttr sets them (into its __dict__, unless a subclass says
// otherwise); one the callable lacks is skipped. One the model lacks where
// the runtime has it (a builtin type's __doc__) is skipped too: reading it
// on the wrapper then stops (the names check), and so does reading the
// wrapper's __dict__ (wrapper_get_dict).
void wrapper_init(Object* self, Args args) {
    const std::string& name = builtin_base(self->type)->name;
    no_keywords(name, args);
    check_nargs(name, args, 1, 1);
    WrapperObject* w = as_wrapper(self);
    Object* old = w->callable;
    w->callable = share(args[0]).release();
    xdecref(old);
    for (const std::string& attribute : rt().profile().wrapper_copied_attributes) {
        StrObject* key = rt().intern(attribute);
        Ref<> value;
        try {
            value = getattr(w->callable, key);
        } catch (const PyException&) {
            if (!exception_is(rt().thread().curexc, types.AttributeError)) throw;
            take_exception();
            continue;
        } catch (const Unsupported&) {
            continue;
        }
        setattr(self, key, value.get());
    }
}

// The wrapper's __dict__, unless init skipped an attribute the runtime
// would have copied there.
Ref<> wrapper_get_dict(Object* self) {
    Ref<> dict = generic_get_dict(self);
    if (Object* callable = as_wrapper(self)->callable)
        for (const std::string& attribute : rt().profile().wrapper_copied_attributes) {
            StrObject* key = rt().intern(attribute);
            if (!dict_get(static_cast<DictObject*>(dict.get()), key) && !lookup_attr(callable, key))
                stop_if_runtime_has(callable, key);
        }
    return dict;
}

Object* wrapped_callable(Object* self) {
    Object* c = as_wrapper(self)->callable;
    if (!c) raisef(types.RuntimeError, "uninitialized {} object", builtin_base(self->type)->name);
    return c;
}

Ref<> staticmethod_get(Object* self, Object*, TypeObject*) { return share(wrapped_callable(self)); }

Ref<> staticmethod_call(Object* self, Args args) { return call(wrapped_callable(self), args); }

Ref<> classmethod_get(Object* self, Object* obj, TypeObject* owner) {
    return new_method(wrapped_callable(self), owner ? owner : obj->type);
}

Ref<> wrapper_get_func(Object* self) {
    Object* c = as_wrapper(self)->callable;
    return share(c ? c : consts.None);
}

// _PyObject_IsAbstract: the object's __isabstractmethod__, true or not
// (missing: false).
bool is_abstract(Object* o) {
    if (!o) return false;
    Ref<> flag = lookup_attr(o, rt().intern("__isabstractmethod__"));
    return flag && truthy(flag.get());
}

Ref<> wrapper_get_isabstractmethod(Object* self) { return new_bool(is_abstract(as_wrapper(self)->callable)); }

PropertyObject* as_prop(Object* o) { return static_cast<PropertyObject*>(o); }

// PyType_GenericNew: the arguments are __init__'s.
Ref<> property_new(TypeObject* type, Args) {
    return new_native_instance<PropertyObject>(type, builtin_base(type), true);
}

void set_accessor(Object*& field, Object* value) {
    Object* old = field;
    field = value && value != consts.None ? share(value).release() : nullptr;
    xdecref(old);
}

// property_init: the accessors, and the doc, fget's when none is given.
// A subclass's instance keeps it in its __dict__ (its class's __doc__
// would shadow the member): when it came from fget (to 3.11), or always
// (3.12+, None when there is none and fget's doc is None).
void property_init(Object* self, Args args) {
    Object *fget = nullptr, *fset = nullptr, *fdel = nullptr, *doc = nullptr;
    parse_args("property", args, {"fget", "fset", "fdel", "doc"}, 0, {&fget, &fset, &fdel, &doc});
    PropertyObject* p = as_prop(self);
    set_accessor(p->fget, fget);
    set_accessor(p->fset, fset);
    set_accessor(p->fdel, fdel);
    p->getter_doc = false;
    bool exact = self->type == types.property;
    bool always_in_dict = rt().profile().property_subclass_doc_always_set;
    Ref<> prop_doc = doc && doc != consts.None ? share(doc) : nullptr;
    if (!prop_doc && p->fget) {
        prop_doc = lookup_attr(p->fget, ids.doc);
        if (!prop_doc) {
            set_accessor(p->doc, nullptr);
            return;
        }
        if (always_in_dict && !exact && prop_doc.get() == consts.None) prop_doc = nullptr;
        if (prop_doc || !always_in_dict) p->getter_doc = true;
        if (!exact && !always_in_dict) {
            setattr(self, ids.doc, prop_doc ? prop_doc.get() : consts.None);
            return;
        }
    }
    if (exact || !always_in_dict) {
        set_accessor(p->doc, prop_doc.get());
        return;
    }
    setattr(self, ids.doc, prop_doc ? prop_doc.get() : consts.None);
}

Ref<> property_get_doc(Object* self) {
    Object* doc = as_prop(self)->doc;
    return share(doc ? doc : consts.None);
}

void property_set_doc(Object* self, Object* value) { set_accessor(as_prop(self)->doc, value); }

Ref<> property_get_isabstractmethod(Object* self) {
    PropertyObject* p = as_prop(self);
    return new_bool(is_abstract(p->fget) || is_abstract(p->fset) || is_abstract(p->fdel));
}

std::string property_name(PropertyObject* p) {
    Object* f = p->fget ? p->fget : p->fset ? p->fset : p->fdel;
    if (f && f->type == types.function) return str_value(as_func(f)->name);
    return "?";
}

Ref<> property_get(Object* self, Object* obj, TypeObject*) {
    if (!obj) return share(self);
    PropertyObject* p = as_prop(self);
    if (!p->fget)
        raisef(types.AttributeError, "property '{}' of '{}' object has no getter", property_name(p), type_name(obj));
    return call(p->fget, {obj});
}

void property_set(Object* self, Object* obj, Object* value) {
    PropertyObject* p = as_prop(self);
    Object* f = value ? p->fset : p->fdel;
    if (!f)
        raisef(types.AttributeError, "property '{}' of '{}' object has no {}", property_name(p), type_name(obj),
               value ? "setter" : "deleter");
    if (value) call(f, {obj, value});
    else call(f, {obj});
}

// property_copy: a new property of the same type, called as
// type(self)(fget, fset, fdel, doc) with one accessor replaced (None keeps
// the old one); a doc that came from the old getter is the new getter's.
template <int WHICH>  // 0 getter, 1 setter, 2 deleter
Ref<> property_copy_with(Object* self, Args args, void*) {
    check_nargs("property", args, 1, 1);
    PropertyObject* p = as_prop(self);
    Object* parts[] = {p->fget, p->fset, p->fdel};
    if (args[0] != consts.None) parts[WHICH] = args[0];
    Object* doc = p->getter_doc && parts[0] ? consts.None : p->doc ? p->doc : consts.None;
    Ref<> keep_old = share(self);
    for (Object*& part : parts)
        if (!part) part = consts.None;
    return call(self->type, {parts[0], parts[1], parts[2], doc});
}

// ---- super --------------------------------------------------------------------------------------

SuperObject* as_super(Object* o) { return static_cast<SuperObject*>(o); }

// super() without arguments: __class__ from the calling frame's cell and its
// first argument.
void super_from_frame(TypeObject*& type, Object*& obj) {
    Frame* f = rt().thread().current_frame;
    if (!f) raise(types.RuntimeError, "super(): no current frame");
    CodeObject* co = f->code;
    if (co->code->argcount == 0) raise(types.RuntimeError, "super(): no arguments");
    Object* first = f->localsplus()[0];
    const auto& cell2arg = co->code->cell2arg;
    for (std::size_t i = 0; i < cell2arg.size(); ++i)
        if (cell2arg[i] == 0) {
            Object* cell = f->localsplus()[co->nlocals + i];
            first = cell ? static_cast<CellObject*>(cell)->ref : nullptr;
        }
    if (!first) raise(types.RuntimeError, "super(): arg[0] deleted");
    for (int i = 0; i < co->nfrees; ++i) {
        if (co->localsplus_names[co->nlocals + co->ncells + i] != ids.class_) continue;
        Object* cell = f->localsplus()[co->nlocals + co->ncells + i];
        Object* cls = cell ? static_cast<CellObject*>(cell)->ref : nullptr;
        if (!cls) raise(types.RuntimeError, "super(): empty __class__ cell");
        if (!is_instance_of(cls, types.type)) raise(types.RuntimeError, "super(): __class__ is not a type");
        type = static_cast<TypeObject*>(cls);
        obj = first;
        return;
    }
    raise(types.RuntimeError, "super(): __class__ cell not found");
}

Ref<> super_new(TypeObject*, Args args) {
    no_keywords("super", args);
    check_nargs("super", args, 0, 2);
    TypeObject* type = nullptr;
    Object* obj = nullptr;
    if (args.nargs == 0) super_from_frame(type, obj);
    else {
        if (!is_instance_of(args[0], types.type))
            raisef(types.TypeError, "super() argument 1 must be a type, not {}", type_name(args[0]));
        type = static_cast<TypeObject*>(args[0]);
        obj = args.nargs > 1 ? args[1] : nullptr;
    }
    TypeObject* obj_type = nullptr;
    if (obj) {
        if (is_instance_of(obj, types.type) && static_cast<TypeObject*>(obj)->is_subtype(type))
            obj_type = static_cast<TypeObject*>(obj);
        else if (is_instance_of(obj, type)) obj_type = obj->type;
        else raise(types.TypeError, "super(type, obj): obj must be an instance or subtype of type");
    }
    auto s = make<SuperObject>(types.super);
    s->cls = static_cast<TypeObject*>(share<Object>(type).release());
    s->obj = obj ? share(obj).release() : nullptr;
    s->obj_type = obj_type ? static_cast<TypeObject*>(share<Object>(obj_type).release()) : nullptr;
    return s;
}

Ref<> super_getattro(Object* self, StrObject* name, bool suppress) {
    SuperObject* s = as_super(self);
    if (s->obj_type && name != ids.class_) {
        auto& mro = s->obj_type->mro;
        auto it = std::find(mro.begin(), mro.end(), s->cls);
        if (it != mro.end())
            for (++it; it != mro.end(); ++it)
                if (Object* res = dict_get((*it)->dict, name)) {
                    Ref<> keep = share(res);
                    if (auto get = res->type->tp.descr_get)
                        return get(res, s->obj == s->obj_type ? nullptr : s->obj, s->obj_type);
                    return keep;
                }
    }
    return generic_getattr(self, name, suppress);
}

Ref<> super_repr(Object* self) {
    SuperObject* s = as_super(self);
    if (s->obj_type) return new_str(fmt::format("<super: <class '{}'>, <{} object>>", s->cls->name, s->obj_type->name));
    return new_str(fmt::format("<super: <class '{}'>, NULL>", s->cls->name));
}

Ref<> cell_repr(Object* self) {
    auto* c = static_cast<CellObject*>(self);
    if (!c->ref) return new_str(fmt::format("<cell at {}: empty>", address_of(self)));
    return new_str(
        fmt::format("<cell at {}: {} object at {}>", address_of(self), type_name(c->ref), address_of(c->ref)));
}

Ref<> cell_get_contents(Object* self) {
    auto* c = static_cast<CellObject*>(self);
    if (!c->ref) raise(types.ValueError, "Cell is empty");
    return share(c->ref);
}

Ref<> code_repr(Object* self) {
    auto* c = static_cast<CodeObject*>(self);
    return new_str(fmt::format("<code object {} at {}, file \"{}\", line {}>", str_value(c->name), address_of(self),
                               str_value(c->filename), c->code->first_line));
}

template <StrObject* CodeObject::*FIELD> Ref<> code_get_str(Object* self) {
    return share<Object>(static_cast<CodeObject*>(self)->*FIELD);
}

Ref<> code_get_firstlineno(Object* self) { return new_int(static_cast<CodeObject*>(self)->code->first_line); }

}  // namespace

void init_function_types() {
    TypeObject* f = types.function;
    f->tp.repr = &function_repr;
    f->tp.call = &function_call;
    f->tp.descr_get = &function_descr_get;
    f->dict_ptr = &function_dict_ptr;
    add_getset(f, "__name__", &func_get_name, &func_set_name);
    add_getset(f, "__qualname__", &func_get_qualname, &func_set_qualname);
    add_getset(f, "__module__", &func_get_module, &func_set_module);
    add_getset(f, "__doc__", &func_get_doc, &func_set_doc);
    add_getset(f, "__defaults__", &func_get_defaults, &func_set_defaults);
    add_getset(f, "__annotations__", &func_get_annotations);
    add_getset(f, "__kwdefaults__", &func_get_kwdefaults);
    add_getset(f, "__closure__", &func_get_closure);
    add_getset(f, "__code__", &func_get_code);
    add_getset(f, "__globals__", &func_get_globals);
    add_getset(f, "__dict__", &generic_get_dict, &generic_set_dict);

    TypeObject* m = types.method;
    m->tp.repr = &method_repr;
    m->tp.call = &method_call;
    m->tp.new_ = &method_new;
    m->tp.richcompare = &method_richcompare;
    m->tp.hash = &method_hash;
    m->tp.getattro = &method_getattro;
    add_getset(m, "__func__", &method_get_func);
    add_getset(m, "__self__", &method_get_self);

    TypeObject* n = types.builtin_function;
    n->tp.repr = &native_repr;
    n->tp.call = &native_call;
    n->tp.hash = &native_hash;
    n->tp.richcompare = &native_richcompare;
    add_getset(n, "__name__", &native_get_name);
    add_getset(n, "__qualname__", &native_get_name);
    add_getset(n, "__self__", &native_get_self);

    types.method_descriptor->tp.repr = &method_descr_repr;
    types.method_descriptor->tp.call = &method_descr_call;
    types.method_descriptor->tp.descr_get = &method_descr_get;
    types.classmethod_descriptor->tp.repr = &method_descr_repr;
    types.classmethod_descriptor->tp.call = &classmethod_descr_call;
    types.classmethod_descriptor->tp.descr_get = &classmethod_descr_get;
    types.getset_descriptor->tp.repr = &getset_repr;
    types.getset_descriptor->tp.descr_get = &getset_get;
    types.getset_descriptor->tp.descr_set = &getset_set;
    types.member_descriptor->tp.repr = &member_repr;
    types.member_descriptor->tp.descr_get = &member_get;
    types.member_descriptor->tp.descr_set = &member_set;

    bool wraps = !rt().profile().wrapper_copied_attributes.empty();
    for (TypeObject* t : {types.staticmethod, types.classmethod}) {
        t->tp.new_ = &wrapper_new;
        t->tp.init = &wrapper_init;
        t->dict_ptr = &wrapper_dict_ptr;
        t->subclass_layout = &Extended<WrapperObject>::subclass;
        add_getset(t, "__func__", &wrapper_get_func);
        if (wraps) add_getset(t, "__wrapped__", &wrapper_get_func);
        add_getset(t, "__isabstractmethod__", &wrapper_get_isabstractmethod);
        add_getset(t, "__dict__", &wrapper_get_dict, &generic_set_dict);
    }
    types.staticmethod->tp.descr_get = &staticmethod_get;
    types.staticmethod->tp.call = &staticmethod_call;
    types.classmethod->tp.descr_get = &classmethod_get;

    TypeObject* p = types.property;
    p->tp.new_ = &property_new;
    p->tp.init = &property_init;
    p->tp.descr_get = &property_get;
    p->tp.descr_set = &property_set;
    p->subclass_layout = &Extended<PropertyObject>::subclass;
    add_getset(p, "__doc__", &property_get_doc, &property_set_doc);
    add_getset(p, "__isabstractmethod__", &property_get_isabstractmethod);
    add_method(p, "getter", &property_copy_with<0>);
    add_method(p, "setter", &property_copy_with<1>);
    add_method(p, "deleter", &property_copy_with<2>);

    types.super->tp.new_ = &super_new;
    types.super->tp.getattro = &super_getattro;
    types.super->tp.repr = &super_repr;
    types.cell->tp.repr = &cell_repr;
    add_getset(types.cell, "cell_contents", &cell_get_contents);
    types.code->tp.repr = &code_repr;
    add_getset(types.code, "co_name", &code_get_str<&CodeObject::name>);
    add_getset(types.code, "co_qualname", &code_get_str<&CodeObject::qualname>);
    add_getset(types.code, "co_filename", &code_get_str<&CodeObject::filename>);
    add_getset(types.code, "co_firstlineno", &code_get_firstlineno);
}

}  // namespace vm
