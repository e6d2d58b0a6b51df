// The compiler: golden disassemblies for every construct (tests/lang/inputs)
// and the properties the VM relies on.
#include <catch2/catch.hpp>

#include "lang/disassembler.hpp"
#include "support.hpp"

using test::compile_ok;
using test::nested;
using test::opcodes;

TEST_CASE("golden bytecode", "[compiler][golden]") {
    test::check_golden(".dis", [](const std::string& source) {
        return lang::disassemble(*compile_ok(source), test::unicode_tables());
    });
}

TEST_CASE("a temporary is released before the call that uses its attribute", "[compiler]") {
    // CPython 3.11: LOAD_ATTR pops the Node before print is called.
    CHECK(opcodes(*compile_ok("print(Node('t').name)\n")) ==
          "RESUME PUSH_NULL LOAD_NAME PUSH_NULL LOAD_NAME LOAD_CONST PRECALL CALL LOAD_ATTR PRECALL CALL POP_TOP "
          "LOAD_CONST RETURN_VALUE");
}

TEST_CASE("method calls use LOAD_METHOD, no bound method object", "[compiler]") {
    CHECK(opcodes(*compile_ok("obj.m(1, k=2)\n")) ==
          "RESUME LOAD_NAME LOAD_METHOD LOAD_CONST LOAD_CONST KW_NAMES PRECALL CALL POP_TOP LOAD_CONST RETURN_VALUE");
    // ... except on a name bound by an import, as 3.11 does.
    CHECK(opcodes(*compile_ok("import gc\ngc.collect()\n")) ==
          "RESUME LOAD_CONST LOAD_CONST IMPORT_NAME STORE_NAME PUSH_NULL LOAD_NAME LOAD_ATTR PRECALL CALL POP_TOP "
          "LOAD_CONST RETURN_VALUE");
}

TEST_CASE("async def makes a coroutine or an async generator, with CPython's flags", "[compiler]") {
    auto code = compile_ok(
        "async def c(x):\n"
        "    return await x\n"
        "async def ag():\n"
        "    yield\n"
        "def outer():\n"
        "    async def inner(): pass\n");
    const lang::Code* c = nested(*code, "c");
    const lang::Code* ag = nested(*code, "ag");
    const lang::Code* inner = nested(*code, "inner");
    REQUIRE(c);
    REQUIRE(ag);
    REQUIRE(inner);
    // co_flags of python3.11: 0x83, 0x203, 0x93.
    CHECK(c->flags == (lang::CO_OPTIMIZED | lang::CO_NEWLOCALS | lang::CO_COROUTINE));
    CHECK(ag->flags == (lang::CO_OPTIMIZED | lang::CO_NEWLOCALS | lang::CO_ASYNC_GENERATOR));
    CHECK(inner->flags == (lang::CO_OPTIMIZED | lang::CO_NEWLOCALS | lang::CO_NESTED | lang::CO_COROUTINE));
    // 3.11's await: GET_AWAITABLE, then the SEND loop of yield from.
    CHECK(opcodes(*c) ==
          "RETURN_GENERATOR POP_TOP RESUME LOAD_FAST GET_AWAITABLE LOAD_CONST SEND YIELD_VALUE RESUME "
          "JUMP_BACKWARD_NO_INTERRUPT RETURN_VALUE");
    CHECK(opcodes(*ag) ==
          "RETURN_GENERATOR POP_TOP RESUME LOAD_CONST YIELD_VALUE RESUME POP_TOP LOAD_CONST RETURN_VALUE");
}

TEST_CASE("async for and async with compile to 3.11's instructions", "[compiler]") {
    auto code = compile_ok(
        "async def loop(y):\n"
        "    async for x in y:\n"
        "        pass\n"
        "async def block(m):\n"
        "    async with m:\n"
        "        pass\n");
    const lang::Code* loop = nested(*code, "loop");
    const lang::Code* block = nested(*code, "block");
    REQUIRE(loop);
    REQUIRE(block);
    // Each __anext__() awaited under a handler that END_ASYNC_FOR ends.
    CHECK(opcodes(*loop) ==
          "RETURN_GENERATOR POP_TOP RESUME LOAD_FAST GET_AITER GET_ANEXT LOAD_CONST SEND YIELD_VALUE RESUME "
          "JUMP_BACKWARD_NO_INTERRUPT STORE_FAST JUMP_BACKWARD END_ASYNC_FOR LOAD_CONST RETURN_VALUE");
    REQUIRE(!loop->exception_table.empty());
    // __aenter__()'s result and __aexit__()'s are awaited (GET_AWAITABLE 1 and 2).
    std::string awaits;
    for (const lang::Instruction& ins : block->instructions)
        if (ins.op == lang::Opcode::GET_AWAITABLE) awaits += std::to_string(ins.arg);
    CHECK(awaits == "122");
    CHECK(block->instructions[4].op == lang::Opcode::BEFORE_ASYNC_WITH);
}

TEST_CASE("scopes pick the instructions of each name", "[compiler]") {
    auto code = compile_ok(
        "g = 1\n"
        "def f(a):\n"
        "    b = a\n"
        "    def inner():\n"
        "        return a + g\n"
        "    return b\n");
    const lang::Code* f = nested(*code, "f");
    const lang::Code* inner = nested(*code, "inner");
    REQUIRE(f);
    REQUIRE(inner);
    CHECK(f->varnames == std::vector<std::string>{"a", "b", "inner"});
    CHECK(f->cellvars == std::vector<std::string>{"a"});
    CHECK(f->cell2arg == std::vector<int>{0});
    CHECK(opcodes(*f) ==
          "MAKE_CELL RESUME LOAD_DEREF STORE_FAST LOAD_CLOSURE BUILD_TUPLE LOAD_CONST MAKE_FUNCTION "
          "STORE_FAST LOAD_FAST RETURN_VALUE");
    CHECK(inner->freevars == std::vector<std::string>{"a"});
    CHECK(inner->qualname == "f.<locals>.inner");
    CHECK(opcodes(*inner) == "COPY_FREE_VARS RESUME LOAD_DEREF LOAD_GLOBAL BINARY_OP RETURN_VALUE");
}

TEST_CASE("3.12 compiles a list, set or dict comprehension inline (PEP 709)", "[compiler]") {
    // The forms of python3.12 -S's dis, with the model's instructions:
    // PRECALL, a FOR_ITER that pops its iterator (no END_FOR), and a
    // handler where 3.12 puts its cold block at the end.
    lang::CompileOptions inline_options;
    inline_options.inline_comprehensions = true;
    auto code = compile_ok(
        "def f(n, x):\n"
        "    y = [n + k for k in x]\n"
        "    return y\n"
        "def g(x):\n"
        "    return [lambda: k for k in x]\n"
        "def h(x):\n"
        "    k = 5\n"
        "    a = [k for k in x]\n"
        "    return lambda: k\n"
        "z = {k: 1 for k in x}\n"
        "class C:\n"
        "    w = [k + v for k in x]\n"
        "    v = (k for k in x)\n",
        inline_options);
    // n is read, not bound: a plain local, no cell and no function object;
    // the saved k is put back after y is stored (apply_static_swaps).
    const lang::Code* f = nested(*code, "f");
    CHECK(f->varnames == std::vector<std::string>{"n", "x", "k", "y"});
    CHECK(f->cellvars.empty());
    CHECK(opcodes(*f) ==
          "RESUME LOAD_FAST GET_ITER LOAD_FAST_AND_CLEAR SWAP BUILD_LIST SWAP FOR_ITER STORE_FAST LOAD_FAST "
          "LOAD_FAST BINARY_OP LIST_APPEND JUMP_BACKWARD JUMP_FORWARD SWAP POP_TOP SWAP STORE_FAST_MAYBE_NULL "
          "RERAISE NOP STORE_FAST STORE_FAST_MAYBE_NULL LOAD_FAST RETURN_VALUE");
    CHECK(f->exception_table.size() == 1);
    // A k that a lambda inside captures is a cell of g, made again for the
    // comprehension; the lambda's qualified name skips it.
    const lang::Code* g = nested(*code, "g");
    CHECK(g->cellvars == std::vector<std::string>{"k"});
    // Its LOAD_FAST_AND_CLEAR makes k a varname too, and the cell shares
    // that slot, so a returning frame drops it there (3.12.1's co_varnames
    // and MAKE_CELL 1).
    CHECK(g->varnames == std::vector<std::string>{"x", "k"});
    CHECK(g->cell2arg == std::vector<int>{1});
    CHECK(opcodes(*g).starts_with("MAKE_CELL RESUME LOAD_FAST GET_ITER LOAD_CELL_AND_CLEAR MAKE_CELL SWAP"));
    CHECK(nested(*code, "<lambda>")->qualname == "g.<locals>.<lambda>");
    // h's k is a cell; the comprehension's k is a plain local beside it.
    const lang::Code* h = nested(*code, "h");
    CHECK(h->cellvars == std::vector<std::string>{"k"});
    CHECK(h->varnames == std::vector<std::string>{"x", "k", "a"});
    CHECK(h->cell2arg == std::vector<int>{1});
    CHECK(opcodes(*h).find("LOAD_FAST_AND_CLEAR SWAP BUILD_LIST SWAP FOR_ITER STORE_FAST LOAD_FAST LIST_APPEND") !=
          std::string::npos);
    // At module level k is a hidden fast local; the result is stored by name.
    CHECK(code->varnames == std::vector<std::string>{"k"});
    CHECK(opcodes(*code).find("LOAD_NAME GET_ITER LOAD_FAST_AND_CLEAR SWAP BUILD_MAP SWAP FOR_ITER STORE_FAST "
                              "LOAD_FAST LOAD_CONST MAP_ADD") != std::string::npos);
    CHECK(opcodes(*code).find("SWAP STORE_FAST_MAYBE_NULL STORE_NAME") != std::string::npos);
    // In a class body every name of it is saved, `.0` too, and what it
    // reads but does not bind is a global; a generator expression is still
    // a function.
    const lang::Code* c = nested(*code, "C");
    CHECK(c->varnames == std::vector<std::string>{".0", "k", "v"});
    CHECK(opcodes(*c).find("LOAD_FAST_AND_CLEAR LOAD_FAST_AND_CLEAR LOAD_FAST_AND_CLEAR SWAP BUILD_LIST SWAP "
                           "FOR_ITER STORE_FAST LOAD_FAST LOAD_GLOBAL BINARY_OP") != std::string::npos);
    CHECK(nested(*code, "<genexpr>") != nullptr);
    CHECK(nested(*code, "<listcomp>") == nullptr);
    // A comprehension statement drops its list after the restore on 3.12,
    // before it from 3.13 (the POP_TOP trades places with the restore).
    const char* statement = "def s(x):\n    [k for k in x]\n";
    CHECK(opcodes(*nested(*compile_ok(statement, inline_options), "s"))
              .ends_with("RERAISE SWAP STORE_FAST_MAYBE_NULL POP_TOP LOAD_CONST RETURN_VALUE"));
    lang::CompileOptions swapping = inline_options;
    swapping.swaps_statement_pops = true;
    CHECK(opcodes(*nested(*compile_ok(statement, swapping), "s"))
              .ends_with("RERAISE NOP POP_TOP STORE_FAST_MAYBE_NULL LOAD_CONST RETURN_VALUE"));
    // To 3.11 each is a function of its own.
    CHECK(opcodes(*nested(*compile_ok("def f(n, x):\n    return [n + k for k in x]\n"), "f")) ==
          "MAKE_CELL RESUME LOAD_CLOSURE BUILD_TUPLE LOAD_CONST MAKE_FUNCTION LOAD_FAST GET_ITER PRECALL CALL "
          "RETURN_VALUE");
}

TEST_CASE("global and nonlocal declarations", "[compiler]") {
    auto code = compile_ok(
        "def f():\n    global x\n    x = 1\n"
        "def g():\n    y = 0\n    def h():\n        nonlocal y\n        y += 1\n    return h\n");
    CHECK(opcodes(*nested(*code, "f")) == "RESUME LOAD_CONST STORE_GLOBAL LOAD_CONST RETURN_VALUE");
    CHECK(opcodes(*nested(*code, "h")) ==
          "COPY_FREE_VARS RESUME LOAD_DEREF LOAD_CONST BINARY_OP STORE_DEREF "
          "LOAD_CONST RETURN_VALUE");
}

TEST_CASE("super() gives the class body a __class__ cell", "[compiler]") {
    auto code = compile_ok("class A(B):\n    def m(self):\n        return super().m()\n");
    const lang::Code* body = nested(*code, "A");
    REQUIRE(body);
    CHECK(body->cellvars == std::vector<std::string>{"__class__"});
    CHECK(opcodes(*body) ==
          "MAKE_CELL RESUME LOAD_NAME STORE_NAME LOAD_CONST STORE_NAME LOAD_CLOSURE BUILD_TUPLE "
          "LOAD_CONST MAKE_FUNCTION STORE_NAME LOAD_CLOSURE COPY STORE_NAME RETURN_VALUE");
    CHECK(nested(*code, "m")->freevars == std::vector<std::string>{"__class__"});
    CHECK(opcodes(*code) ==
          "RESUME PUSH_NULL LOAD_BUILD_CLASS LOAD_CONST MAKE_FUNCTION LOAD_CONST LOAD_NAME PRECALL "
          "CALL STORE_NAME LOAD_CONST RETURN_VALUE");
}

TEST_CASE("comprehensions are nested functions called with an iterator", "[compiler]") {
    auto code = compile_ok("r = [x for x in y]\n");
    CHECK(opcodes(*code) ==
          "RESUME LOAD_CONST MAKE_FUNCTION LOAD_NAME GET_ITER PRECALL CALL STORE_NAME LOAD_CONST RETURN_VALUE");
    const lang::Code* comp = nested(*code, "<listcomp>");
    REQUIRE(comp);
    CHECK(comp->argcount == 1);
    CHECK(comp->varnames == std::vector<std::string>{".0", "x"});
}

TEST_CASE("generators start with RETURN_GENERATOR", "[compiler]") {
    auto code = compile_ok("def g():\n    x = yield 1\n");
    const lang::Code* g = nested(*code, "g");
    CHECK((g->flags & lang::CO_GENERATOR) != 0);
    CHECK(opcodes(*g) ==
          "RETURN_GENERATOR POP_TOP RESUME LOAD_CONST YIELD_VALUE RESUME STORE_FAST LOAD_CONST "
          "RETURN_VALUE");
}

TEST_CASE("yield from is 3.11's SEND loop", "[compiler]") {
    auto code = compile_ok("def g():\n    x = yield from y\n");
    const lang::Code* g = nested(*code, "g");
    CHECK((g->flags & lang::CO_GENERATOR) != 0);
    CHECK(opcodes(*g) ==
          "RETURN_GENERATOR POP_TOP RESUME LOAD_GLOBAL GET_YIELD_FROM_ITER LOAD_CONST SEND YIELD_VALUE RESUME "
          "JUMP_BACKWARD_NO_INTERRUPT STORE_FAST LOAD_CONST RETURN_VALUE");
}

TEST_CASE("except ... as name clears the name on every way out", "[compiler]") {
    auto code = compile_ok("try:\n    f()\nexcept E as e:\n    g(e)\n");
    std::string ops = opcodes(*code);
    CHECK(ops.find("POP_EXCEPT LOAD_CONST STORE_NAME DELETE_NAME JUMP_FORWARD LOAD_CONST STORE_NAME DELETE_NAME "
                   "RERAISE") != std::string::npos);
    // The handler is entered with the stack emptied to depth 0 (no lasti),
    // its cleanup with lasti.
    REQUIRE(!code->exception_table.empty());
    CHECK(code->exception_table[0].depth == 0);
    CHECK(!code->exception_table[0].lasti);
    CHECK(code->exception_table[1].lasti);
}

TEST_CASE("an exception in a for loop releases the iterator", "[compiler]") {
    auto code = compile_ok("def f():\n    try:\n        for x in y:\n            g(x)\n    except E:\n        pass\n");
    const lang::Code* f = nested(*code, "f");
    REQUIRE(!f->exception_table.empty());
    // Inside the loop the iterator is on the stack; the handler pops to 0.
    CHECK(f->exception_table[0].depth == 0);
    CHECK(f->stacksize >= 4);
}

TEST_CASE("return inside finally and with keeps CPython's unwinding order", "[compiler]") {
    auto code = compile_ok("def f():\n    with m:\n        return g()\n");
    CHECK(opcodes(*nested(*code, "f"))
              .find("CALL SWAP LOAD_CONST LOAD_CONST LOAD_CONST PRECALL CALL POP_TOP "
                    "RETURN_VALUE") != std::string::npos);
    auto code2 = compile_ok("def f():\n    for x in y:\n        return x\n");
    CHECK(opcodes(*nested(*code2, "f")).find("LOAD_FAST SWAP POP_TOP RETURN_VALUE") != std::string::npos);
}

TEST_CASE("constants are folded as CPython's optimizer does", "[compiler]") {
    auto code = compile_ok("x = (1, -2, ('a', None))\ny = 2 ** 10 + 1\nz = 'a' * 3\nfor i in [1, 2]: pass\n");
    std::vector<std::string> reprs;
    for (const lang::Constant& c : code->constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
    CHECK(reprs == std::vector<std::string>{"(1, -2, ('a', None))", "1025", "'aaa'", "(1, 2)", "None"});
    CHECK(opcodes(*compile_ok("x = 1 // 0\n")).find("BINARY_OP") != std::string::npos);  // raises at run time
}

TEST_CASE("a subscript of a str or bytes constant and __debug__ fold as ast_opt.c folds them", "[compiler]") {
    // co_consts of the same program on CPython 3.8 to 3.13 and PyPy 7.3.
    auto code = compile_ok("a = b'.'[0]\nb = ('.', b'ab'[-1])\nc = 'a\u00e9\u20ac'[2]\nd = __debug__\n");
    std::vector<std::string> reprs;
    for (const lang::Constant& c : code->constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
    CHECK(reprs == std::vector<std::string>{"46", "('.', 98)", "'\u20ac'", "True", "None"});
    // An index that raises, or any other operand, is left to run time.
    for (const char* source : {"x = 'ab'[2]\n", "x = 'ab'['a']\n", "x = 'ab'[1:]\n", "x = y[0]\n"})
        CHECK(opcodes(*compile_ok(source)).find("BINARY_SUBSCR") != std::string::npos);
}

TEST_CASE("a set display of constants is a frozenset constant where CPython makes one", "[compiler]") {
    auto reprs_of = [](const lang::Code& code) {
        std::vector<std::string> reprs;
        for (const lang::Constant& c : code.constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
        return reprs;
    };
    // co_consts of the same program on CPython 3.9 to 3.13 (the set's own
    // order is its hashes', which the VM gives it).
    auto code = compile_ok("a = x in {1, 2}\nfor y in {'p', 'q'}: pass\nb = {3, 4, 5}\nc = {6, 7}\n");
    CHECK(reprs_of(*code) == std::vector<std::string>{"frozenset({1, 2})", "frozenset({'p', 'q'})",
                                                      "frozenset({3, 4, 5})", "6", "7", "None"});
    CHECK(opcodes(*code).find("BUILD_SET LOAD_CONST SET_UPDATE STORE_NAME LOAD_CONST LOAD_CONST BUILD_SET") !=
          std::string::npos);
    // A frozenset is one constant, whatever the order of its items.
    CHECK(reprs_of(*compile_ok("a = x in {1, 2}\nb = x in {2, 1}\n")).size() == 2);
    // PyPy: only the operand of `in`.
    auto pypy = lang::compile("a = x in {1, 2}\nfor y in {'p', 'q'}: pass\nb = {3, 4, 5}\n", "t.py",
                              lang::CompileOptions{.constant_sets_frozen = false});
    REQUIRE(pypy.code);
    CHECK(reprs_of(*pypy.code) == std::vector<std::string>{"frozenset({1, 2})", "'p'", "'q'", "3", "4", "5", "None"});
    // Items equal but of other types are one item of CPython's set.
    lang::CompileResult mixed = lang::compile("a = x in {1, True}\n", "t.py");
    REQUIRE(mixed.diagnostic);
    CHECK(lang::exit_status(*mixed.diagnostic) == 3);
}

TEST_CASE("complex literals fold as CPython's optimizer folds them", "[compiler]") {
    // co_consts of the same program on CPython 3.11; 1j / 0j raises, so it
    // is left to run time.
    auto code = compile_ok(
        "a = 4j\nb = 1.0 + 5.0j\nc = -2j\nd = (1-0j)\ne = 1j / 2j\nf = 1j / 0j\ng = 2 * 3j\n"
        "h = 1e300j\n");
    std::vector<std::string> reprs;
    for (const lang::Constant& c : code->constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
    CHECK(reprs == std::vector<std::string>{"4j", "(1+5j)", "(-0-2j)", "(1+0j)", "(0.5+0j)", "1j", "0j", "6j",
                                            "1e+300j", "None"});
}

TEST_CASE("each instruction has a source line", "[compiler]") {
    auto code = compile_ok("a = 1\n\nb = (\n  a +\n  2)\n");
    REQUIRE(code->positions.size() == code->instructions.size());
    std::vector<int> lines;
    for (const lang::Position& p : code->positions) lines.push_back(p.line);
    CHECK(lines == std::vector<int>{1, 1, 1, 4, 5, 4, 3, 0, 0});
}

TEST_CASE("'%s' % (a,) builds no tuple, as 3.11's optimizer, nor '%-5s' % (a,)", "[compiler]") {
    CHECK(opcodes(*compile_ok("x = 'a=%s b=%r %%' % (a, b)\n")) ==
          "RESUME LOAD_CONST LOAD_NAME FORMAT_VALUE LOAD_CONST LOAD_NAME FORMAT_VALUE LOAD_CONST BUILD_STRING "
          "STORE_NAME LOAD_CONST RETURN_VALUE");
    // Other conversions, or a count mismatch, keep the % operator.
    CHECK(opcodes(*compile_ok("x = '%d' % (a,)\n")).find("BINARY_OP") != std::string::npos);
    CHECK(opcodes(*compile_ok("x = '%s %s' % (a,)\n")).find("BINARY_OP") != std::string::npos);
    CHECK(opcodes(*compile_ok("x = '%5%' % (a,)\n")).find("BINARY_OP") != std::string::npos);
    // Flags, a width and a precision make a format spec: co_consts of the
    // same program on CPython 3.11 to 3.13.
    auto code = compile_ok("x = '%-30s|%5r|%.3s|%-7.2r|%+s|%05s|%.s|%%' % (a, a, a, a, a, a, a)\n");
    std::vector<std::string> reprs;
    for (const lang::Constant& c : code->constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
    CHECK(reprs == std::vector<std::string>{"'30'", "'|'", "'>5'", "'.3'", "'7.2'", "'.0'", "'|%'", "None"});
    // 3.10 and PyPy run the `%`.
    lang::CompileResult kept =
        lang::compile("x = '%s' % (a,)\n", "t.py", lang::CompileOptions{.percent_formats_as_fstrings = false});
    REQUIRE(kept.code);
    CHECK(opcodes(*kept.code).find("BUILD_TUPLE BINARY_OP") != std::string::npos);
}

TEST_CASE("a list display iterated by for or in is a tuple", "[compiler]") {
    CHECK(opcodes(*compile_ok("for x in [a, b]: pass\n")).find("LOAD_NAME LOAD_NAME BUILD_TUPLE GET_ITER") !=
          std::string::npos);
    CHECK(opcodes(*compile_ok("y = x in [a, 1]\n")).find("BUILD_TUPLE CONTAINS_OP") != std::string::npos);
}

TEST_CASE("qualified names", "[compiler]") {
    auto code = compile_ok(
        "class A:\n    def m(self):\n        def f(): pass\n"
        "r = [lambda: 0 for i in x]\n"
        "def g():\n    global h\n    def h(): pass\n");
    CHECK(nested(*code, "m")->qualname == "A.m");
    CHECK(nested(*code, "f")->qualname == "A.m.<locals>.f");
    CHECK(nested(*code, "<lambda>")->qualname == "<listcomp>.<lambda>");
    CHECK(nested(*code, "h")->qualname == "h");
}

TEST_CASE("a name declared global in a function is global in the module too", "[compiler]") {
    CHECK(opcodes(*compile_ok("def f():\n    global x\nx = 1\n")).find("STORE_GLOBAL") != std::string::npos);
}

TEST_CASE("a, b = b, a builds no tuple, as 3.11's optimizer", "[compiler]") {
    // Fast locals are stored in reverse order instead of swapping.
    auto code = compile_ok("def f(a, b):\n    a, b = b, a\n    x, = a,\n    a.x, b = b, a\n");
    CHECK(opcodes(*nested(*code, "f")) ==
          "RESUME LOAD_FAST LOAD_FAST STORE_FAST STORE_FAST LOAD_FAST STORE_FAST "
          "LOAD_FAST LOAD_FAST SWAP LOAD_FAST STORE_ATTR STORE_FAST LOAD_CONST RETURN_VALUE");
    CHECK(nested(*code, "f")->instructions[3].arg == 1);  // b first
    CHECK(opcodes(*compile_ok("a, b = b, a\n")).find("SWAP STORE_NAME STORE_NAME") != std::string::npos);
    CHECK(opcodes(*compile_ok("a, b, c, d = w, x, y, z\n")).find("BUILD_TUPLE UNPACK_SEQUENCE") != std::string::npos);
}

TEST_CASE("repetition folds within CPython's limits, in linear time", "[compiler]") {
    auto code =
        compile_ok("a = '' * 9999999999\nb = 'ab' * 4611686018427387904\nc = 'ab' * -3\nd = 3 * 'ab'\ne = b'x' * 2\n");
    std::vector<std::string> reprs;
    for (const lang::Constant& c : code->constants) reprs.push_back(lang::constant_repr(c, test::unicode_tables()));
    CHECK(reprs == std::vector<std::string>{"''", "'ab'", "4611686018427387904", "-3", "'ababab'", "b'xx'", "None"});
}

TEST_CASE("a function ending in an if whose body returns still returns None", "[compiler]") {
    // The jump over the body lands past the `return`: the implicit return must follow it.
    CHECK(opcodes(*nested(*compile_ok("def f(a):\n    if a:\n        return 1\n"), "f")) ==
          "RESUME LOAD_FAST POP_JUMP_IF_FALSE LOAD_CONST RETURN_VALUE LOAD_CONST RETURN_VALUE");
    CHECK(opcodes(*nested(*compile_ok("def f(a, b):\n    if a and not b:\n        return 1\n"), "f")) ==
          "RESUME LOAD_FAST POP_JUMP_IF_FALSE LOAD_FAST POP_JUMP_IF_TRUE LOAD_CONST RETURN_VALUE LOAD_CONST "
          "RETURN_VALUE");
    // A final return that no jump passes needs nothing after it.
    CHECK(opcodes(*nested(*compile_ok("def f(a):\n    return a\n"), "f")) == "RESUME LOAD_FAST RETURN_VALUE");
}

TEST_CASE("a while loop's test is repeated at its bottom unless the options say otherwise", "[compiler]") {
    const char* source = "while x:\n    y()\n";
    // 3.10-3.13: the body ends with the test, then jumps back to the body.
    CHECK(opcodes(*compile_ok(source)) ==
          "RESUME LOAD_NAME POP_JUMP_IF_FALSE PUSH_NULL LOAD_NAME PRECALL CALL POP_TOP LOAD_NAME POP_JUMP_IF_FALSE "
          "JUMP_BACKWARD LOAD_CONST RETURN_VALUE");
    // 3.9, 3.14, PyPy: the body jumps back to the test at the top.
    lang::CompileResult top = lang::compile(source, "t.py", lang::CompileOptions{.while_test_at_bottom = false});
    REQUIRE(top.code);
    CHECK(opcodes(*top.code) ==
          "RESUME LOAD_NAME POP_JUMP_IF_FALSE PUSH_NULL LOAD_NAME PRECALL CALL POP_TOP JUMP_BACKWARD LOAD_CONST "
          "RETURN_VALUE");
}

TEST_CASE("3.13's class bodies store __firstlineno__ and __static_attributes__ when the options say so", "[compiler]") {
    const char* source =
        "@d\n"
        "class A:\n"
        "    self.own = 1\n"  // the class body's own store does not count
        "    def m(self, other):\n"
        "        self.b = 1\n"
        "        self.a, self.__p = 1, 2\n"  // unmangled
        "        self.n += 1\n"  // an augmented assignment does not count
        "        other.o = 1\n"
        "        def inner():\n"
        "            self.c = 1\n"
        "        class B:\n"
        "            def k(self):\n"
        "                self.in_b = 1\n"  // B's, not A's
        "        return self.loaded\n";
    lang::CompileResult made = lang::compile(source, "t.py", lang::CompileOptions{.class_static_attributes = true});
    REQUIRE(made.code);
    const lang::Code* a = nested(*made.code, "A");
    REQUIRE(a);
    CHECK(a->names == std::vector<std::string>{"__name__", "__module__", "__qualname__", "__firstlineno__", "self",
                                               "own", "m", "__static_attributes__"});
    using lang::Constant;
    lang::Tuple a_attributes{{Constant{"__p"}, Constant{"a"}, Constant{"b"}, Constant{"c"}}};
    CHECK(a->constants.at(1) == Constant{std::int64_t{1}});  // the decorator's line
    CHECK(std::find(a->constants.begin(), a->constants.end(), Constant{a_attributes}) != a->constants.end());
    const lang::Code* b = nested(*made.code, "B");
    REQUIRE(b);
    lang::Tuple b_attributes{{Constant{"in_b"}}};
    CHECK(std::find(b->constants.begin(), b->constants.end(), Constant{b_attributes}) != b->constants.end());
    // Up to 3.12 neither is stored.
    auto older = compile_ok(source);
    const lang::Code* before = nested(*older, "A");
    REQUIRE(before);
    CHECK(before->names == std::vector<std::string>{"__name__", "__module__", "__qualname__", "self", "own", "m"});
}

TEST_CASE("a default folded into the defaults tuple keeps its constant to 3.11, not from 3.12", "[compiler]") {
    const char* source = "def f(a=2): pass\nx = 3\n";
    using lang::Constant;
    // 3.11's trim_unused_consts drops only unused constants at the end.
    auto trimmed = compile_ok(source);
    CHECK(trimmed->constants.front() == Constant{std::int64_t{2}});
    // 3.12's remove_unused_consts drops every one but the first.
    lang::CompileResult removed =
        lang::compile("x = 1\ndef f(a=2): pass\n", "t.py", lang::CompileOptions{.removes_unused_constants = true});
    REQUIRE(removed.code);
    CHECK(std::find(removed.code->constants.begin(), removed.code->constants.end(), Constant{std::int64_t{2}}) ==
          removed.code->constants.end());
    CHECK(removed.code->constants.front() == Constant{std::int64_t{1}});
    CHECK(opcodes(*removed.code) == opcodes(*compile_ok("x = 1\ndef f(a=2): pass\n")));
}

TEST_CASE("the constants of code after a return stay in the table to 3.9, not from 3.10", "[compiler]") {
    const char* source = "def f():\n    return 1\n    x = 2.5\n";
    using lang::Constant;
    auto function_constants = [](const lang::Code& module) {
        for (const Constant& c : module.constants)
            if (const auto* code = std::get_if<std::shared_ptr<const lang::Code>>(&c.value)) return (*code)->constants;
        FAIL("no function in the module's constants");
        return std::vector<Constant>{};
    };
    std::vector<Constant> trimmed = function_constants(*compile_ok(source));
    CHECK(std::find(trimmed.begin(), trimmed.end(), Constant{2.5}) == trimmed.end());
    lang::CompileResult kept = lang::compile(source, "t.py", lang::CompileOptions{.trims_unused_constants = false});
    REQUIRE(kept.code);
    std::vector<Constant> all = function_constants(*kept.code);
    CHECK(all.back() == Constant{2.5});
}

TEST_CASE("3.8 passes a lone **mapping to CALL_FUNCTION_EX as it is; 3.9 merges it into a new dict", "[compiler]") {
    lang::CompileOptions py38{.keyword_maps_unpack_with_call = true};
    auto compiled = [](const char* source, const lang::CompileOptions& options) {
        lang::CompileResult r = lang::compile(source, "t.py", options);
        REQUIRE(r.code);
        return opcodes(*r.code);
    };
    CHECK(compiled("f(*a, **d)\n", {}) ==
          "RESUME PUSH_NULL LOAD_NAME LOAD_NAME BUILD_MAP LOAD_NAME DICT_MERGE CALL_FUNCTION_EX POP_TOP LOAD_CONST "
          "RETURN_VALUE");
    CHECK(compiled("f(*a, **d)\n", py38) ==
          "RESUME PUSH_NULL LOAD_NAME LOAD_NAME LOAD_NAME CALL_FUNCTION_EX POP_TOP LOAD_CONST RETURN_VALUE");
    // Named keywords and a mapping: one new dict of both
    // (BUILD_MAP_UNPACK_WITH_CALL), where 3.9 merges the mapping into the
    // dict of the named ones.
    CHECK(compiled("f(*a, k=1, **d)\n", {}) ==
          "RESUME PUSH_NULL LOAD_NAME LOAD_NAME LOAD_CONST LOAD_CONST BUILD_MAP LOAD_NAME DICT_MERGE CALL_FUNCTION_EX "
          "POP_TOP LOAD_CONST RETURN_VALUE");
    CHECK(compiled("f(*a, k=1, **d)\n", py38) ==
          "RESUME PUSH_NULL LOAD_NAME LOAD_NAME BUILD_MAP LOAD_CONST LOAD_CONST BUILD_MAP DICT_MERGE LOAD_NAME "
          "DICT_MERGE CALL_FUNCTION_EX POP_TOP LOAD_CONST RETURN_VALUE");
}

TEST_CASE("a long display is grown item by item from 3.10, built at once to 3.9", "[compiler]") {
    std::string items;
    for (int i = 0; i < 31; ++i) items += "a, ";
    auto compiled = [&](const std::string& source, const lang::CompileOptions& options) {
        lang::CompileResult r = lang::compile(source, "t.py", options);
        REQUIRE(r.code);
        return opcodes(*r.code);
    };
    std::string appends;
    for (int i = 0; i < 31; ++i) appends += "LOAD_NAME LIST_APPEND ";
    std::string loads;
    for (int i = 0; i < 31; ++i) loads += "LOAD_NAME ";
    CHECK(compiled("x = [" + items + "]\n", {}) ==
          "RESUME BUILD_LIST " + appends + "STORE_NAME LOAD_CONST RETURN_VALUE");
    CHECK(compiled("x = (" + items + ")\n", {}) ==
          "RESUME BUILD_LIST " + appends + "LIST_TO_TUPLE STORE_NAME LOAD_CONST RETURN_VALUE");
    CHECK(compiled("x = [" + items + "]\n", {.long_displays_grown = false}) ==
          "RESUME " + loads + "BUILD_LIST STORE_NAME LOAD_CONST RETURN_VALUE");
    // A dict display of more than 16 items: runs of 17 from 3.10, one
    // BUILD_MAP to 3.9.
    std::string pairs, pair_loads;
    for (int i = 0; i < 20; ++i) pairs += "a: a, ", pair_loads += "LOAD_NAME LOAD_NAME ";
    CHECK(compiled("x = {" + pairs + "}\n", {.long_displays_grown = false}) ==
          "RESUME " + pair_loads + "BUILD_MAP STORE_NAME LOAD_CONST RETURN_VALUE");
    CHECK(compiled("x = {" + pairs + "}\n", {}).find("DICT_UPDATE") != std::string::npos);
    // 30 items stay on the stack on every version.
    CHECK(compiled("x = [" + items.substr(3) + "]\n", {}) ==
          "RESUME " + loads.substr(10) + "BUILD_LIST STORE_NAME LOAD_CONST RETURN_VALUE");
}

TEST_CASE("a statement of no code keeps its line where CPython's NOP was", "[compiler]") {
    // `pass` and a constant expression compile to no instruction; the
    // assembler keeps where they were (the compile replay's 3.10 line
    // tables), and a trailing one changes neither the implicit return nor
    // a jump to the end.
    auto code = compile_ok(
        "class A:\n"
        "    pass\n"
        "def f(x):\n"
        "    if x:\n"
        "        return 1\n"
        "    pass\n"
        "def g():\n"
        "    x = 1\n"
        "    'doc'\n");
    auto nop = [&](const char* name) {
        const lang::Code* nested_code = nested(*code, name);
        REQUIRE(nested_code);
        REQUIRE(nested_code->nop_lines.size() == 1);
        return std::make_pair(nested_code->nop_lines[0], opcodes(*nested_code));
    };
    auto [a, a_ops] = nop("A");
    CHECK(a.line == 2);
    CHECK(a.before == 5);  // before the class body's LOAD_CONST None
    CHECK(a_ops == "RESUME LOAD_NAME STORE_NAME LOAD_CONST STORE_NAME LOAD_CONST RETURN_VALUE");
    auto [f, f_ops] = nop("f");
    CHECK(f.line == 6);
    CHECK(f_ops == "RESUME LOAD_FAST POP_JUMP_IF_FALSE LOAD_CONST RETURN_VALUE LOAD_CONST RETURN_VALUE");
    auto [g, g_ops] = nop("g");
    CHECK(g.line == 9);
    CHECK(g_ops == "RESUME LOAD_CONST STORE_FAST LOAD_CONST RETURN_VALUE");
}

TEST_CASE("a pattern's captures: 3.11 stores a function's in the order its optimizer leaves", "[compiler]") {
    const std::string source = "def f(s):\n    match s:\n        case (first, *_, last):\n            pass\n";
    auto stores = [](const lang::Code& code) {
        std::string names;
        for (const lang::Instruction& in : code.instructions)
            if (in.op == lang::Opcode::STORE_FAST) names += code.varnames[in.arg] + " ";
        return names;
    };
    // the SWAPs that kept `first` under the subject become the stores' order
    CHECK(stores(*test::nested(*compile_ok(source), "f")) == "last first ");
    CHECK(stores(*test::nested(*compile_ok(source, {.static_pattern_swaps = false}), "f")) == "first last ");
    // MATCH_CLASS's attributes are unpacked; `_` is popped, not stored
    CHECK(
        opcodes(
            *test::nested(*compile_ok("def g(s):\n    match s:\n        case P(_, y=1):\n            pass\n"), "g")) ==
        "RESUME LOAD_FAST LOAD_GLOBAL LOAD_CONST MATCH_CLASS COPY POP_JUMP_IF_NONE UNPACK_SEQUENCE POP_TOP LOAD_CONST "
        "COMPARE_OP POP_JUMP_IF_FALSE JUMP_FORWARD POP_TOP LOAD_CONST RETURN_VALUE");
}
