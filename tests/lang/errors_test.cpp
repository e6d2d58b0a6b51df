// Diagnostics: each kind of syntax error against what CPython 3.11 printed
// for it (tests/lang/errors/NAME.expected, recorded by record-errors.sh),
// constructs outside the subset, and input that must not crash.
#include <catch2/catch.hpp>

#include "support.hpp"

using test::diagnose;

TEST_CASE("syntax errors and warnings read as CPython 3.11's", "[errors]") {
    auto files = test::files_in(test::test_dir("errors"), ".py");
    REQUIRE(files.size() >= 60);
    for (const auto& file : files) {
        SECTION(file.filename().string()) {
            std::string source = test::read_file(file);
            std::string expected = test::read_file(file.parent_path() / (file.stem().string() + ".expected"));
            std::string name = file.filename().string();
            lang::CompileResult result = lang::compile(source, name);
            std::string actual;
            for (const lang::Warning& w : result.warnings) actual += lang::format_warning(w, name, source);
            if (result.diagnostic) actual += lang::format_diagnostic(*result.diagnostic, source);
            int status = result.diagnostic ? lang::exit_status(*result.diagnostic) : 0;
            CHECK(actual + "[exit " + std::to_string(status) + "]\n" == expected);
        }
    }
}

TEST_CASE("constructs outside the subset are reported with their position", "[errors]") {
    struct Case {
        const char* source;
        const char* expected;
    };
    const Case cases[] = {
        {"def f():\n    async for x in y: pass\n", "'async for' outside an async function at t.py:2:5"},
        {"def f():\n    async with x: pass\n", "'async with' outside an async function at t.py:2:5"},
        {"def f():\n    await x\n", "'await' outside an async function at t.py:2:5"},
        {"async def f():\n    return [await x for x in y]\n", "'await' outside an async function at t.py:2:13"},
        {"async def f():\n    yield from x\n", "'yield from' inside an async function at t.py:2:5"},
        {"async def f():\n    yield 1\n    return 2\n", "'return' with a value in an async generator at t.py:3:5"},
        {"x = [y := 1 for _ in r]\n", "assignment expression (':=') in a comprehension at t.py:1:6"},
        {"class A(*bases): pass\n", "unpacking in a class definition at t.py:1:1"},
        {"x = f'{y!a}'\n", "'!a' conversion in an f-string at t.py:1:5"},
        {"x = f'{y=}'\n", "'=' in an f-string replacement field at t.py:1:5"},
        {"x = '\\N{BULLET}'\n", "named unicode escape ('\\N{...}') at t.py:1:5"},
        {"try:\n    pass\nexcept* E:\n    pass\n", "'except*' at t.py:3:1"},
    };
    for (const Case& c : cases) {
        INFO(c.source);
        lang::CompileResult result = lang::compile(c.source, "t.py");
        REQUIRE(result.diagnostic);
        CHECK(lang::format_diagnostic(*result.diagnostic, c.source) ==
              std::string("pymodel: unsupported: ") + c.expected + "\n");
        CHECK(lang::exit_status(*result.diagnostic) == 3);
    }
}

TEST_CASE("the match statement is unsupported where it is a SyntaxError", "[errors]") {
    const char* source = "match x:\n    case 1:\n        pass\n";
    CHECK(lang::compile(source, "t.py").code);
    lang::CompileResult r = lang::compile(source, "t.py", {.match_statement = false});
    REQUIRE(r.diagnostic);
    CHECK(lang::format_diagnostic(*r.diagnostic, source) ==
          "pymodel: unsupported: 'match' statement on a runtime where it is a SyntaxError at t.py:1:1\n");
    CHECK(lang::exit_status(*r.diagnostic) == 3);
    // 3.10's class and mapping patterns make other temporaries than 3.11's
    const char* mapping = "match x:\n    case {'k': 1}:\n        pass\n";
    r = lang::compile(mapping, "t.py", {.class_and_mapping_patterns = false});
    REQUIRE(r.diagnostic);
    CHECK(lang::format_diagnostic(*r.diagnostic, mapping) ==
          "pymodel: unsupported: on CPython 3.10 (whose temporaries the model does not make), a mapping pattern with "
          "keys or **rest at t.py:2:10\n");
    CHECK(
        lang::compile("match x:\n    case [a, *b] | (1 as a, *b):\n        pass\n    case {} | str():\n        pass\n",
                      "t.py", {.class_and_mapping_patterns = false})
            .code);
}

TEST_CASE("star-unpacking in a display is unsupported only on 3.8", "[errors]") {
    lang::CompileOptions py38{.displays_extended = false};
    for (const char* source : {"x = [*a, 1]\n", "d = {**a}\n"}) {
        INFO(source);
        CHECK(lang::compile(source, "t.py").code);
        lang::CompileResult r = lang::compile(source, "t.py", py38);
        REQUIRE(r.diagnostic);
        CHECK(lang::exit_status(*r.diagnostic) == 3);
    }
    CHECK(lang::format_diagnostic(*lang::compile("x = (1, *a)\n", "t.py", py38).diagnostic, "x = (1, *a)\n") ==
          "pymodel: unsupported: star-unpacking in a display on CPython 3.8 (BUILD_LIST_UNPACK) at t.py:1:9\n");
}

TEST_CASE("a keyword named twice is a SyntaxError, two **mappings are not", "[errors]") {
    CHECK(lang::compile("f(**a, **b)\nf(**a, x=1, **b)\n", "t.py").code);
    CHECK(diagnose("f(x=1, **a, x=2)\n").find("SyntaxError: keyword argument repeated: x") != std::string::npos);
}

TEST_CASE("the first unsupported construct in the file is reported", "[errors]") {
    CHECK(diagnose("x = f'{y!a}'\ntry:\n    pass\nexcept* E:\n    pass\n") ==
          "pymodel: unsupported: '!a' conversion in an f-string at t.py:1:5\n");
}

TEST_CASE("a syntax error anywhere wins over an unsupported construct", "[errors]") {
    CHECK(diagnose("@dec\ndef f(): pass\nx = )\n").find("SyntaxError: unmatched ')'") != std::string::npos);
    CHECK(diagnose("x = f'{y!a}'\nreturn 1\n").find("SyntaxError: 'return' outside function") != std::string::npos);
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[errors]") {
    CHECK(diagnose("x = " + std::string(100000, '(') + "\n").find("too many nested parentheses") != std::string::npos);
    CHECK(diagnose("x = " + std::string(100000, '-') + "1\n") ==
          "RecursionError: maximum recursion depth exceeded during compilation\n");
    std::string chain = "x = a";
    for (int i = 0; i < 100000; ++i) chain += ".b";
    CHECK(diagnose(chain + "\n") == "RecursionError: maximum recursion depth exceeded during compilation\n");
    std::string sum = "x = 1";
    for (int i = 0; i < 100000; ++i) sum += "+1";
    CHECK(diagnose(sum + "\n") == "RecursionError: maximum recursion depth exceeded during compilation\n");
    std::string calls = "x = f";
    for (int i = 0; i < 50000; ++i) calls += "()";
    CHECK(diagnose(calls + "\n") == "RecursionError: maximum recursion depth exceeded during compilation\n");
    std::string ifs;
    for (int i = 0; i < 10000; ++i) ifs += std::string(i, ' ') + "if x:\n";
    CHECK(diagnose(ifs).find("IndentationError: too many levels of indentation") != std::string::npos);
    std::string lambdas = "f = ";
    for (int i = 0; i < 20000; ++i) lambdas += "lambda: ";
    CHECK(diagnose(lambdas + "1\n") == "RecursionError: maximum recursion depth exceeded during compilation\n");
}

TEST_CASE("nesting CPython accepts is accepted", "[errors]") {
    test::compile_ok("x = " + std::string(199, '[') + std::string(199, ']') + "\n");
    std::string sum = "x = 1";
    for (int i = 0; i < 900; ++i) sum += "+1";
    test::compile_ok(sum + "\n");
}

TEST_CASE("inputs the fuzzer found crashing compile or fail cleanly", "[errors][fuzz]") {
    auto files = test::files_in(test::test_dir("fuzz-regressions"), ".py");
    REQUIRE(!files.empty());
    for (const auto& file : files) {
        INFO(file.filename().string());
        std::string source = test::read_file(file);
        lang::CompileResult result = lang::compile(source, "t.py");
        CHECK((result.code != nullptr) != result.diagnostic.has_value());
    }
}

TEST_CASE("with () is an empty tuple as context manager, not an empty item list", "[errors][fuzz]") {
    test::compile_ok("with ():\n    pass\n");
}
