// _sre (backends/vm/modules/sre*.cpp) given the code lists a real
// interpreter's own re compiler makes, at test time: each program runs on
// that interpreter and on the model with its profile, and the outputs must
// be equal. The random differential test is tests/vm/sre/.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/vm_runtime.hpp"

namespace {

namespace fs = std::filesystem;

// A real interpreter and the profile recorded from it.
struct Real {
    fs::path binary;
    const char* profile;
};
const Real kDebian311{"/usr/bin/python3.11", "cpython-3.11.2"};
Real pyenv_39() {
    return {fs::path(std::getenv("HOME") ? std::getenv("HOME") : "/") / ".pyenv/versions/3.9.18/bin/python3.9",
            "cpython-3.9"};
}

// stdout of `source` run by `python -S`.
std::string run_real(const fs::path& python, const std::string& source) {
    fs::path file = fs::temp_directory_path() / ("sre_test_" + std::to_string(::getpid()) + ".py");
    std::ofstream(file) << source;
    std::string command = "PYTHONIOENCODING=utf-8 " + python.string() + " -S " + file.string();
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
        REQUIRE(::pclose(pipe) == 0);
    }
    fs::remove(file);
    return output;
}

// Python that prints, for each (name, pattern, flags), the line
// `name = _sre.compile(...)` with what the interpreter's re.compile gives
// _sre.compile.
const char* const kCompileArgs = R"py(
try:
    from re import _compiler as compiler, _parser as parser
except ImportError:
    import sre_compile as compiler, sre_parse as parser
for name, pattern, flags in PATTERNS:
    p = parser.parse(pattern, flags)
    code = compiler._code(p, flags)
    index = dict(p.state.groupdict)
    names = [None] * p.state.groups
    for k, i in index.items():
        names[i] = k
    args = (pattern, flags | p.state.flags, [int(c) for c in code], p.state.groups - 1, index, tuple(names))
    print("%s = _sre.compile(*%r)" % (name, args))
)py";

// `program` after the compiled patterns, run on `real` and on the model
// with its profile: the two outputs, or nothing when `real` is not here.
std::pair<std::string, std::string> both(const Real& real, const std::string& patterns, const std::string& program) {
    if (!fs::exists(real.binary)) {
        WARN(real.binary.string() << " is not installed: not compared");
        return {};
    }
    std::string compiled = run_real(real.binary, "PATTERNS = " + patterns + kCompileArgs);
    std::string source = "import _sre\n" + compiled + program;
    std::string expected = run_real(real.binary, source);
    vm::Profile profile = test::load_profile(real.profile);
    test::Outcome model = test::run_program(source, nullptr, &profile);
    CHECK(model.status == 0);
    CHECK(!expected.empty());
    return {expected, model.output};
}

}  // namespace

TEST_CASE("_sre: Unicode classes, backreferences, named groups and lookarounds as CPython", "[vm][sre]") {
    // The wrong answers of pymodel's own re before _sre (issue 58).
    auto [expected, actual] = both(kDebian311, R"py([
    ("space", r"\s", 32), ("digit", r"\d", 32), ("backref", r"(a)\1", 32),
    ("named", r"(?P<word>\w+)(?=!)", 32), ("behind", r"(?<=a)b", 32), ("group", "(a)", 32),
    ("atomic", r"(?>a+)ab", 32), ("possessive", r"a*+b", 32), ("caseless", r"(?i)k\u03c3", 32)])py",
                                   R"py(
print(space.search("a\xa0b"), digit.search("\u0663"))
print(backref.search("xaa").span(), backref.search("xab"))
m = named.search("hi there!")
print(m.groupdict(), m.lastgroup, m["word"], m.span("word"), m.groups(), m.group(0, 1))
print(behind.findall("bab ab b"), hasattr(group.match("a"), "groups"))
print(atomic.match("aaab"), possessive.match("aab"), caseless.findall("\u212a\u03a3 k\u03c2"))
print([m.span() for m in named.finditer("a! bc!")], group.sub(lambda m: "<" + m.group() + ">", "banana"), group.split("banana"))
)py");
    CHECK(actual == expected);
}

TEST_CASE("_sre: a deep backtracking match costs memory, not the C++ stack", "[vm][sre]") {
    // Each repetition is a frame of the engine's own stack, as CPython's.
    auto [expected, actual] =
        both(kDebian311, R"py([("greedy", "(?:ab|cd)*e", 32), ("lazy", "(?:ab|cd)*?e", 32)])py", R"py(
text = "abcd" * 50000 + "e"
print(greedy.match(text).span(), lazy.match(text).span(), greedy.match(text[:-1]))
)py");
    CHECK(actual == expected);
}

TEST_CASE("_sre: invalid code is refused as CPython refuses it", "[vm][sre]") {
    auto [expected, actual] = both(kDebian311, "[]", R"py(
for bad in [[14, 4, 0, 1], [1, 2**32], [99, 1], [17, 0, 1]]:
    try:
        _sre.compile("x", 0, bad, 0, {}, ())
    except Exception as e:
        print(type(e).__name__, e)
)py");
    CHECK(actual == expected);
}

TEST_CASE("_sre: patterns and matches are collected objects from 3.10, with CPython's sizes", "[vm][sre]") {
    const char* program = R"py(import gc, sys
m = group.match("a")
print(gc.is_tracked(group), gc.is_tracked(m), sys.getsizeof(group), sys.getsizeof(m))
print(sys.getsizeof(group.scanner("a")), gc.is_tracked(group.scanner("a")))
)py";
    const char* patterns = R"py([("group", "(a)", 32)])py";
    for (const Real& real : {kDebian311, pyenv_39()}) {
        auto [expected, actual] = both(real, patterns, program);
        CHECK(actual == expected);
    }
}

TEST_CASE("pymodel's own re, until the real one runs: Unicode classes and CPython's reprs", "[vm][sre]") {
    auto [expected, actual] = both(kDebian311, "[]", R"py(
import re
print(re.search(r"\s", "a\xa0b"), re.search(r"\d+", "x1\u0663\xb2"), re.search(r"\S+", "\u2028\x1cb c"))
print(re.match(r".*", "x" * 60 + "'"), re.match(r"\w+\s\w+", "h\xe9llo\u2003w\xf6rld"))
print(re.compile("a'b"), re.compile("x", re.I | re.S), re.compile("x", re.M).flags)
)py");
    CHECK(actual == expected);
}
