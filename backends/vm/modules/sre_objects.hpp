// The objects of the _sre module (sre.cpp, sre_match.cpp): re.Pattern,
// re.Match, _sre.SRE_Scanner, _sre.SRE_Template (3.12+), and what differs
// between the versions modeled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../objects.hpp"
#include "../profile.hpp"
#include "sre_code.hpp"
#include "sre_engine.hpp"

namespace vm::sre {

// What a version's _sre is like, beyond its engine's Dialect: the facts
// CPython's Modules/_sre (and PyPy's module/_sre) show a program.
struct Facts {
    Code magic = 0;  // _sre.MAGIC
    Numbering numbering = Numbering::Sre2022;
    std::int64_t maxgroups = 0;  // _sre.MAXGROUPS
    Dialect dialect;
    // Pattern, Match and Scanner are collected types, heap types whose
    // instances visit their type (3.10: the module's state).
    bool gc_types = false;
    // _sre.template and SRE_Template (3.12); its objects tracked (3.13).
    bool has_template = false;
    bool template_tracked = false;
    // Pattern and Match have __class_getitem__ (3.9).
    bool class_getitem = false;
    // "expected string or bytes-like object, got 'int'" (3.11).
    bool names_type_in_string_error = false;
    // The flags repr(pattern) names include re.TEMPLATE (to 3.10).
    bool repr_names_template = false;
    bool has_copyright = true;  // _sre.copyright (not PyPy's)
    // A group's span that ends before it starts is a SystemError (3.11).
    bool checks_span = false;
    // PyPy: "can't use a ... pattern", finditer() is the scanner, which
    // iterates, and no object has a size.
    bool pypy = false;
    // The layouts' sizes (sizeof; a match's marks and a template's items
    // are its variable part; SRE_STATE, in the scanner, changes with
    // versions); none where they are not known.
    struct Sizes {
        std::int64_t pattern, match, mark, scanner, template_, template_item;
    };
    std::optional<Sizes> sizes;
};
const Facts& facts();

// Py_CLEAR: the field is null before its reference goes.
template <class T> void clear_field(T*& field) { set_ref(field, static_cast<T*>(nullptr)); }

// re.Pattern: the compiled code and what re's compiler gave with it.
struct PatternObject : Object {
    Program program;
    std::int64_t groups = 0;
    DictObject* groupindex = nullptr;  // counted; null when no group has a name
    TupleObject* indexgroup = nullptr;  // counted; null with groupindex
    Object* pattern = nullptr;  // counted: the source, str, bytes or None
    std::int64_t flags = 0;
    int isbytes = 0;  // 1 bytes, 0 str, -1 no source
    // On PyPy, what its engine (rsre) matches otherwise than CPython's
    // (CodeTraits): which groups it reports, even whether it matches,
    // differ. Null where the model answers as the runtime does.
    const char* pypy_refusal = nullptr;

    PatternObject(TypeObject* t, std::vector<Code> code) : Object(t) { program.code = std::move(code); }
    // The program to match with; stops as unsupported where the model's
    // engine would not answer as the runtime's does.
    const Program& runnable() const;
    void traverse(Visitor v);
    void clear();
    void release();
};

// What a match runs over: the subject's characters as the engine reads
// them (a byte each for bytes and an ASCII str, else the code points), and
// for a str outside ASCII the UTF-8 offset of each code point, to slice it.
struct Subject {
    Object* string = nullptr;  // borrowed
    bool isbytes = false;
    std::int64_t length = 0;
    const std::uint8_t* narrow = nullptr;  // bytes, or a str all ASCII
    std::string bytes_copy;  // a bytearray's bytes, which it may change
    std::u32string wide;  // a str outside ASCII
    std::vector<std::uint32_t> offsets;  // length + 1 of them, for `wide`

    Subject() = default;
    Subject(const Subject&) = delete;  // `narrow` may point into it
    // getstring: false when `o` is neither a str nor bytes-like.
    bool take(Object* o);
    // A new str or bytes of the characters [start, end) (getslice): the
    // subject itself when that is all of an exact str or bytes.
    Ref<> slice(std::int64_t start, std::int64_t end) const;
};

// re.Match. `marks` holds 2 * (groups + 1) positions: the match's span,
// then each group's, -1 where a group did not take part.
struct MatchObject : Object {
    Object* string = nullptr;  // counted
    TupleObject* regs = nullptr;  // counted; made when first asked for
    PatternObject* pattern = nullptr;  // counted
    std::int64_t pos = 0, endpos = 0;
    std::int64_t lastindex = -1;
    std::vector<std::int64_t> marks;
    // For a str outside ASCII, the UTF-8 offset of each mark, to slice it.
    std::vector<std::uint32_t> byte_marks;

    MatchObject(TypeObject* t, std::size_t groups) : Object(t), marks(2 * (groups + 1), -1) {}
    std::size_t groups() const { return marks.size() / 2; }  // the match itself included
    void traverse(Visitor v);
    void clear();
    void release();
};

// _sre.SRE_Scanner: a pattern and a search state over a string, advanced by
// each match() or search().
struct ScannerObject : Object {
    PatternObject* pattern = nullptr;  // counted
    Object* string = nullptr;  // counted (the state's, state_fini's)
    Subject subject;
    State state;
    bool exhausted = false;  // state->start == NULL
    bool executing = false;

    using Object::Object;
    void traverse(Visitor v);
    void clear();
    void release();
};

// _sre.SRE_Template (3.12+): a replacement template, literal strings and
// group numbers by turns.
struct TemplateObject : Object {
    Object* literal = nullptr;  // counted: the first literal
    struct Item {
        std::int64_t index;
        Object* literal;  // counted; null for an empty one
    };
    std::vector<Item> items;
    std::int64_t chunks = 0;  // non-empty pieces at most

    using Object::Object;
    void traverse(Visitor v);
    void clear();
    void release();
};

// callable_iterator (iter(callable, sentinel)), which finditer returns.
struct CallIterObject : Object {
    Object* callable = nullptr;  // counted
    Object* sentinel = nullptr;  // counted
    using Object::Object;
    void traverse(Visitor v) {
        v(callable);
        v(sentinel);
    }
    void clear();
    void release() { clear(); }
};

// The module's types and state, made at its first import in a runtime.
struct SreTypes {
    std::uint64_t runtime = 0;  // the serial of the runtime they were made for
    Object* compile_template = nullptr;  // re._compile_template, once asked for (kept)
    TypeObject* pattern = nullptr;
    TypeObject* match = nullptr;
    TypeObject* scanner = nullptr;
    TypeObject* template_ = nullptr;
    TypeObject* callable_iterator = nullptr;
};
extern SreTypes sre_types;

// The types of the Match, Scanner and Template objects (sre_match.cpp).
void init_match_types(const Facts& f);
// pattern_new_match: a match of `pattern` from the state of a successful
// search (its span and groups), or raises.
Ref<> new_match(PatternObject* pattern, const Subject& subject, const State& state);
// An error code of the engine as its exception (pattern_error).
[[noreturn]] void raise_engine_error(std::int64_t status);
// A scanner over `string` (pattern_scanner).
Ref<ScannerObject> new_scanner(PatternObject* pattern, Object* string, std::int64_t pos, std::int64_t endpos);
// The search method of a scanner, as finditer asks for it.
Ref<> scanner_search(ScannerObject* scanner);
// A group's text, or `fallback` when it did not take part.
Ref<> match_group_slice(MatchObject* m, std::size_t index, Object* fallback);
// _sre.template(pattern, list) and the expansion of a template for a match.
Ref<> make_template(Object* pattern, Object* list);
// re._compile_template(pattern, template) (3.12+), retried with an exact
// str or bytes copy of an unhashable template (compile_template).
Ref<TemplateObject> compile_template(PatternObject* pattern, Object* template_);
Ref<> expand_template(TemplateObject* t, MatchObject* m);
// The TypeError of a subject that is neither str nor bytes-like.
[[noreturn]] void raise_not_a_string(Object* o);
// Sets up `state` over `subject` for the window [pos, endpos) (state_init).
void init_state(State& state, const PatternObject* pattern, const Subject& subject, std::int64_t pos,
                std::int64_t endpos);

}  // namespace vm::sre
