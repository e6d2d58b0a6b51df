#include "runner/registry.hpp"
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::testing;

namespace {

Registry load(const Scratch& dir, std::string_view toml) {
    return load_registry(dir.write("backends.toml", toml), base_vars(dir.path(), dir.path() / "build"));
}

Backend probed(const Scratch& dir, std::string_view toml, std::string_view name) {
    auto registry = load(dir, toml);
    REQUIRE(registry.problems.empty());
    Backend* b = registry.find(name);
    REQUIRE(b);
    probe(*b, base_vars(dir.path(), dir.path() / "build"));
    return *b;
}

// The registry's problems as FILE:LINE: MESSAGE, FILE without its folder.
std::vector<std::string> located(const Registry& registry) {
    std::vector<std::string> seen;
    for (const auto& d : registry.problems)
        seen.push_back(fmt::format("{}:{}: {}", d.file.filename().string(), d.line, d.message));
    return seen;
}

}  // namespace

TEST_CASE("the project's registry declares every backend of the issue", "[registry]") {
    auto root = fs::path(FIXTURES).parent_path().parent_path().parent_path();
    auto registry = load_registry(root / "backends.toml", base_vars(root, root / "build"));
    CHECK(registry.problems.empty());
    for (auto name : {"python3", "pypy3", "pyodide", "jython", "pymodel-cpython-3.11", "pymodel-pypy-7.3"})
        CHECK(registry.find(name));
    CHECK(registry.find("pymodel-pypy-7.3")->kind == BackendKind::Model);
    CHECK(registry.find("pypy3")->env.at("PYPY_GC_NURSERY") == "1M");
    CHECK(registry.backends.front().name == "python3");  // file order
    for (auto name : {"pymodel-cpython-3.11", "pymodel-pypy-7.3"})
        CHECK_THAT(registry.find(name)->explain, Catch::Contains("--explain={trace}"));
    CHECK(registry.find("python3")->explain.empty());
}

TEST_CASE("a backend's explain command runs a case when a trace is asked for", "[registry]") {
    Scratch dir;
    auto b = probed(dir, R"(
[backend.m]
kind = "model"
command = "{root}/m {case}"
explain = "{root}/m --explain={trace} {case}"
version = "true"
profile = "p"
)",
                    "m");
    auto root = dir.path().string();
    CHECK(case_command(b, "/c/x.py") == std::vector<std::string>{root + "/m", "/c/x.py"});
    CHECK(case_command(b, "/c/x.py", "/t/trace") ==
          std::vector<std::string>{root + "/m", "--explain=/t/trace", "/c/x.py"});
}

TEST_CASE("a backend's profile comes from its version answer", "[registry]") {
    Scratch dir;
    auto b = probed(dir, R"(
[backend.echo]
kind = "real"
command = "echo {case}"
version = "echo 'Fancy 4.2.9 (build)'"
version_match = 'Fancy (\d+)\.(\d+)'
profile = "fancy-{version.1}.{version.2}"
)",
                    "echo");
    CHECK(b.available);
    CHECK(b.reason.empty());
    CHECK(b.version == "Fancy 4.2.9 (build)");
    CHECK(b.profile == "fancy-4.2");
    CHECK(case_command(b, "/tmp/x y/a.py") == std::vector<std::string>{"echo", "/tmp/x y/a.py"});
}

TEST_CASE("a version answer names its Python version", "[registry]") {
    CHECK(python_version("Python 3.11.2 (main, Oct  7 2026, 12:35:07) [GCC 12.2.0]") == "3.11.2");
    CHECK(python_version("Python 3.9.16 (7.3.11+dfsg-2+deb12u3, Dec 30 2024) [PyPy 7.3.11]") == "3.9.16");
    CHECK(python_version("Python 3.14.2") == "3.14.2");
    CHECK(python_version("Jython 2.7") == "");
}

TEST_CASE("fuzz's default model starts as the real interpreter does", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[backend.real]
kind = "real"
command = "true {case}"
version = "echo 'Python 3.11.2 (main) [GCC]'"
version_match = 'Python (\d+)\.(\d+)'
profile = "cpython-{version.1}.{version.2}"

[backend.other-profile]
kind = "model"
command = "true {case}"
version = "echo 'Python 3.11.2'"
profile = "cpython-3.12"

[backend.other-start]
kind = "model"
command = "true {case}"
version = "echo 'Python 3.11.7'"
profile = "cpython-3.11"

[backend.missing]
kind = "model"
command = "{root}/absent {case}"
version = "echo 'Python 3.11.2'"
profile = "cpython-3.11"

[backend.same-start]
kind = "model"
command = "true {case}"
version = "echo 'Python 3.11.2'"
profile = "cpython-3.11"
)");
    REQUIRE(registry.problems.empty());
    auto vars = base_vars(dir.path(), dir.path() / "build");
    Backend& real = *registry.find("real");
    probe(real, vars);
    REQUIRE(real.profile == "cpython-3.11");
    const Backend* model = model_starting_as(registry, real, vars);
    REQUIRE(model);
    CHECK(model->name == "same-start");

    registry.find("same-start")->version_command = "echo 'Python 3.11.4'";
    CHECK_FALSE(model_starting_as(registry, real, vars));
}

TEST_CASE("an unavailable backend says why", "[registry]") {
    Scratch dir;
    auto entry = [](std::string command, std::string version, std::string extra = "") {
        return "[backend.b]\nkind = \"model\"\nprofile = \"p\"\ncommand = \"" + command + "\"\nversion = \"" + version +
               "\"\n" + extra;
    };
    CHECK(probed(dir, entry("no-such-program-here {case}", "true"), "b").reason ==
          "`no-such-program-here` is not on PATH");
    CHECK(probed(dir, entry("{build}/backends/pymodel {case}", "true"), "b").reason ==
          "`" + (dir.path() / "build/backends/pymodel").string() + "` does not exist");
    CHECK(probed(dir, entry("true {case}", "sh -c 'echo broken; exit 3'"), "b").reason ==
          "version query `sh -c 'echo broken; exit 3'` failed: broken");
    CHECK(probed(dir, entry("true {case}", "echo 1.0", "version_match = 'PyPy'\n"), "b").reason ==
          "version answer `1.0` does not match `PyPy`");
    auto missing =
        probed(dir, entry("true {case}", "true", "requires = ['{root}/gone']\ninstall = 'make gone'\n"), "b");
    CHECK_FALSE(missing.available);
    CHECK(missing.reason == "missing " + (dir.path() / "gone").string() + " (to get it: make gone)");
}

TEST_CASE("a discovery rule makes one backend per matching line", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[[discover]]
list = "printf 'system\n3.8.18\n3.12.1\n'"
match = '(\d+)\.(\d+)\.\d+'
let = { prefix = "echo /opt/py" }
name = "cpython-{match.1}.{match.2}"
kind = "real"
command = "{prefix}/{match.0}/bin/python -u {case}"
version = "{prefix}/{match.0}/bin/python -VV"
profile = "cpython-{match.1}.{match.2}"
)");
    REQUIRE(registry.problems.empty());
    REQUIRE(registry.backends.size() == 2);
    CHECK(registry.backends[0].name == "cpython-3.8");
    CHECK(registry.backends[1].command == "/opt/py/3.12.1/bin/python -u {case}");
    CHECK(registry.backends[1].profile == "cpython-3.12");
    REQUIRE(registry.notes.size() == 1);
    CHECK_THAT(registry.notes[0], Catch::EndsWith("gave cpython-3.8, cpython-3.12"));
}

TEST_CASE("discovery runs only when a backend named may come from it", "[registry]") {
    Scratch dir;
    std::string toml = R"(
[backend.a]
kind = "model"
command = "a {case}"
version = "a"
profile = "p"

[[discover]]
list = "echo 3.8.18"
match = '(\d+)\.(\d+)\.\d+'
name = "cpython-{match.1}.{match.2}"
kind = "real"
command = "python {case}"
version = "python -VV"
profile = "cpython-{match.1}.{match.2}"
)";
    auto file = dir.write("backends.toml", toml);
    auto base = base_vars(dir.path(), dir.path() / "build");
    auto declared_only = load_registry(file, base, {"a"});
    CHECK(declared_only.problems.empty());
    CHECK_FALSE(declared_only.find("cpython-3.8"));
    REQUIRE(declared_only.notes.size() == 1);
    CHECK_THAT(declared_only.notes[0], Catch::Contains("not run"));
    using Names = std::vector<std::string>;
    for (const Names& named : {Names{}, Names{"a", "cpython-3.8"}, Names{"cpython-3.9"}}) {
        auto registry = load_registry(file, base, named);
        CHECK(registry.find("cpython-3.8"));
    }
    // A rule that does not run still has its keys checked.
    toml.erase(toml.find("list = "), std::string_view("list = \"echo 3.8.18\"\n").size());
    auto unchecked = load_registry(dir.write("backends.toml", toml), base, {"a"});
    REQUIRE(unchecked.problems.size() == 1);
    CHECK_THAT(unchecked.problems[0].message, Catch::Contains("missing `list`"));
}

TEST_CASE("a discovery rule whose command fails discovers nothing, without error", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[[discover]]
list = "no-such-version-manager versions"
match = '.*'
name = "x-{match.0}"
kind = "real"
command = "x {case}"
version = "x"
profile = "x"
)");
    CHECK(registry.problems.empty());
    CHECK(registry.backends.empty());
    REQUIRE(registry.notes.size() == 1);
    CHECK_THAT(registry.notes[0], Catch::Contains("nothing discovered"));
}

TEST_CASE("malformed backends.toml entries are errors with their line", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[backend.a]
kind = "interpreter"
command = "a {case}"
version = "a"
profile = "p"
colour = "blue"

[backend.b]
kind = "real"
command = "b {case}"
version_match = '('

[backend.c]
kind = "real"
command = "c {case}"
version = "c"
profile = "p"
timeout = 1e10
memory_limit = -1

[backend.d]
kind = "model"
command = "d {case}"
explain = "d --explain {case}"
version = "d"
profile = "p"
)");
    std::vector<std::string> seen;
    for (const auto& d : registry.problems)  // without the regex library's own words
        seen.push_back(std::to_string(d.line) + ": " + d.message.substr(0, d.message.find(": ")));
    CHECK_THAT(seen, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                         "7: unknown key `colour`",
                         "3: `kind` is \"real\" or \"model\"",
                         "9: missing `profile`",
                         "9: missing `version`",
                         "12: `version_match` is not a regular expression",
                         "19: `timeout` must be a number more than 0 and at most 86400",
                         "20: `memory_limit` must be a number more than 0 and at most 1073741824",
                         "25: `explain` must contain {trace}, where the trace file goes",
                     }));
    CHECK(registry.backends.empty());
}

TEST_CASE("a backend that cannot run as written is an error with its line, not a backend not installed", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[backend.unclosed]
kind = "real"
command = "python3 -c 'print(1) {case}"
version = "python3 -V"
profile = "p"

[backend.empty]
kind = "real"
command = "  "
version = "python3 -V"
profile = "p"

[backend.unknown]
kind = "real"
command = "python3 {case} {version.7}"
version = "python3 -V"
version_match = 'Python (\d+)\.(\d+)'
profile = "p-{version.2}"
env = { HOME = "{home}" }

[backend.query]
kind = "real"
command = "python3 {case}"
version = "python3 -c 'import sys"
profile = "p"

[backend.no_case]
kind = "real"
command = "python3 -u"
version = ""
profile = "p-{version.1}"
requires = ["{version.1}/lib"]

[backend.braces]
kind = "real"
command = "python3 -c 'd = {}; print({1})' {case}"
version = "python3 -V"
version_match = 'Python (\d+)'
profile = "p-{version.1}"
)");
    CHECK_THAT(located(registry),
               Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                   "backends.toml:4: `command`: unclosed ' in: python3 -c 'print(1) {case}",
                   "backends.toml:10: `command` is empty",
                   "backends.toml:16: `command` uses {version.7}, which is no placeholder here; it may use "
                   "{build}, {case}, {root}, {version.0} to {version.2} (version_match's groups)",
                   "backends.toml:20: `env` uses {home}, which is no placeholder here; it may use {build}, {root}, "
                   "{version.0} to {version.2} (version_match's groups)",
                   "backends.toml:25: `version`: unclosed ' in: python3 -c 'import sys",
                   "backends.toml:30: `command` must contain {case}, where the case file goes",
                   "backends.toml:31: `version` is empty",
                   "backends.toml:32: `profile` uses {version.1}, which is no placeholder here; it may use "
                   "{build}, {root}",
                   "backends.toml:33: `requires` uses {version.1}, which is no placeholder here; it may use "
                   "{build}, {root}",
               }));
    REQUIRE(registry.backends.size() == 1);
    CHECK(registry.backends[0].name == "braces");  // `{}` and `{1}` are a program's, not placeholders
}

TEST_CASE("a discovery rule's templates are checked before any of its commands runs", "[registry]") {
    Scratch dir;
    auto registry = load(dir, R"(
[[discover]]
list = "no-such-version-manager 'versions"
match = '(\d+)\.(\d+)'
let = { prefix = "echo /opt" }
name = "cpython-{match.1}.{match.2}"
kind = "real"
command = "{prefix}/{match.0}/{match.3}/python {case}"
version = "{prefix}/python -VV"
profile = "cpython-{match.1}"
)");
    CHECK_THAT(
        located(registry),
        Catch::Matchers::UnorderedEquals(std::vector<std::string>{
            "backends.toml:3: `list`: unclosed ' in: no-such-version-manager 'versions",
            "backends.toml:8: `command` uses {match.3}, which is no placeholder here; it may use {build}, {case}, "
            "{root}",
        }));
    CHECK(registry.notes.empty());  // nothing ran
}

TEST_CASE("a --backend argument is read once into its parts", "[registry]") {
    auto named = parse_backend_spec("pypy3");
    CHECK(named.name == "pypy3");
    CHECK(named.profile.empty());
    CHECK_FALSE(named.command);
    auto profiled = parse_backend_spec("micropython:cpython-3.12");
    CHECK(profiled.name == "micropython");
    CHECK(profiled.profile == "cpython-3.12");
    CHECK_FALSE(profiled.command);
    // The command keeps its own ':' and '='.
    auto own = parse_backend_spec("rt:pypy-7.3=rt -X a=b:c {case}");
    CHECK(own.name == "rt");
    CHECK(own.profile == "pypy-7.3");
    CHECK(own.command == "rt -X a=b:c {case}");
}

TEST_CASE("a backend named on the command line", "[registry]") {
    auto b = adhoc_backend("myrt=./myrt --fast {case}");
    CHECK(b.name == "myrt");
    CHECK(b.profile == "cpython-3.11");
    CHECK(b.kind == BackendKind::Real);
    CHECK(adhoc_backend("myrt:pypy-7.3=myrt {case}").profile == "pypy-7.3");
    CHECK_THROWS_WITH(adhoc_backend("myrt"), Catch::Contains("NAME[:PROFILE]=COMMAND"));
    CHECK_THROWS_WITH(adhoc_backend("myrt=myrt"),
                      "--backend myrt: `command` must contain {case}, where the case file goes");
    CHECK_THROWS_WITH(adhoc_backend("myrt=myrt '{case}"), Catch::Contains("--backend myrt: `command`: unclosed '"));
    CHECK_THROWS_WITH(adhoc_backend("myrt=myrt {version.1} {case}"),
                      "--backend myrt: `command` uses {version.1}, which is no placeholder here; it may use {build}, "
                      "{case}, {root}");
    CHECK_THROWS_WITH(adhoc_backend("a/b=x {case}"), Catch::Contains("letters, digits"));
}

TEST_CASE("a backend's own limits override the defaults", "[registry]") {
    Backend b;
    Limits defaults;
    CHECK(limits_for(b, defaults).timeout == defaults.timeout);
    b.timeout_seconds = 30;
    b.memory_mib = 4096;
    CHECK(limits_for(b, defaults).timeout == std::chrono::seconds(30));
    CHECK(limits_for(b, defaults).memory_mib == 4096);
}
