// _sre: CPython's Modules/_sre (PyPy's module/_sre), over which re's own
// Python code (re/_parser.py and re/_compiler.py, sre_parse.py and
// sre_compile.py before 3.11) runs: the module's functions and re.Pattern.
// The engine is sre_engine.cpp; re.Match and the scanner sre_match.cpp.
#include <limits>

#include "../api.hpp"
#include "modules.hpp"
#include "sre_objects.hpp"

namespace vm::sre {

namespace {

// ---- the version's facts ------------------------------------------------------------------------

Facts facts_of(const Profile& profile) {
    Facts f;
    const bool pypy = profile.implementation_name == "pypy";
    const int minor = profile.version_info[1];
    // 3.14's profile is Pyodide's, compiled to wasm32: 4-byte pointers.
    const bool narrow = profile.sizes && profile.sizes->pointer == 4;
    if (profile.version_info[0] != 3 || minor < 8 || minor > 14)
        unsupported(fmt::format("_sre of Python {}.{}, which pymodel does not model", profile.version_info[0], minor));
    f.pypy = pypy;
    if (pypy || minor <= 10) {
        f.magic = 20171005;
        f.numbering = Numbering::Sre2017;
        f.maxgroups = 2147483647;  // (SRE_CODE)-1 / 2
        f.dialect.restores_marks = pypy;
        f.dialect.saves_marks_everywhere = pypy;
        f.dialect.locale_boundary_three_classes = pypy;
    } else {
        f.magic = minor == 11 ? 20220615 : minor == 12 ? 20221023 : 20230612;
        f.numbering = Numbering::Sre2022;
        f.maxgroups = narrow ? 268435455 : 1073741823;  // INT32_MAX / 2, / 8 on 32 bits (bpo-47256)
        f.dialect.restores_marks = true;
        f.checks_span = true;
    }
    f.dialect.non_boundary_matches_empty = !pypy && minor >= 14;
    f.gc_types = !pypy && minor >= 10;
    f.has_template = !pypy && minor >= 12;
    f.template_tracked = minor >= 13;
    f.class_getitem = minor >= 9;
    f.names_type_in_string_error = !pypy && minor >= 11;
    f.repr_names_template = pypy || minor <= 12;
    f.has_copyright = !pypy;
    if (narrow) f.dialect.max_repeat = 2147483647;
    // sizeof(PatternObject) and the others, as __sizeof__ and their items
    // give them, on 64 bits; on wasm32 3.14's (Pyodide's). The scanner's
    // state grew a word in a bugfix release: 3.9.18, 3.10.13 and 3.11.7
    // have it, 3.8.18 and 3.11.2 do not; 3.11.3 to 3.11.6 are not known.
    const int micro = profile.version_info[2];
    const bool scanner_known = pypy || minor != 11 || micro <= 2 || micro >= 7;
    const std::int64_t scanner = minor == 8 || (minor == 11 && micro <= 2) ? 232 : minor <= 12 ? 240 : 248;
    if (!narrow && scanner_known) f.sizes = {96, 88, 8, scanner, 40, 16};
    else if (narrow && minor == 14) f.sizes = {48, 44, 4, 148, 20, 8};
    return f;
}

Facts g_facts;

PatternObject* as_pattern(Object* o) { return static_cast<PatternObject*>(o); }

// ---- arguments ----------------------------------------------------------------------------------

// A C int argument (Argument Clinic's `int`).
int int_argument(Object* o) {
    if (!o->type->tp.index) {
        if (g_facts.pypy) unsupported("PyPy's message for an _sre argument that is not an int");
        if (rt().profile().version_info[1] <= 9)
            raisef(types.TypeError, "an integer is required (got type {})", type_name(o));
        raisef(types.TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
    }
    std::int64_t v = as_index(o);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        raise(types.OverflowError, "Python int too large to convert to C int");
    return static_cast<int>(v);
}

std::int64_t ssize_argument(Object* o, std::int64_t fallback) { return o ? as_index(o) : fallback; }

// string, pos=0, endpos=sys.maxsize: the arguments of match, search, ...
struct Window {
    Object* string = nullptr;
    std::int64_t pos = 0;
    std::int64_t endpos = std::numeric_limits<std::int64_t>::max();
};

Window window_arguments(const char* method, Args args) {
    Object *string = nullptr, *pos = nullptr, *endpos = nullptr;
    parse_args(CallKey("re.Pattern", method), args, {"string", "pos", "endpos"}, 1, {&string, &pos, &endpos});
    Window w;
    w.string = string;
    w.pos = ssize_argument(pos, 0);
    w.endpos = ssize_argument(endpos, w.endpos);
    return w;
}

// getstring and state_init's checks of a subject against the pattern.
void take_subject(Subject& subject, const PatternObject* pattern, Object* string) {
    const bool taken = subject.take(string);
    if (g_facts.pypy) {
        if (!taken && pattern->isbytes <= 0)
            raise(types.TypeError, "can't use a string pattern on a bytes-like object");
        if (!taken) unsupported("PyPy's message for a subject of a bytes pattern that is not bytes-like");
    }
    if (!taken) raise_not_a_string(string);
    const char* cannot = g_facts.pypy ? "can't" : "cannot";
    if (subject.isbytes && pattern->isbytes == 0)
        raisef(types.TypeError, "{} use a string pattern on a bytes-like object", cannot);
    if (!subject.isbytes && pattern->isbytes > 0)
        raisef(types.TypeError, "{} use a bytes pattern on a string-like object", cannot);
}

// state_getslice: group `index`'s text in a search's state, or "" (`empty`)
// or None when it did not take part.
Ref<> state_group(const Subject& subject, const State& state, std::size_t index, bool empty) {
    auto [i, j] = state.group_span(index);
    if (i < 0) {
        if (!empty) return new_none();
        if (g_facts.pypy) return new_str("");  // PyPy's findall: a str even for bytes
        i = j = 0;
    } else if (g_facts.checks_span && i > j) {
        raise(types.SystemError, "The span of capturing group is wrong, please report a bug for the re module.");
    }
    return subject.slice(i, j);
}

// ---- re.Pattern: matching -----------------------------------------------------------------------

// match, fullmatch and search: one match in the window, or None.
Ref<> one_match(Object* self, Args args, const char* method) {
    PatternObject* p = as_pattern(self);
    Window w = window_arguments(method, args);
    Subject subject;
    take_subject(subject, p, w.string);
    State state;
    init_state(state, p, subject, w.pos, w.endpos);
    std::int64_t status;
    if (method[0] == 's') {
        status = search(p->runnable(), state);
    } else {
        state.ptr = state.start;
        state.match_all = method[0] == 'f';
        status = match(p->runnable(), state);
    }
    if (status < 0) raise_engine_error(status);
    if (status == 0) return new_none();
    return new_match(p, subject, state);
}

Ref<> p_match(Object* self, Args args, void*) { return one_match(self, args, "match"); }
Ref<> p_fullmatch(Object* self, Args args, void*) { return one_match(self, args, "fullmatch"); }
Ref<> p_search(Object* self, Args args, void*) { return one_match(self, args, "search"); }

// The next match of a loop over the subject (findall, split, sub): 1 with
// its span in state.start and state.ptr, or 0.
bool next_match(const PatternObject* p, State& state) {
    state.reset();
    state.ptr = state.start;
    std::int64_t status = search(p->runnable(), state);
    if (status < 0) raise_engine_error(status);
    return status > 0;
}

// After a match: the next search starts at its end, and may not match
// empty there if it was empty.
void advance(State& state) {
    state.must_advance = state.ptr == state.start;
    state.start = state.ptr;
}

Ref<> p_findall(Object* self, Args args, void*) {
    PatternObject* p = as_pattern(self);
    Window w = window_arguments("findall", args);
    Subject subject;
    take_subject(subject, p, w.string);
    State state;
    init_state(state, p, subject, w.pos, w.endpos);
    Ref<ListObject> list = new_list();
    while (state.start <= state.end) {
        if (!next_match(p, state)) break;
        Ref<> item;
        if (p->groups == 0) {
            item = subject.slice(state.start, state.ptr);
        } else if (p->groups == 1) {
            item = state_group(subject, state, 1, true);
        } else {
            Ref<TupleObject> tuple = none_tuple(static_cast<std::size_t>(p->groups));
            for (std::int64_t g = 0; g < p->groups; ++g)
                set_ref(tuple->items[g], state_group(subject, state, static_cast<std::size_t>(g + 1), true).release());
            item = std::move(tuple);
        }
        list_append(list.get(), item.get());
        advance(state);
    }
    return list;
}

Ref<> p_scanner(Object* self, Args args, void*) {
    Window w = window_arguments("scanner", args);
    Subject check;
    take_subject(check, as_pattern(self), w.string);
    return new_scanner(as_pattern(self), w.string, w.pos, w.endpos);
}

// finditer: iter(scanner.search, None); on PyPy the scanner itself.
Ref<> p_finditer(Object* self, Args args, void*) {
    Ref<> scanner = p_scanner(self, args, nullptr);
    if (g_facts.pypy) return scanner;
    Ref<> search_method = scanner_search(static_cast<ScannerObject*>(scanner.get()));
    scanner.reset();
    Ref<CallIterObject> it = make<CallIterObject>(sre_types.callable_iterator);
    it->callable = search_method.release();
    it->sentinel = share(consts.None).release();
    return it;
}

Ref<> p_split(Object* self, Args args, void*) {
    PatternObject* p = as_pattern(self);
    Object *string = nullptr, *maxsplit_arg = nullptr;
    parse_args(CallKey("re.Pattern", "split"), args, {"string", "maxsplit"}, 1, {&string, &maxsplit_arg});
    std::int64_t maxsplit = ssize_argument(maxsplit_arg, 0);
    Subject subject;
    take_subject(subject, p, string);
    State state;
    init_state(state, p, subject, 0, std::numeric_limits<std::int64_t>::max());
    Ref<ListObject> list = new_list();
    std::int64_t n = 0, last = state.start;
    while (!maxsplit || n < maxsplit) {
        if (!next_match(p, state)) break;
        list_append(list.get(), subject.slice(last, state.start).get());  // the text before the match
        for (std::int64_t g = 1; g <= p->groups; ++g)
            list_append(list.get(), state_group(subject, state, static_cast<std::size_t>(g), false).get());
        ++n;
        advance(state);
        last = state.start;
    }
    list_append(list.get(), subject.slice(last, state.endpos).get());
    return list;
}

// PyUnicode_Join or _PyBytes_Join of the pieces of a substitution.
Ref<> join_pieces(ListObject* list, bool bytes) {
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Object* item = list->items[i];
        if (!bytes && !is_str(item))
            raisef(types.TypeError, "sequence item {}: expected str instance, {} found", i, type_name(item));
        if (bytes && !is_bytes_like(item))
            raisef(types.TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(item));
        out += bytes ? bytes_value(item) : str_value(item);
    }
    return bytes ? new_bytes(std::move(out)) : Ref<>(new_str(std::move(out)));
}

// pattern_subx: sub and subn.
Ref<> substitute(Object* self, Args args, const char* method, bool with_count) {
    PatternObject* p = as_pattern(self);
    Object *repl = nullptr, *string = nullptr, *count_arg = nullptr;
    parse_args(CallKey("re.Pattern", method), args, {"repl", "string", "count"}, 2, {&repl, &string, &count_arg});
    std::int64_t count = ssize_argument(count_arg, 0);

    // What replaces each match: a callable's result, a literal, or a template.
    enum class Filter { Literal, Template, Callable } kind;
    Ref<> filter;
    if (is_callable(repl)) {
        filter = share(repl);
        kind = Filter::Callable;
    } else {
        Subject text;
        bool literal = false;
        if (text.take(repl)) {
            const std::string& s = text.isbytes ? bytes_value(repl) : str_value(repl);
            literal = s.find('\\') == std::string::npos;
        }
        if (literal) {
            filter = share(repl);
            kind = Filter::Literal;
        } else if (g_facts.has_template) {
            Ref<TemplateObject> compiled = compile_template(p, repl);
            if (compiled->items.empty()) {
                filter = share(compiled->literal);
                kind = Filter::Literal;
            } else {
                filter = std::move(compiled);
                kind = Filter::Template;
            }
        } else {
            // re._subx(pattern, template), its arguments in a new tuple.
            rt().manager().on_uncharged("Pattern.sub() with a template, which imports re from C");
            Ref<TupleObject> packed = tuple_of({p, repl});
            Ref<ModuleObject> re = rt().import_module(rt().intern("re"));
            filter = call(getattr(re.get(), "_subx").get(),
                          Args{packed->items.data(), packed->size(), nullptr, packed.get()});
            kind = is_callable(filter.get()) ? Filter::Callable : Filter::Literal;
        }
    }

    Subject subject;
    take_subject(subject, p, string);
    State state;
    init_state(state, p, subject, 0, std::numeric_limits<std::int64_t>::max());
    Ref<ListObject> list = new_list();
    std::int64_t n = 0, i = 0;
    while (!count || n < count) {
        if (!next_match(p, state)) break;
        const std::int64_t b = state.start, e = state.ptr;
        if (i < b) list_append(list.get(), subject.slice(i, b).get());
        Ref<> item;
        if (kind == Filter::Literal) {
            item = filter;
        } else {
            Ref<> m = new_match(p, subject, state);
            if (kind == Filter::Template)
                item = expand_template(static_cast<TemplateObject*>(filter.get()), static_cast<MatchObject*>(m.get()));
            else item = call(filter.get(), {m.get()});
        }
        if (item.get() != consts.None) list_append(list.get(), item.get());
        i = e;
        ++n;
        advance(state);
    }
    if (i < state.endpos) list_append(list.get(), subject.slice(i, state.endpos).get());
    filter.reset();
    Ref<> joiner = subject.slice(0, 0);
    Ref<> result;
    if (list->size() == 0) {
        list.reset();
        result = std::move(joiner);
    } else {
        result = join_pieces(list.get(), subject.isbytes);
        joiner.reset();
        list.reset();
    }
    if (!with_count) return result;
    Ref<> subs = new_int(n);
    return tuple_of({result.get(), subs.get()});
}

Ref<> p_sub(Object* self, Args args, void*) { return substitute(self, args, "sub", false); }
Ref<> p_subn(Object* self, Args args, void*) { return substitute(self, args, "subn", true); }

Ref<> p_copy(Object* self, Args args, void*) {
    check_nargs(CallKey("re.Pattern", "__copy__"), args, 0, 0);
    return share(self);
}

Ref<> p_deepcopy(Object* self, Args args, void*) {
    check_nargs(CallKey("re.Pattern", "__deepcopy__"), args, 1, 1);
    return share(self);
}

// ---- re.Pattern: the object ---------------------------------------------------------------------

Ref<> pattern_get_pattern(Object* self) { return share(as_pattern(self)->pattern); }
Ref<> pattern_get_flags(Object* self) { return new_int(as_pattern(self)->flags); }
Ref<> pattern_get_groups(Object* self) { return new_int(as_pattern(self)->groups); }

Ref<> pattern_get_groupindex(Object* self) {
    PatternObject* p = as_pattern(self);
    if (!p->groupindex && !g_facts.pypy) return new_dict();
    if (!p->groupindex) {
        Ref<DictObject> empty = new_dict();
        return new_mappingproxy(empty.get());
    }
    return new_mappingproxy(p->groupindex);
}

Ref<> pattern_repr(Object* self) {
    PatternObject* p = as_pattern(self);
    static constexpr std::pair<const char*, std::int64_t> kFlagNames[] = {
        {"re.TEMPLATE", 1}, {"re.IGNORECASE", 2}, {"re.LOCALE", 4},  {"re.MULTILINE", 8}, {"re.DOTALL", 16},
        {"re.UNICODE", 32}, {"re.VERBOSE", 64},   {"re.DEBUG", 128}, {"re.ASCII", 256},
    };
    std::int64_t flags = p->flags;
    // A str pattern's re.UNICODE goes without saying.
    if (p->isbytes == 0 && (flags & (4 | 32 | 256)) == 32) flags &= ~std::int64_t(32);
    std::string names;
    for (auto [name, value] : kFlagNames) {
        if (value == 1 && !g_facts.repr_names_template) continue;
        if (!(flags & value)) continue;
        names += (names.empty() ? "" : "|") + std::string(name);
        flags &= ~value;
    }
    if (flags) names += (names.empty() ? "" : "|") + fmt::format("0x{:x}", static_cast<std::uint32_t>(flags));
    // %.200R: the source's repr, at most 200 characters.
    std::u32string source = decode_utf8(repr_string(p->pattern));
    if (source.size() > 200) source.resize(200);
    std::string text = encode_utf8(source);
    if (names.empty()) return new_str(fmt::format("re.compile({})", text));
    return new_str(fmt::format("re.compile({}, {})", text, names));
}

std::int64_t pattern_hash(Object* self) {
    PatternObject* p = as_pattern(self);
    std::int64_t h = hash(p->pattern);
    std::uint64_t code_hash = 14695981039346656037ull;  // FNV-1a of the code
    for (Code c : p->program.code) code_hash = (code_hash ^ c) * 1099511628211ull;
    h ^= static_cast<std::int64_t>(code_hash) ^ p->flags ^ p->isbytes ^
         static_cast<std::int64_t>(p->program.code.size());
    return h == -1 ? -2 : h;
}

Ref<> pattern_richcompare(Object* a, Object* b, CompareOp op) {
    if ((op != CompareOp::Eq && op != CompareOp::Ne) || a->type != sre_types.pattern || b->type != sre_types.pattern)
        return share(consts.NotImplemented);
    bool equal = a == b;
    if (!equal) {
        PatternObject *l = as_pattern(a), *r = as_pattern(b);
        equal = l->flags == r->flags && l->isbytes == r->isbytes && l->program.code == r->program.code &&
                richcompare_bool(l->pattern, r->pattern, CompareOp::Eq);
    }
    return new_bool(equal == (op == CompareOp::Eq));
}

// sys.getsizeof, the GC header apart: the object and its items (code
// words, marks, template items); -1 where the layout is not known.
std::int64_t pattern_size(const Object* o) {
    if (!g_facts.sizes) return -1;
    auto words = static_cast<std::int64_t>(static_cast<const PatternObject*>(o)->program.code.size());
    return g_facts.sizes->pattern + 4 * words;
}
std::int64_t match_size(const Object* o) {
    if (!g_facts.sizes) return -1;
    auto marks = static_cast<std::int64_t>(static_cast<const MatchObject*>(o)->marks.size());
    return g_facts.sizes->match + g_facts.sizes->mark * marks;
}
std::int64_t scanner_size(const Object*) { return g_facts.sizes ? g_facts.sizes->scanner : -1; }
std::int64_t template_size(const Object* o) {
    if (!g_facts.sizes) return -1;
    auto items = static_cast<std::int64_t>(static_cast<const TemplateObject*>(o)->items.size());
    return g_facts.sizes->template_ + g_facts.sizes->template_item * items;
}

void init_pattern_type() {
    TypeObject* t = new_builtin_type("Pattern", types.object, &LayoutOf<PatternObject>::ops,
                                     TF_WEAKREFABLE | (g_facts.gc_types ? std::uint32_t(TF_GC) : 0u), "re");
    t->tp.repr = &pattern_repr;
    t->tp.hash = &pattern_hash;
    t->tp.richcompare = &pattern_richcompare;
    add_method(t, "match", &p_match);
    add_method(t, "fullmatch", &p_fullmatch);
    add_method(t, "search", &p_search);
    add_method(t, "sub", &p_sub);
    add_method(t, "subn", &p_subn);
    add_method(t, "findall", &p_findall);
    add_method(t, "split", &p_split);
    add_method(t, "finditer", &p_finditer);
    add_method(t, "scanner", &p_scanner);
    add_method(t, "__copy__", &p_copy);
    add_method(t, "__deepcopy__", &p_deepcopy);
    add_getset(t, "pattern", &pattern_get_pattern);
    add_getset(t, "flags", &pattern_get_flags);
    add_getset(t, "groups", &pattern_get_groups);
    add_getset(t, "groupindex", &pattern_get_groupindex);
    if (g_facts.class_getitem) add_class_getitem(t);
    inherit_slots(t);
    t->tp.new_ = nullptr;  // Py_TPFLAGS_DISALLOW_INSTANTIATION
    add_slot_wrappers(t);
    sre_types.pattern = t;
}

// ---- the module's functions ---------------------------------------------------------------------

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Ref<> sre_compile(Object*, Args args, void*) {
    Object *pattern = nullptr, *flags = nullptr, *code = nullptr, *groups = nullptr, *groupindex = nullptr,
           *indexgroup = nullptr;
    parse_args("_sre.compile", args, {"pattern", "flags", "code", "groups", "groupindex", "indexgroup"}, 6,
               {&pattern, &flags, &code, &groups, &groupindex, &indexgroup});
    if (g_facts.pypy && (!is_list(code) || !is_dict(groupindex) || !is_tuple(indexgroup)))
        unsupported("PyPy's _sre.compile of arguments of other types than re's compiler gives");
    const int flag_bits = int_argument(flags);
    if (!is_list(code)) raisef(types.TypeError, "compile() argument 'code' must be list, not {}", type_name(code));
    const std::int64_t group_count = as_index(groups);
    if (!is_dict(groupindex))
        raisef(types.TypeError, "compile() argument 'groupindex' must be dict, not {}", type_name(groupindex));
    if (!is_tuple(indexgroup))
        raisef(types.TypeError, "compile() argument 'indexgroup' must be tuple, not {}", type_name(indexgroup));

    auto* list = static_cast<ListObject*>(code);
    Ref<PatternObject> self = make<PatternObject>(sre_types.pattern, std::vector<Code>(list->size()));
    const bool checked_conversion = rt().profile().version_info[1] >= 11;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Object* o = list->items[i];
        // PyLong_AsUnsignedLong, then the check that the value fits a code word.
        if (checked_conversion && !is_int(o)) raise(types.TypeError, "an integer is required");
        if (checked_conversion && int_value(o) < 0)
            raise(types.OverflowError, "can't convert negative value to unsigned int");
        if (!is_int(o) || int_value(o) < 0 || int_value(o) > 0xFFFFFFFFll)
            raise(types.OverflowError, "regular expression code size limit exceeded");
        self->program.code[i] = static_cast<Code>(int_value(o));
    }
    if (pattern == consts.None) {
        self->isbytes = -1;
    } else {
        Subject source;
        if (!source.take(pattern)) raise_not_a_string(pattern);
        self->isbytes = source.isbytes ? 1 : 0;
    }
    self->pattern = share(pattern).release();
    self->flags = flag_bits;
    self->groups = group_count;
    if (dict_size(static_cast<DictObject*>(groupindex)) > 0) {
        self->groupindex = static_cast<DictObject*>(share(groupindex).release());
        if (static_cast<TupleObject*>(indexgroup)->size() > 0)
            self->indexgroup = static_cast<TupleObject*>(share(indexgroup).release());
    }
    self->program.groups = static_cast<std::size_t>(std::max<std::int64_t>(group_count, 0));
    self->program.dialect = g_facts.dialect;
    CodeTraits traits;
    if (group_count < 0 || group_count > g_facts.maxgroups ||
        !prepare_code(self->program.code, g_facts.numbering, self->program.groups, g_facts.dialect.max_repeat, &traits))
        raise(types.RuntimeError, "invalid SRE code");
    if (g_facts.pypy && traits.repeats_empty_item)
        self->pypy_refusal = "a pattern whose repeated group can match the empty string";
    else if (g_facts.pypy && traits.lazy_single_in_repeat)
        self->pypy_refusal = "a lazy repeat of one character inside a repeated group";
    if (self->program.groups > (1u << 24)) raise_empty(types.MemoryError);  // CPython's marks would not fit either
    return self;
}

Ref<> sre_getcodesize(Object*, Args args, void*) {
    check_nargs("_sre.getcodesize", args, 0, 0);
    return new_int(4);
}

// The character argument of the case functions: a C int, then unsigned.
Code character_argument(const char* name, Args args) {
    check_nargs(name, args, 1, 1);
    return static_cast<Code>(int_argument(args[0]));
}

Ref<> sre_ascii_iscased(Object*, Args args, void*) {
    Code c = character_argument("_sre.ascii_iscased", args);
    return new_bool(c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

Ref<> sre_unicode_iscased(Object*, Args args, void*) {
    Code c = character_argument("_sre.unicode_iscased", args);
    if (c >= 0x110000) return new_bool(false);
    return new_bool(c != Chars::uni_lower(c) || c != Chars::uni_upper(c));
}

Ref<> sre_ascii_tolower(Object*, Args args, void*) {
    return new_int(static_cast<int>(Chars::ascii_lower(character_argument("_sre.ascii_tolower", args))));
}

Ref<> sre_unicode_tolower(Object*, Args args, void*) {
    Code c = character_argument("_sre.unicode_tolower", args);
    return new_int(static_cast<int>(c >= 0x110000 ? c : Chars::uni_lower(c)));
}

Ref<> sre_template(Object*, Args args, void*) {
    check_nargs("_sre.template", args, 2, 2);
    return make_template(args[0], args[1]);
}

}  // namespace

const Facts& facts() { return g_facts; }

void init_state(State& state, const PatternObject* pattern, const Subject& subject, std::int64_t pos,
                std::int64_t endpos) {
    state = State{};
    state.narrow = subject.narrow;
    state.wide = subject.narrow ? nullptr : subject.wide.c_str();
    state.length = subject.length;
    pos = std::clamp<std::int64_t>(pos, 0, subject.length);
    endpos = std::clamp<std::int64_t>(endpos, 0, subject.length);
    if (g_facts.pypy) endpos = std::max(endpos, pos);  // PyPy's window never ends before it starts
    state.start = state.pos = pos;
    state.end = state.endpos = endpos;
    state.marks.assign(2 * static_cast<std::size_t>(pattern->groups) + 2, -1);
}

const Program& PatternObject::runnable() const {
    if (pypy_refusal) unsupported(std::string(pypy_refusal) + ", on PyPy (its _sre differs there)");
    return program;
}

void PatternObject::traverse(Visitor v) {
    if (g_facts.gc_types) v(type);
    v(groupindex);
    v(indexgroup);
    v(pattern);
}

void PatternObject::clear() {
    clear_field(groupindex);
    clear_field(indexgroup);
    clear_field(pattern);
}

void PatternObject::release() {
    if (g_facts.gc_types) return clear();  // pattern_clear's order
    clear_field(pattern);  // 3.8's and 3.9's pattern_dealloc
    clear_field(groupindex);
    clear_field(indexgroup);
}

}  // namespace vm::sre

namespace vm {

Ref<ModuleObject> make_sre_module() {
    using namespace sre;
    if (sre_types.runtime != rt().serial()) {
        g_facts = facts_of(rt().profile());
        sre_types = SreTypes{};
        sre_types.runtime = rt().serial();
        init_pattern_type();
        init_match_types(g_facts);
        sre_types.pattern->own_size = &pattern_size;
        sre_types.match->own_size = &match_size;
        sre_types.scanner->own_size = &scanner_size;
        if (sre_types.template_) sre_types.template_->own_size = &template_size;
    }
    NativeModule m("_sre");
    m.add_function("compile", &sre_compile);
    m.add_function("getcodesize", &sre_getcodesize);
    m.add_function("ascii_iscased", &sre_ascii_iscased);
    m.add_function("unicode_iscased", &sre_unicode_iscased);
    m.add_function("ascii_tolower", &sre_ascii_tolower);
    m.add_function("unicode_tolower", &sre_unicode_tolower);
    if (g_facts.has_template) m.add_function("template", &sre_template);
    m.add("MAGIC", new_int(g_facts.magic).get());
    m.add("CODESIZE", new_int(4).get());
    m.add("MAXREPEAT", new_int(g_facts.dialect.max_repeat).get());
    m.add("MAXGROUPS", new_int(g_facts.maxgroups).get());
    if (g_facts.has_copyright)
        m.add("copyright", new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ").get());
    return m.take();
}

}  // namespace vm
