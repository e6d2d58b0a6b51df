// re.Match, _sre.SRE_Scanner, _sre.SRE_Template and the callable_iterator
// of finditer (sre_objects.hpp): what a match reports, read from its marks
// as CPython's Modules/_sre does.
#include "../api.hpp"
#include "sre_objects.hpp"

namespace vm::sre {

SreTypes sre_types;

// ---- the subject --------------------------------------------------------------------------------

bool Subject::take(Object* o) {
    string = o;
    narrow = nullptr;
    wide.clear();
    offsets.clear();
    bytes_copy.clear();
    if (is_str(o)) {
        const auto* s = static_cast<const StrObject*>(o);
        isbytes = false;
        length = static_cast<std::int64_t>(s->length);
        if (s->ascii) {
            narrow = reinterpret_cast<const std::uint8_t*>(s->value.c_str());
            return true;
        }
        wide.reserve(s->length);
        offsets.reserve(s->length + 1);
        for (std::size_t i = 0, width = 1; i < s->value.size(); i += width) {
            offsets.push_back(static_cast<std::uint32_t>(i));
            wide.push_back(code_point_at(s->value, i, width));
        }
        offsets.push_back(static_cast<std::uint32_t>(s->value.size()));
        return true;
    }
    if (!is_bytes_like(o)) return false;
    isbytes = true;
    length = static_cast<std::int64_t>(bytes_value(o).size());
    // A bytearray may change while a scanner reads it (CPython's export of
    // its buffer forbids only a resize).
    if (o->type == types.bytearray) bytes_copy = bytes_value(o);
    const std::string& bytes = o->type == types.bytearray ? bytes_copy : bytes_value(o);
    narrow = reinterpret_cast<const std::uint8_t*>(bytes.c_str());
    return true;
}

namespace {

// A group's span that ends before it starts (to 3.10, where nothing checks
// it): PyUnicode_Substring's empty str, PyBytes_FromStringAndSize's error.
std::int64_t slice_end(bool bytes, std::int64_t start, std::int64_t end) {
    if (end >= start) return end;
    if (bytes) raise(types.SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    return start;
}

}  // namespace

Ref<> Subject::slice(std::int64_t start, std::int64_t end) const {
    end = slice_end(isbytes, start, end);
    if (isbytes) {
        if (string->type == types.bytes && start == 0 && end == length) return share(string);
        const std::string& b = string->type == types.bytearray ? bytes_copy : bytes_value(string);
        return new_bytes(b.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
    }
    // PyUnicode_Substring: an exact str whole is itself.
    if (string->type == types.str && start == 0 && end == length) return share(string);
    const std::string& s = str_value(string);
    if (offsets.empty())
        return new_str(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
    return new_str(s.substr(offsets[start], offsets[end] - offsets[start]));
}

[[noreturn]] void raise_not_a_string(Object* o) {
    if (facts().names_type_in_string_error)
        raisef(types.TypeError, "expected string or bytes-like object, got '{}'", type_name(o));
    raise(types.TypeError, "expected string or bytes-like object");
}

void raise_engine_error(std::int64_t) {
    // pattern_error: the engine's only errors here are of invalid code.
    raise(types.RuntimeError, "internal error in regular expression engine");
}

namespace {

const Facts& f() { return facts(); }

// ---- re.Match -----------------------------------------------------------------------------------

MatchObject* as_match(Object* o) { return static_cast<MatchObject*>(o); }

// match_getindex: a group by number (anything with __index__) or by name.
std::int64_t group_index(MatchObject* m, Object* index) {
    std::int64_t i = -1;
    if (index->type->tp.index) {
        i = as_index(index);
    } else if (m->pattern->groupindex) {
        Object* found = dict_get(m->pattern->groupindex, index);
        if (found && is_int(found)) i = int_value(found);
    } else if (f().pypy) {
        Ref<DictObject> empty = new_dict();
        dict_get(empty.get(), index);  // PyPy looks every name up: an unhashable one raises
    }
    if (i < 0 || i >= static_cast<std::int64_t>(m->groups())) raise(types.IndexError, "no such group");
    return i;
}

Ref<> group_of(MatchObject* m, Object* index, Object* fallback) {
    return match_group_slice(m, static_cast<std::size_t>(group_index(m, index)), fallback);
}

Ref<> m_group(Object* self, Args args, void*) {
    no_keywords(CallKey("re.Match", "group"), args);
    MatchObject* m = as_match(self);
    Ref<TupleObject> packed = positional_tuple(args);  // METH_VARARGS
    if (args.nargs == 0) return match_group_slice(m, 0, consts.None);
    if (args.nargs == 1) return group_of(m, args[0], consts.None);
    Ref<TupleObject> result = none_tuple(args.nargs);
    for (std::size_t i = 0; i < args.nargs; ++i) set_ref(result->items[i], group_of(m, args[i], consts.None).release());
    return result;
}

Ref<> match_getitem(Object* self, Object* key) { return group_of(as_match(self), key, consts.None); }

Ref<> m_groups(Object* self, Args args, void*) {
    Object* fallback = nullptr;
    parse_args(CallKey("re.Match", "groups"), args, {"default"}, 0, {&fallback});
    MatchObject* m = as_match(self);
    Ref<TupleObject> result = none_tuple(m->groups() - 1);
    for (std::size_t i = 1; i < m->groups(); ++i)
        set_ref(result->items[i - 1], match_group_slice(m, i, fallback ? fallback : consts.None).release());
    return result;
}

Ref<> m_groupdict(Object* self, Args args, void*) {
    Object* fallback = nullptr;
    parse_args(CallKey("re.Match", "groupdict"), args, {"default"}, 0, {&fallback});
    MatchObject* m = as_match(self);
    Ref<DictObject> result = new_dict();
    if (!m->pattern->groupindex) return result;
    std::vector<Ref<>> keys;
    dict_for_each(m->pattern->groupindex, [&](Object* k, Object*) { keys.push_back(share(k)); });
    for (Ref<>& key : keys) {
        Ref<> value = group_of(m, key.get(), fallback ? fallback : consts.None);
        dict_set(result.get(), key.get(), value.get());
    }
    return result;
}

std::int64_t optional_group(MatchObject* m, const char* name, Args args) {
    check_nargs(CallKey("re.Match", name), args, 0, 1);
    return args.nargs ? group_index(m, args[0]) : 0;
}

Ref<> m_start(Object* self, Args args, void*) {
    MatchObject* m = as_match(self);
    return new_int(m->marks[2 * optional_group(m, "start", args)]);
}

Ref<> m_end(Object* self, Args args, void*) {
    MatchObject* m = as_match(self);
    return new_int(m->marks[2 * optional_group(m, "end", args) + 1]);
}

Ref<> pair(std::int64_t a, std::int64_t b) {
    Ref<> first = new_int(a), second = new_int(b);
    return tuple_of({first.get(), second.get()});
}

Ref<> m_span(Object* self, Args args, void*) {
    MatchObject* m = as_match(self);
    std::int64_t i = optional_group(m, "span", args);
    return pair(m->marks[2 * i], m->marks[2 * i + 1]);
}

Ref<> m_expand(Object* self, Args args, void*) {
    Object* template_ = nullptr;
    parse_args(CallKey("re.Match", "expand"), args, {"template"}, 1, {&template_});
    MatchObject* m = as_match(self);
    rt().manager().on_uncharged("Match.expand(), which runs re's Python code from C");
    if (f().has_template) {
        Ref<TemplateObject> compiled = compile_template(m->pattern, template_);
        return expand_template(compiled.get(), m);
    }
    // re._expand(pattern, match, template), its arguments in a new tuple.
    Ref<TupleObject> packed = tuple_of({m->pattern, m, template_});
    Ref<ModuleObject> re = rt().import_module(rt().intern("re"));
    return call(getattr(re.get(), "_expand").get(), Args{packed->items.data(), packed->size(), nullptr, packed.get()});
}

Ref<> m_copy(Object* self, Args args, void*) {
    check_nargs(CallKey("re.Match", "__copy__"), args, 0, 0);
    return share(self);
}

Ref<> m_deepcopy(Object* self, Args args, void*) {
    check_nargs(CallKey("re.Match", "__deepcopy__"), args, 1, 1);
    return share(self);
}

Ref<> match_get_string(Object* self) { return share(as_match(self)->string); }
Ref<> match_get_re(Object* self) { return share<Object>(as_match(self)->pattern); }
Ref<> match_get_pos(Object* self) { return new_int(as_match(self)->pos); }
Ref<> match_get_endpos(Object* self) { return new_int(as_match(self)->endpos); }

Ref<> match_get_lastindex(Object* self) {
    MatchObject* m = as_match(self);
    return m->lastindex >= 0 ? new_int(m->lastindex) : new_none();
}

Ref<> match_get_lastgroup(Object* self) {
    MatchObject* m = as_match(self);
    TupleObject* names = m->pattern->indexgroup;
    if (names && m->lastindex >= 0 && m->lastindex < static_cast<std::int64_t>(names->size()))
        return share(names->items[m->lastindex]);
    return new_none();
}

Ref<> match_get_regs(Object* self) {
    MatchObject* m = as_match(self);
    if (m->regs) return share<Object>(m->regs);
    Ref<TupleObject> regs = none_tuple(m->groups());
    for (std::size_t i = 0; i < m->groups(); ++i)
        set_ref(regs->items[i], pair(m->marks[2 * i], m->marks[2 * i + 1]).release());
    m->regs = share(regs.get()).release();
    return regs;
}

Ref<> match_repr(Object* self) {
    MatchObject* m = as_match(self);
    Ref<> group0 = match_group_slice(m, 0, consts.None);
    std::string text = repr_string(group0.get());
    // %.50R: the repr's first 50 characters.
    std::u32string chars = decode_utf8(text);
    if (chars.size() > 50) text = encode_utf8(chars.substr(0, 50));
    return new_str(fmt::format("<re.Match object; span=({}, {}), match={}>", m->marks[0], m->marks[1], text));
}

// ---- _sre.SRE_Scanner ---------------------------------------------------------------------------

ScannerObject* as_scanner(Object* o) { return static_cast<ScannerObject*>(o); }

// SRE_Scanner.match and .search: the next match from where the last ended.
Ref<> scan(ScannerObject* s, bool anywhere) {
    if (s->executing) raise(types.ValueError, "regular expression scanner already executing");
    if (s->exhausted) return new_none();
    struct Executing {
        ScannerObject* s;
        explicit Executing(ScannerObject* scanner) : s(scanner) { s->executing = true; }
        ~Executing() { s->executing = false; }
    } executing(s);
    State& state = s->state;
    state.reset();
    state.ptr = state.start;
    std::int64_t status = anywhere ? search(s->pattern->runnable(), state) : match(s->pattern->runnable(), state);
    if (status < 0) raise_engine_error(status);
    Ref<> m = status ? new_match(s->pattern, s->subject, state) : new_none();
    if (status == 0) {
        s->exhausted = true;
    } else {
        state.must_advance = state.ptr == state.start;
        state.start = state.ptr;
    }
    return m;
}

Ref<> s_match(Object* self, Args args, void*) {
    check_nargs(CallKey("_sre.SRE_Scanner", "match"), args, 0, 0);
    return scan(as_scanner(self), false);
}

Ref<> s_search(Object* self, Args args, void*) {
    check_nargs(CallKey("_sre.SRE_Scanner", "search"), args, 0, 0);
    return scan(as_scanner(self), true);
}

Ref<> scanner_get_pattern(Object* self) { return share<Object>(as_scanner(self)->pattern); }

// PyPy's scanner is its own iterator: finditer returns it.
Ref<> scanner_iter(Object* self) { return share(self); }
Ref<> scanner_next(Object* self) {
    Ref<> m = scan(as_scanner(self), true);
    if (m.get() == consts.None) return nullptr;
    return m;
}

// ---- callable_iterator --------------------------------------------------------------------------

Ref<> calliter_iter(Object* self) { return share(self); }

// calliter_iternext: the callable's result until it equals the sentinel.
Ref<> calliter_next(Object* self) {
    auto* it = static_cast<CallIterObject*>(self);
    if (!it->callable) return nullptr;
    Ref<> callable = share(it->callable);
    Ref<> result;
    try {
        result = call(callable.get(), {});
    } catch (const PyException&) {
        Ref<> exc = take_exception();
        if (!exception_is(exc.get(), types.StopIteration)) reraise(std::move(exc));
        it->clear();
        return nullptr;
    }
    if (!richcompare_bool(it->sentinel, result.get(), CompareOp::Eq)) return result;
    result.reset();
    it->clear();
    return nullptr;
}

// ---- _sre.SRE_Template --------------------------------------------------------------------------

bool is_empty_literal(Object* o) {
    return (is_str(o) && static_cast<StrObject*>(o)->length == 0) || (o->type == types.bytes && bytes_value(o).empty());
}

}  // namespace

// ---- layouts ------------------------------------------------------------------------------------

void MatchObject::traverse(Visitor v) {
    if (f().gc_types) v(type);
    v(string);
    v(regs);
    v(pattern);
}

void MatchObject::clear() {
    clear_field(string);
    clear_field(regs);
    clear_field(pattern);
}

void MatchObject::release() {
    if (f().gc_types) return clear();  // match_clear's order
    clear_field(regs);  // 3.8's and 3.9's match_dealloc
    clear_field(string);
    clear_field(pattern);
}

void ScannerObject::traverse(Visitor v) {
    if (f().gc_types) v(type);
    v(pattern);
    // CPython's scanner_traverse leaves out the state's string; PyPy's
    // collector, and a model without tp_traverse, see every reference.
    if (!f().gc_types || f().pypy) v(string);
}

void ScannerObject::clear() { clear_field(pattern); }

void ScannerObject::release() {
    clear_field(string);  // state_fini, then the pattern
    clear();
}

void TemplateObject::traverse(Visitor v) {
    v(type);
    v(literal);
    for (Item& item : items) v(item.literal);
}

void TemplateObject::clear() {
    clear_field(literal);
    for (Item& item : items) clear_field(item.literal);
}

void TemplateObject::release() { clear(); }

void CallIterObject::clear() {
    clear_field(callable);
    clear_field(sentinel);
}

// ---- what the pattern's methods use -------------------------------------------------------------

Ref<> match_group_slice(MatchObject* m, std::size_t index, Object* fallback) {
    std::int64_t i = m->marks[2 * index], j = m->marks[2 * index + 1];
    if (m->string == consts.None || i < 0) return share(fallback);
    Object* s = m->string;
    if (is_str(s)) {
        j = slice_end(false, i, j);
        const auto* text = static_cast<const StrObject*>(s);
        // PyUnicode_Substring: an exact str whole is itself.
        if (s->type == types.str && i == 0 && j == static_cast<std::int64_t>(text->length)) return share(s);
        if (text->ascii) return new_str(text->value.substr(i, j - i));
        std::uint32_t from = m->byte_marks[2 * index], to = std::max(from, m->byte_marks[2 * index + 1]);
        return new_str(text->value.substr(from, to - from));
    }
    if (!is_bytes_like(s)) raise_not_a_string(s);
    // A bytearray may have shrunk since (match_getslice_by_index).
    const std::string& bytes = bytes_value(s);
    auto length = static_cast<std::int64_t>(bytes.size());
    i = std::min(i, length);
    j = slice_end(true, i, std::min(j, length));
    if (s->type == types.bytes && i == 0 && j == length) return share(s);
    return new_bytes(bytes.substr(i, j - i));
}

Ref<> new_match(PatternObject* pattern, const Subject& subject, const State& state) {
    const auto groups = static_cast<std::size_t>(pattern->groups);
    Ref<MatchObject> m = make<MatchObject>(sre_types.match, groups);
    m->pattern = share(pattern).release();
    m->string = share(subject.string).release();
    m->marks[0] = state.start;
    m->marks[1] = state.ptr;
    for (std::size_t g = 1; g <= groups; ++g) {
        std::size_t i = 2 * (g - 1);
        if (static_cast<int>(i) + 1 > state.lastmark || state.marks[i] < 0 || state.marks[i + 1] < 0) continue;
        if (f().checks_span && state.marks[i] > state.marks[i + 1])
            raise(types.SystemError, "The span of capturing group is wrong, please report a bug for the re module.");
        m->marks[2 * g] = state.marks[i];
        m->marks[2 * g + 1] = state.marks[i + 1];
    }
    m->pos = state.pos;
    m->endpos = state.endpos;
    m->lastindex = state.lastindex;
    if (!subject.offsets.empty()) {
        m->byte_marks.resize(m->marks.size());
        for (std::size_t i = 0; i < m->marks.size(); ++i)
            m->byte_marks[i] = m->marks[i] < 0 ? 0 : subject.offsets[std::min(m->marks[i], subject.length)];
    }
    return m;
}

Ref<ScannerObject> new_scanner(PatternObject* pattern, Object* string, std::int64_t pos, std::int64_t endpos) {
    Ref<ScannerObject> s = make<ScannerObject>(sre_types.scanner);
    if (!s->subject.take(string)) raise_not_a_string(string);
    init_state(s->state, pattern, s->subject, pos, endpos);
    s->string = share(string).release();
    s->pattern = share(pattern).release();
    return s;
}

Ref<> scanner_search(ScannerObject* scanner) { return getattr(scanner, "search"); }

Ref<> make_template(Object* pattern, Object* list) {
    (void)pattern;
    if (!is_list(list)) raisef(types.TypeError, "template() argument 2 must be list, not {}", type_name(list));
    auto* l = static_cast<ListObject*>(list);
    std::size_t n = l->size();
    if (n < 1 || (n & 1) == 0) raise(types.TypeError, "invalid template");
    Ref<TemplateObject> t = f().template_tracked ? make<TemplateObject>(sre_types.template_)
                                                 : make_untracked<TemplateObject>(sre_types.template_);
    t->chunks = static_cast<std::int64_t>(n);
    t->literal = share(l->items[0]).release();
    for (std::size_t i = 0; i < n / 2; ++i) {
        std::int64_t index = as_index(l->items[2 * i + 1]);
        if (index < 0) raise(types.TypeError, "invalid template");
        Object* literal = l->items[2 * i + 2];
        if (is_empty_literal(literal)) {
            literal = nullptr;  // no chunk of its own
            --t->chunks;
        }
        t->items.push_back({index, literal ? share(literal).release() : nullptr});
    }
    return t;
}

Ref<TemplateObject> compile_template(PatternObject* pattern, Object* template_) {
    if (!sre_types.compile_template) {
        Ref<ModuleObject> re = rt().import_module(rt().intern("re"));
        sre_types.compile_template = getattr(re.get(), "_compile_template").release();
        rt().keep(sre_types.compile_template);
    }
    Object* compile = sre_types.compile_template;
    Ref<> result;
    try {
        result = call(compile, {pattern, template_});
    } catch (const PyException&) {
        // An unhashable template (a bytearray, a str subclass with no
        // hash): again with a copy of the basic type.
        Ref<> exc = take_exception();
        Ref<> copy;
        if (exception_is(exc.get(), types.TypeError) && is_str(template_) && template_->type != types.str)
            copy = new_str(str_value(template_));
        else if (exception_is(exc.get(), types.TypeError) && is_bytes_like(template_) && template_->type != types.bytes)
            copy = new_bytes(bytes_value(template_));
        else reraise(std::move(exc));
        exc.reset();
        result = call(compile, {pattern, copy.get()});
    }
    if (result->type != sre_types.template_)
        raisef(types.RuntimeError, "the result of compiling a replacement string is {}", type_name(result.get()));
    return Ref<TemplateObject>::take(static_cast<TemplateObject*>(result.release()));
}

Ref<> expand_template(TemplateObject* t, MatchObject* m) {
    if (t->items.empty()) return share(t->literal);
    const bool str = is_str(t->literal);
    // Ten pieces or fewer of a str are joined from the stack; more, or
    // bytes, from a new list.
    Ref<ListObject> list = (t->chunks > 10 || !str) ? new_list() : nullptr;
    if (list) list_resize(list.get(), static_cast<std::size_t>(t->chunks));
    std::string out = str ? str_value(t->literal) : bytes_value(t->literal);
    for (TemplateObject::Item& item : t->items) {
        if (item.index >= static_cast<std::int64_t>(m->groups())) raise(types.IndexError, "no such group");
        Ref<> piece = match_group_slice(m, static_cast<std::size_t>(item.index), consts.None);
        if (piece.get() != consts.None) out += str ? str_value(piece.get()) : bytes_value(piece.get());
        if (item.literal) out += str ? str_value(item.literal) : bytes_value(item.literal);
    }
    if (str) return new_str(std::move(out));
    return new_bytes(std::move(out));
}

// ---- the types ----------------------------------------------------------------------------------

void init_match_types(const Facts& facts) {
    const std::uint32_t gc = facts.gc_types ? std::uint32_t(TF_GC) : 0u;
    TypeObject* match = new_builtin_type("Match", types.object, &LayoutOf<MatchObject>::ops, gc, "re");
    match->tp.repr = &match_repr;
    match->tp.getitem = &match_getitem;
    add_method(match, "group", &m_group);
    add_method(match, "start", &m_start);
    add_method(match, "end", &m_end);
    add_method(match, "span", &m_span);
    add_method(match, "groups", &m_groups);
    add_method(match, "groupdict", &m_groupdict);
    add_method(match, "expand", &m_expand);
    add_method(match, "__copy__", &m_copy);
    add_method(match, "__deepcopy__", &m_deepcopy);
    add_getset(match, "lastindex", &match_get_lastindex);
    add_getset(match, "lastgroup", &match_get_lastgroup);
    add_getset(match, "regs", &match_get_regs);
    add_getset(match, "string", &match_get_string);
    add_getset(match, "re", &match_get_re);
    add_getset(match, "pos", &match_get_pos);
    add_getset(match, "endpos", &match_get_endpos);
    if (facts.class_getitem) add_class_getitem(match);
    sre_types.match = match;

    TypeObject* scanner = new_builtin_type("SRE_Scanner", types.object, &LayoutOf<ScannerObject>::ops, gc, "_sre");
    add_method(scanner, "match", &s_match);
    add_method(scanner, "search", &s_search);
    add_getset(scanner, "pattern", &scanner_get_pattern);
    if (facts.pypy) {
        scanner->tp.iter = &scanner_iter;
        scanner->tp.iternext = &scanner_next;
    }
    sre_types.scanner = scanner;

    if (facts.has_template)
        sre_types.template_ =
            new_builtin_type("SRE_Template", types.object, &LayoutOf<TemplateObject>::ops, TF_GC, "_sre");

    TypeObject* calliter =
        new_builtin_type("callable_iterator", types.object, &LayoutOf<CallIterObject>::ops, TF_GC, "builtins");
    calliter->tp.iter = &calliter_iter;
    calliter->tp.iternext = &calliter_next;
    sre_types.callable_iterator = calliter;

    for (TypeObject* t : {match, scanner, sre_types.template_, calliter}) {
        if (!t) continue;
        inherit_slots(t);
        t->tp.new_ = nullptr;  // Py_TPFLAGS_DISALLOW_INSTANTIATION
        add_slot_wrappers(t);
    }
}

}  // namespace vm::sre
