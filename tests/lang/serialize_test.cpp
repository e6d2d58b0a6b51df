// lang::serialize and lang::deserialize (the library's code compiled at
// build time): what they give back is what the compiler gave, field for
// field, under every compiler option; and the comparison they are checked
// with sees a change in any field.
#include <catch2/catch.hpp>

#include <functional>
#include <tuple>

#include "lang/serialize.hpp"
#include "support.hpp"

namespace {

// Every field of Code, in order. The structured binding stops compiling
// when Code gains a field: add it here, and to serialize.cpp's list.
template <std::size_t I> void reset_field(lang::Code& code) {
    static const lang::Code kDefault;
    auto fields = [](auto& c) {
        auto& [name, qualname, filename, first_line, argcount, posonlyargcount, kwonlyargcount, flags, yield_inside_try,
               directives, inlined_comprehension, inline_locals, inline_swaps_scopes, stacksize, instructions,
               positions, exception_table, nop_lines, borrowed_slots, duplicated_slots, constants, constant_uses, names,
               varnames, cellvars, freevars, cell2arg] = c;
        return std::tie(name, qualname, filename, first_line, argcount, posonlyargcount, kwonlyargcount, flags,
                        yield_inside_try, directives, inlined_comprehension, inline_locals, inline_swaps_scopes,
                        stacksize, instructions, positions, exception_table, nop_lines, borrowed_slots,
                        duplicated_slots, constants, constant_uses, names, varnames, cellvars, freevars, cell2arg);
    };
    std::get<I>(fields(code)) = std::get<I>(fields(kDefault));
}

constexpr std::size_t kCodeFields = 27;

template <std::size_t... I> std::vector<std::function<void(lang::Code&)>> field_resetters(std::index_sequence<I...>) {
    return {reset_field<I>...};
}

// The option sets to compile under: the defaults, all off, all on, and
// each option flipped from the default alone.
std::vector<lang::CompileOptions> option_sets() {
    bool lang::CompileOptions::*const kOptions[] = {
        &lang::CompileOptions::while_test_at_bottom,     &lang::CompileOptions::borrow_fast_loads,
        &lang::CompileOptions::class_static_attributes,  &lang::CompileOptions::class_dict_cell,
        &lang::CompileOptions::removes_unused_constants, &lang::CompileOptions::trims_unused_constants,
        &lang::CompileOptions::merges_equal_constants,   &lang::CompileOptions::keyword_maps_unpack_with_call,
        &lang::CompileOptions::const_key_maps,           &lang::CompileOptions::inline_comprehensions,
        &lang::CompileOptions::swaps_statement_pops,     &lang::CompileOptions::constant_lists_extended,
        &lang::CompileOptions::cfg_folds_constants,      &lang::CompileOptions::arena_holds_one_token_bytes_twice,
        &lang::CompileOptions::doc_constant_always,      &lang::CompileOptions::constant_tests_to_bools,
        &lang::CompileOptions::emits_dead_branches,      &lang::CompileOptions::displays_extended,
        &lang::CompileOptions::long_displays_grown,      &lang::CompileOptions::match_statement,
        &lang::CompileOptions::static_pattern_swaps,     &lang::CompileOptions::class_and_mapping_patterns,
    };
    std::vector<lang::CompileOptions> sets(3);
    for (bool lang::CompileOptions::*option : kOptions) {
        sets[1].*option = false;
        sets[2].*option = true;
        sets.push_back({});
        sets.back().*option = !(sets.back().*option);
    }
    return sets;
}

// Every code object of `code`, itself first, then those in its constants
// and constant uses (tuples included).
void for_each_code(const lang::Code& code, const std::function<void(const lang::Code&)>& f) {
    f(code);
    std::function<void(const lang::Constant&)> visit = [&](const lang::Constant& c) {
        if (auto* nested = std::get_if<std::shared_ptr<const lang::Code>>(&c.value)) for_each_code(**nested, f);
        else if (auto* tuple = std::get_if<lang::Tuple>(&c.value))
            for (const lang::Constant& item : tuple->items) visit(item);
    };
    for (const lang::Constant& c : code.constants) visit(c);
    for (const lang::ConstantUse& use : code.constant_uses) visit(use.value);
}

// Constants of every kind, and the constructs of the fields few programs
// fill (nop_lines, an inline comprehension's record, directives, ...).
const char kEveryConstant[] =
    "a = (None, True, False, 1, -2, 2**62, 0.5, -0.0, float('nan'), 2j, -0j, 1+2j, 'text', 'caf\\u00e9',\n"
    "     b'\\x00\\xff', ..., (1, (2.5, 'x')), ())\n"
    "def f(p, /, q, *args, r=1, **kw):\n"
    "    global a\n"
    "    pass\n"
    "    'a docstring-like constant'\n"
    "    s = [x for x in args if x]\n"
    "    def g():\n"
    "        nonlocal q\n"
    "        q = lambda: p\n"
    "        return q\n"
    "    try:\n"
    "        yield {k: v for k, v in kw.items()}\n"
    "    finally:\n"
    "        print(s)\n"
    "    while p:\n"
    "        p -= 1\n"
    "    return g\n"
    "class C:\n"
    "    ys = [y for y in range(3)]\n"
    "    def m(self):\n"
    "        self.x = f(1, 2, *[3], r=2, **{'z': 1})\n"
    "        return [y for y in range(3)]\n";

}  // namespace

TEST_CASE("serialized code reads back as the compiler made it", "[serialize]") {
    std::vector<std::pair<std::string, std::string>> sources = {{"every constant", kEveryConstant}};
    for (const auto& input : test::files_in(test::test_dir("inputs"), ".py"))
        sources.emplace_back(input.filename().string(), test::read_file(input));
    for (const auto& input : test::files_in(CASES_DIR, ".py"))
        sources.emplace_back(input.string(), test::read_file(input));

    auto resetters = field_resetters(std::make_index_sequence<kCodeFields>{});
    std::vector<bool> field_seen(kCodeFields);
    std::vector<bool> alternative_seen(std::variant_size_v<decltype(lang::Constant::value)>);
    int compiled = 0;
    for (const lang::CompileOptions& options : option_sets()) {
        for (const auto& [name, source] : sources) {
            lang::CompileResult r = lang::compile(source, name, options);
            if (!r.code) continue;  // a case of an unsupported construct
            ++compiled;
            std::string bytes = lang::serialize(*r.code);
            std::shared_ptr<const lang::Code> back = lang::deserialize(bytes);
            INFO(name);
            REQUIRE(back);
            REQUIRE(lang::same_code(*back, *r.code));
            CHECK(lang::serialize(*back) == bytes);
            // A field the compiler filled (differs from a Code{}'s) that
            // the comparison sees: with every field seen somewhere, a field
            // dropped by serialize or deserialize fails the round trip.
            for_each_code(*r.code, [&](const lang::Code& code) {
                for (std::size_t i = 0; i < kCodeFields; ++i) {
                    if (field_seen[i]) continue;
                    lang::Code changed = code;
                    resetters[i](changed);
                    if (!lang::same_code(changed, code)) field_seen[i] = true;
                }
                for (const lang::Constant& c : code.constants) alternative_seen[c.value.index()] = true;
            });
        }
    }
    CHECK(compiled > 1000);
    for (std::size_t i = 0; i < kCodeFields; ++i) {
        INFO("field " << i << " of lang::Code");
        CHECK(field_seen[i]);
    }
    for (std::size_t i = 0; i < alternative_seen.size(); ++i) {
        INFO("alternative " << i << " of lang::Constant");
        CHECK(alternative_seen[i]);
    }
}

TEST_CASE("same_code compares code objects by content and by sharing", "[serialize]") {
    auto a = test::compile_ok("def f(): pass\ndef g(): pass\n");
    auto b = test::compile_ok("def f(): pass\ndef g(): pass\n");
    CHECK(lang::same_code(*a, *b));
    CHECK_FALSE(lang::same_code(*a, *test::compile_ok("def f(): pass\ndef h(): pass\n")));
    // b's second function made the very object of its first: same fields,
    // not the same shape.
    lang::Code shared = *b;
    for (lang::Constant& c : shared.constants)
        if (std::holds_alternative<std::shared_ptr<const lang::Code>>(c.value)) c = b->constants[0];
    REQUIRE(std::holds_alternative<std::shared_ptr<const lang::Code>>(b->constants[0].value));
    CHECK_FALSE(lang::same_code(*a, shared));
    // -0.0 is not 0.0.
    CHECK_FALSE(lang::same_code(*test::compile_ok("x = 0.0\n"), *test::compile_ok("x = -0.0\n")));
}

TEST_CASE("a code object referenced twice reads back as one", "[serialize]") {
    // A constant use holds the code object its constant does.
    auto code = test::compile_ok("def f(): pass\n");
    auto back = lang::deserialize(lang::serialize(*code));
    REQUIRE(back);
    const lang::Constant* constant = nullptr;
    for (const lang::Constant& c : back->constants)
        if (std::holds_alternative<std::shared_ptr<const lang::Code>>(c.value)) constant = &c;
    REQUIRE(constant);
    bool shared = false;
    for (const lang::ConstantUse& use : back->constant_uses) shared = shared || use.value.value == constant->value;
    CHECK(shared);
}

TEST_CASE("bytes serialize did not write read back as nothing", "[serialize]") {
    std::string bytes = lang::serialize(*test::compile_ok("def f(x):\n    return [x, 'a', 1.5]\n"));
    CHECK(lang::deserialize(bytes));
    CHECK_FALSE(lang::deserialize(""));
    CHECK_FALSE(lang::deserialize(bytes + "x"));
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) CHECK_FALSE(lang::deserialize(bytes.substr(0, cut)));
}

TEST_CASE("option keys tell every option apart", "[serialize]") {
    std::vector<lang::CompileOptions> sets = option_sets();
    for (std::size_t i = 0; i < sets.size(); ++i)
        for (std::size_t j = i + 1; j < sets.size(); ++j)
            CHECK(lang::options_key(sets[i]) != lang::options_key(sets[j]));
}
