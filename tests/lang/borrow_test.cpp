// CPython 3.14's borrowed loads (lang/borrow.hpp): which LOAD_FASTs become
// LOAD_FAST_BORROW, each expectation what Pyodide's 3.14.2 compiles (dis),
// and the stack slots that hold borrowed values while an instruction runs.
#include <catch2/catch.hpp>

#include "lang/lang.hpp"
#include "support.hpp"

namespace {

std::shared_ptr<const lang::Code> compile_borrowing(const std::string& source) {
    lang::CompileOptions options;
    options.borrow_fast_loads = true;
    options.while_test_at_bottom = false;  // 3.14's layout
    options.inline_comprehensions = true;
    lang::CompileResult r = lang::compile(source, "t.py", options);
    REQUIRE(r.code);
    return r.code;
}

// The loads of locals in `f` of `source`, in order: "a" strong, "a*" borrowed.
std::string loads(const std::string& source) {
    auto code = compile_borrowing(source);
    const lang::Code* f = test::nested(*code, "f");
    REQUIRE(f);
    std::string out;
    for (const lang::Instruction& ins : f->instructions) {
        if (ins.op != lang::Opcode::LOAD_FAST && ins.op != lang::Opcode::LOAD_FAST_BORROW) continue;
        if (!out.empty()) out += ' ';
        out += f->varnames[ins.arg] + (ins.op == lang::Opcode::LOAD_FAST_BORROW ? "*" : "");
    }
    return out;
}

}  // namespace

TEST_CASE("a load consumed in its block is borrowed", "[compiler][borrow]") {
    CHECK(loads("def f(a, b):\n    g(a, b)\n    a.attr = b\n    a.m(b)\n    return a\n") == "a* b* b* a* a* b* a*");
    CHECK(loads("def f(a, lst):\n    for i in lst:\n        pass\n    with a:\n        pass\n") == "lst* a*");
    CHECK(loads("def f(a, b):\n    s = f'{a}{b!r}'\n    t = (a, b)\n    b += a\n") == "a* b* a* b* b* a*");
    // Inlined: i is loaded by STORE_FAST_LOAD_FAST.
    CHECK(loads("def f(a, lst):\n    q = [i for i in lst]\n") == "lst* i");
}

TEST_CASE("a load stays strong when its value outlives the block or the local", "[compiler][borrow]") {
    // Stored into a local.
    CHECK(loads("def f(a):\n    x = a\n") == "a");
    // Still on the stack where a branch begins: a conditional expression
    // among the arguments, `and`, a comparison chain (b is copied).
    CHECK(loads("def f(a, b, c):\n    g(a, b if c else 1)\n    g()\n    g()\n") == "a c b");
    CHECK(loads("def f(a, b):\n    w = a and b\n") == "a b");
    CHECK(loads("def f(a, b, c):\n    if a < b < c:\n        pass\n") == "a b c*");
    CHECK(loads("def f(a, b, c):\n    z = a if b else c\n") == "b* a c");
    CHECK(loads("def f(a, b):\n    a, b = b, a\n    return a[b]\n") == "b a a* b*");
}

TEST_CASE("fused loads are borrowed together; a load fused after a store never", "[compiler][borrow]") {
    // LOAD_FAST_LOAD_FAST a, c: c alone would be borrowed, a is not.
    CHECK(loads("def f(a, c):\n    g(a, c if c else 1)\n    g()\n    g()\n") == "a c c");
    // On two lines they are not fused: c's own load is borrowed.
    CHECK(loads("def f(a, c):\n    g(a,\n      c if c else 1)\n    g()\n    g()\n") == "a c* c");
    // STORE_FAST_LOAD_FAST (one line) loads a strong reference.
    CHECK(loads("def f(a):\n    b = a; return b\n") == "a b");
    CHECK(loads("def f(a):\n    b = a\n    return b\n") == "a b*");
}

TEST_CASE("a load of a local that may be unbound is checked, and neither borrowed nor fused", "[compiler][borrow]") {
    // After a comprehension that rebinds it, or a branch that may not bind
    // it, or an except clause that lets the body's store be skipped:
    // LOAD_FAST_CHECK, whose value is strong.
    CHECK(loads("def f(p):\n    [p for p in range(2)]\n    return g(p)\n") == "p p");
    CHECK(loads("def f(c):\n    if c:\n        x = 1\n    return g(x)\n") == "c* x");
    CHECK(loads("def f(a):\n    try:\n        x = g(a)\n    except E:\n        pass\n    return g(x)\n") == "a* x");
    // Once checked, the local is bound; a store binds it again after a del.
    CHECK(loads("def f(c):\n    if c:\n        x = 1\n    g(x)\n    g(x)\n") == "c* x x*");
    CHECK(loads("def f(a, b):\n    del a\n    a = b\n    return g(a)\n") == "b a*");
    // A checked load fuses with nothing: b after it is borrowed on its own.
    CHECK(loads("def f(c, b):\n    if c:\n        x = 1\n    g(x, b)\n") == "c* x b*");
}

TEST_CASE("a small exit block a jump copies consumes the values of the block that jumps", "[compiler][borrow]") {
    // CALL g, POP_TOP, return None: four instructions, copied after b's load.
    CHECK(loads("def f(a, b, c):\n    g(a, b if c else 1)\n") == "a c b*");
    CHECK(loads("def f(a, b):\n    if a:\n        return g(b)\n    return h(a, b if a else 1)\n") == "a* b* a a b*");
    CHECK(loads("def f(a, b):\n    while a:\n        g(b)\n    return a\n") == "a* b* a*");
    CHECK(loads("def f(a, c):\n    g(a,\n      c if c else 1)\n") == "a c* c*");
}

TEST_CASE("an exception handler's loads are not borrowed", "[compiler][borrow]") {
    CHECK(loads("def f(a):\n    try:\n        g(a)\n    except E as e:\n        g(e)\n") == "a* e");
}

TEST_CASE("a borrowed value may wait on the stack for a call or a yield", "[compiler][borrow]") {
    CHECK(loads("def f(a):\n    g(a, h())\n") == "a*");
    CHECK(loads("def f(a):\n    g(a, (yield))\n") == "a*");
    CHECK(loads("def f(a, b):\n    g(a, h(b), a)\n    while a:\n        g(b)\n") == "a* b* a* a* b*");
    CHECK(loads("def f(a, b):\n    del a\n    g(b)\n") == "b*");
    CHECK(loads("def f(a, b):\n    g(*a, **b)\n    g(x=a)\n") == "a* b* a*");
    CHECK(loads("def f(a, b):\n    assert a, b\n    raise a from b\n") == "a* b* a* b*");
}

TEST_CASE("borrowed_slots names the slots that hold borrowed values while each instruction runs",
          "[compiler][borrow]") {
    auto code = compile_borrowing("def f(a):\n    g(a, h())\n");
    const lang::Code* f = test::nested(*code, "f");
    REQUIRE(f);
    REQUIRE(f->borrowed_slots.size() == f->instructions.size());
    // NULL g a NULL h: the CALL of h runs with a (slot 2) borrowed below it,
    // and the CALL of g takes it.
    std::vector<std::uint64_t> at_calls;
    for (std::size_t i = 0; i < f->instructions.size(); ++i)
        if (f->instructions[i].op == lang::Opcode::CALL) at_calls.push_back(f->borrowed_slots[i]);
    CHECK(at_calls == std::vector<std::uint64_t>{0b100, 0b100});
    // Without the option nothing is borrowed.
    auto plain = test::compile_ok("def f(a):\n    g(a, h())\n");
    CHECK(test::nested(*plain, "f")->borrowed_slots.empty());
    CHECK(test::opcodes(*test::nested(*plain, "f")).find("BORROW") == std::string::npos);
}

TEST_CASE("duplicated_slots names the slots that may hold a strong load of a local, across blocks",
          "[compiler][borrow]") {
    // The stack slots of f's k-th STORE_FAST while it runs.
    auto at_store = [](const std::string& source, int k) {
        auto code = compile_borrowing(source);
        const lang::Code* f = test::nested(*code, "f");
        REQUIRE(f);
        REQUIRE(f->duplicated_slots.size() == f->instructions.size());
        for (std::size_t i = 0; i < f->instructions.size(); ++i)
            if (f->instructions[i].op == lang::Opcode::STORE_FAST && k-- == 0) return f->duplicated_slots[i];
        FAIL("no such STORE_FAST");
        return std::uint64_t(0);
    };
    CHECK(at_store("def f(p):\n    q = p\n", 0) == 0b1);
    CHECK(at_store("def f(p):\n    q = p.a\n", 0) == 0);
    // From one of two branches, and into an exception handler.
    CHECK(at_store("def f(p, c):\n    x = p if c else None\n", 0) == 0b1);
    // (below q, the exception handled before)
    CHECK(at_store("def f(p):\n    q = p\n    try:\n        g()\n    except E:\n        r = q\n", 1) == 0b10);
    // Moved by a SWAP: `a, b = b, a` stores both duplicates.
    CHECK(at_store("def f(a, b):\n    a, b = b, a\n", 0) == 0b11);
}
