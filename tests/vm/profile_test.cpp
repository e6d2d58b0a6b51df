// Runtime profiles: the TOML files and their errors.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>

#include "vm/profile.hpp"

#include <toml++/toml.h>

TEST_CASE("the cpython-3.11 profile loads", "[profile]") {
    std::string error;
    auto p = vm::Profile::load(PROFILES_DIR, "cpython-3.11", error);
    REQUIRE(p);
    CHECK(error.empty());
    CHECK(p->manager == "refcount");
    CHECK(p->implementation_name == "cpython");
    CHECK(p->platform == "linux");
    CHECK(p->version_info == std::array<int, 3>{3, 11, 7});
    CHECK(p->recursion_limit == 1000);
}

TEST_CASE("the cpython-3.14 profile is 3.13's with the incremental era's changes", "[profile]") {
    std::string error;
    auto p = vm::Profile::load(PROFILES_DIR, "cpython-3.14", error);
    auto base = vm::Profile::load(PROFILES_DIR, "cpython-3.13", error);
    REQUIRE(p);
    REQUIRE(base);
    CHECK(p->version_info == std::array<int, 3>{3, 14, 2});
    CHECK(p->platform == "emscripten");
    CHECK(p->gc_thresholds == std::array<int, 3>{2000, 10, 0});
    CHECK(p->gc_settable_thresholds == 2);
    CHECK(base->gc_settable_thresholds == 3);
    CHECK(p->clear_locals_backwards);
    CHECK_FALSE(base->clear_locals_backwards);
    CHECK(p->gc_collect_at_eval_breaker == base->gc_collect_at_eval_breaker);  // inherited
    CHECK(p->gc_incremental);
    CHECK_FALSE(base->gc_incremental);
    CHECK_FALSE(p->pymalloc);  // `pymalloc = false` replaces 3.13's table: Emscripten's build has none
    CHECK(base->pymalloc);
    CHECK(p->sizes);
}

TEST_CASE("a profile's errno numbers: Pyodide's are Emscripten's", "[profile]") {
    std::string error;
    auto p = vm::Profile::load(PROFILES_DIR, "cpython-3.14", error);
    auto base = vm::Profile::load(PROFILES_DIR, "cpython-3.13", error);
    REQUIRE(p);
    REQUIRE(base);
    CHECK(p->modeled_errno(ENOENT) == 44);
    CHECK(p->host_errno(44) == ENOENT);
    CHECK(p->host_errno(2) == EACCES);  // Emscripten's 2 is EACCES
    CHECK(p->host_errno(EACCES) == -1);  // the host's EACCES number is no errno there
    CHECK(base->modeled_errno(ENOENT) == ENOENT);
    CHECK(base->host_errno(ENOENT) == ENOENT);
}

TEST_CASE("every shipped profile loads, and its import traces and names parse", "[profile]") {
    // A profile indexes its traces when it loads and parses a module's the
    // first time it is imported, and reads its names the first time a
    // lookup fails: a malformed file must not wait for a program that
    // imports it or misses a name to be found.
    int profiles = 0, traced = 0;
    for (const auto& entry : std::filesystem::directory_iterator(PROFILES_DIR)) {
        if (entry.path().extension() != ".toml") continue;
        std::string error;
        auto p = vm::Profile::load(PROFILES_DIR, entry.path().stem().string(), error);
        INFO(entry.path() << ": " << error);
        REQUIRE(p);
        ++profiles;
        CHECK(p->import_traces.check(error));
        if (p->import_traces.size() > 0) ++traced;
        CHECK_NOTHROW(p->runtime_names());
        CHECK(p->runtime_names().has("builtins", "print"));  // every shipped profile names its runtime's
        CHECK_NOTHROW(p->call_errors());
        std::string message;
        CHECK(p->call_errors().arity("len", 2, message) == vm::CallErrors::Found::Message);  // and its call errors
        CHECK_NOTHROW(p->unicode_tables());
        CHECK(p->unicode_tables().check(error));
        CHECK(p->unicode_tables().has(lang::UnicodeTables::Set::Alpha, U'\u00e9'));  // and its Unicode tables
        CHECK_NOTHROW(p->startup_interned());
        CHECK(p->startup_interned().count("print"));  // and its interned strs
    }
    CHECK(profiles >= 9);
    CHECK(traced >= 7);  // every CPython profile but 3.14's (Pyodide cannot be traced) replays recorded traces
}

TEST_CASE("a profile is parsed without its comments, as the same document", "[profile]") {
    CHECK(vm::toml_without_comments("a = 1  # one\n# a line\n  b = [2, # two\n     3]\n") == "a = 1\n\nb = [2,\n3]\n");
    // A `#` in a string of any of the four kinds stays, and so does the
    // string's own layout.
    const std::string strings = R"(s = "x # \" # y" # c
l = 'p # q' # c
m = """a
  # b \""" c
"""" # c
r = '''x
  # y'''''  # c
)";
    CHECK(vm::toml_without_comments(strings) == R"(s = "x # \" # y"
l = 'p # q'
m = """a
  # b \""" c
""""
r = '''x
  # y'''''
)");
    CHECK(toml::parse(vm::toml_without_comments(strings)) == toml::parse(strings));
    // Every shipped profile: the same tables, values and types.
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(PROFILES_DIR)) {
        if (entry.path().extension() != ".toml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        INFO(entry.path());
        CHECK(toml::parse(vm::toml_without_comments(text)) == toml::parse(text));
        ++files;
    }
    CHECK(files >= 9);
}

TEST_CASE("a bad profile is a clear error", "[profile]") {
    std::string error;
    CHECK_FALSE(vm::Profile::load(PROFILES_DIR, "no-such-runtime", error));
    CHECK(error.find("no runtime profile 'no-such-runtime'") != std::string::npos);

    auto dir = std::filesystem::temp_directory_path() / "pymodel-profile-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "broken.toml") << "manager = 3\n";
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "broken", error));
    CHECK(error.find("missing key 'description'") != std::string::npos);
    std::ofstream(dir / "syntax.toml") << "manager = \n";
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "syntax", error));
    CHECK(error.find("syntax.toml") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the pypy-7.3 profile's flush list is one letter per slot", "[profile]") {
    std::string error;
    auto p = vm::Profile::load(PROFILES_DIR, "pypy-7.3", error);
    REQUIRE(p);
    CHECK(p->exit_flush_files);
    CHECK(p->flush_list.find_first_not_of("fdgl") == std::string::npos);

    std::ifstream in(std::filesystem::path(PROFILES_DIR) / "pypy-7.3.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find("flush_list = \"");
    REQUIRE(at != std::string::npos);
    text.replace(at, text.find('\n', at) - at, "flush_list = \"ffxl\"");
    auto dir = std::filesystem::temp_directory_path() / "pymodel-profile-flush-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "badletter.toml") << text;
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "badletter", error));
    CHECK(error.find("exit.flush_list") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the calls whose specialized instruction checks no eval breaker are named in the profile", "[profile]") {
    std::string error;
    auto p311 = vm::Profile::load(PROFILES_DIR, "cpython-3.11", error);
    auto p313 = vm::Profile::load(PROFILES_DIR, "cpython-3.13", error);
    REQUIRE(p311);
    REQUIRE(p313);
    CHECK(p311->gc_unchecked_call_forms == 0);
    for (vm::CallForm form :
         {vm::CallForm::Len, vm::CallForm::IsInstance, vm::CallForm::ListAppend, vm::CallForm::Type1})
        CHECK(p313->gc_unchecked_call_forms & (1u << static_cast<unsigned>(form)));  // inherited from 3.12
    CHECK_FALSE(p313->gc_unchecked_call_forms & (1u << static_cast<unsigned>(vm::CallForm::Other)));

    auto dir = std::filesystem::temp_directory_path() / "pymodel-profile-calls-test";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(std::filesystem::path(PROFILES_DIR) / "cpython-3.11.toml", dir / "base.toml",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(std::filesystem::path(PROFILES_DIR) / "cpython-3.11.imports",
                               dir / "cpython-3.11.imports", std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "typo.toml") << "extends = \"base\"\n[gc]\nunchecked_specialized_calls = [\"len\", \"lenn\"]\n";
    CHECK_FALSE(vm::Profile::load(dir, "typo", error));
    CHECK(error.find("gc.unchecked_specialized_calls: 'lenn' is not len, isinstance, list.append or type") !=
          std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a profile extends another: its tables merge key by key, its other values replace", "[profile]") {
    auto dir = std::filesystem::temp_directory_path() / "pymodel-profile-extends-test";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(std::filesystem::path(PROFILES_DIR) / "cpython-3.11.toml", dir / "base.toml",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(std::filesystem::path(PROFILES_DIR) / "cpython-3.11.imports",
                               dir / "cpython-3.11.imports", std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "child.toml") << "extends = \"base\"\nversion_line = \"Python 3.99.0\"\n"
                                         "[gc]\nthresholds = [2000, 10, 10]\n"
                                         "startup_free_lists = { dicts = 7 }\n";
    std::string error;
    auto base = vm::Profile::load(dir, "base", error);
    auto child = vm::Profile::load(dir, "child", error);
    REQUIRE(base);
    REQUIRE(child);
    CHECK(child->name == "child");
    CHECK(child->version_line == "Python 3.99.0");
    CHECK(child->gc_thresholds == std::array<int, 3>{2000, 10, 10});
    CHECK(child->gc_startup_free_lists.dicts == 7);
    CHECK(child->gc_startup_free_lists.lists == base->gc_startup_free_lists.lists);  // merged, not replaced
    CHECK(child->gc_names == base->gc_names);
    CHECK(child->import_traces.size() == base->import_traces.size());

    std::ofstream(dir / "loop.toml") << "extends = \"loop\"\n";
    CHECK_FALSE(vm::Profile::load(dir, "loop", error));
    CHECK(error.find("`extends` makes a loop through 'loop'") != std::string::npos);
    std::ofstream(dir / "orphan.toml") << "extends = \"missing\"\n";
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "orphan", error));
    CHECK(error.find("extends 'missing': no runtime profile 'missing'") != std::string::npos);
    std::ofstream(dir / "no_pymalloc.toml") << "extends = \"base\"\npymalloc = false\n";
    error.clear();
    auto without = vm::Profile::load(dir, "no_pymalloc", error);
    REQUIRE(without);
    CHECK(base->pymalloc);
    CHECK_FALSE(without->pymalloc);
    std::ofstream(dir / "pymalloc_true.toml") << "extends = \"base\"\npymalloc = true\n";
    CHECK_FALSE(vm::Profile::load(dir, "pymalloc_true", error));
    CHECK(error.find("key 'pymalloc' must be a table, or false for a build without pymalloc") != std::string::npos);
    error.clear();
    // A key the model does not read is a typo until shown otherwise, in a
    // table or at the top, in the profile or one it extends.
    for (auto [file, text, key] : {std::tuple{"typo_in_table", "[gc]\nthreshold = [1, 2, 3]\n", "gc.threshold"},
                                   std::tuple{"typo_at_top", "descripton = \"x\"\n", "descripton"},
                                   std::tuple{"typo_in_new_table", "[gcc]\nthresholds = 1\n", "gcc.thresholds"}}) {
        std::ofstream(dir / (std::string(file) + ".toml")) << "extends = \"base\"\n" << text;
        error.clear();
        CHECK_FALSE(vm::Profile::load(dir, file, error));
        CHECK(error.find(std::string("unknown key '") + key + "'") != std::string::npos);
    }
    std::ofstream(dir / "typo_child.toml") << "extends = \"typo_at_top\"\n";
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "typo_child", error));
    CHECK(error.find("unknown key 'descripton'") != std::string::npos);
    CHECK(error.find("typo_child.toml or a profile it extends") != std::string::npos);
    std::ofstream(dir / "number.toml") << "extends = 3\n";
    error.clear();
    CHECK_FALSE(vm::Profile::load(dir, "number", error));
    CHECK(error.find("key 'extends' must be a string") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a runtime's names are found whole, by owner", "[profile]") {
    std::string error;
    auto names = vm::RuntimeNames::index(
        "# comment\nbuiltins len print\nmodule gc collect\ntype str split rsplit\ntype NoneType\n", "t.names", error);
    REQUIRE(names);
    CHECK(names->has("builtins", "len"));
    CHECK(names->has("type str", "split"));
    CHECK(names->has("type str", "rsplit"));
    CHECK_FALSE(names->has("type str", "plit"));  // a name is matched whole
    CHECK_FALSE(names->has("type str", "spli"));
    CHECK_FALSE(names->has("type str", "collect"));  // only its owner's
    CHECK(names->has("module gc", "collect"));
    CHECK_FALSE(names->has("module sys", "collect"));
    CHECK_FALSE(names->has("type NoneType", ""));

    for (const char* bad : {"builtin len\n", "type\n", "builtins len\nbuiltins print\n"}) {
        error.clear();
        CHECK_FALSE(vm::RuntimeNames::index(bad, "bad.names", error));
        CHECK(error.starts_with("bad.names:"));
    }
}

TEST_CASE("a runtime's interned strs are found whole, each with its group's count", "[profile]") {
    std::string error;
    auto interned =
        vm::StartupInterned::index("# comment\n= 0\nfileno\nutf_8\n= 4294967295\nlen\n", "t.interned", error);
    REQUIRE(interned);
    CHECK(interned->count("fileno") == 0);
    CHECK(interned->count("utf_8") == 0);
    CHECK(interned->count("len") == 4294967295);
    CHECK_FALSE(interned->count("le"));
    CHECK_FALSE(interned->count("qzx_fresh"));

    for (const char* bad : {"len\n", "= x\nlen\n", "= -1\nlen\n", "= 1 2\n", "= 0\nlen\nabs\n"}) {
        error.clear();
        CHECK_FALSE(vm::StartupInterned::index(bad, "bad.interned", error));
        CHECK(error.starts_with("bad.interned:"));
    }
}

TEST_CASE("a runtime's call errors are found by key and count, their templates filled in", "[profile]") {
    using Found = vm::CallErrors::Found;
    std::string error, message;
    auto errors = vm::CallErrors::index(
        "# comment\n"
        "len 0 len() takes exactly one argument (0 given)\n"
        "len 1 (accepted)\n"
        "len 2+ len() takes exactly one argument ({n} given)\n"
        "len kw len() got an unexpected keyword argument '{kw}'\n"
        "len kw=obj (accepted)\n"
        "list.pop 2-3 pop() takes from 1 to 2 positional arguments but {n+1} were given\n",
        "t.callerrors", error);
    REQUIRE(errors);
    CHECK(errors->arity("len", 0, message) == Found::Message);
    CHECK(message == "len() takes exactly one argument (0 given)");
    CHECK(errors->arity("len", 1, message) == Found::Accepted);
    CHECK(errors->arity("len", 9, message) == Found::Message);  // past the counts recorded
    CHECK(message == "len() takes exactly one argument (9 given)");
    CHECK(errors->keyword("len", "key", message) == Found::Message);
    CHECK(message == "len() got an unexpected keyword argument 'key'");
    CHECK(errors->keyword("len", "obj", message) == Found::Accepted);  // a keyword its signature names
    CHECK(errors->arity("list.pop", 3, message) == Found::Message);
    CHECK(message == "pop() takes from 1 to 2 positional arguments but 4 were given");
    CHECK(errors->arity("list.pop", 4, message) == Found::Nothing);  // a range ends
    CHECK(errors->keyword("list.pop", "x", message) == Found::Nothing);
    CHECK(errors->arity("le", 0, message) == Found::Nothing);  // a key is matched whole

    for (const char* bad : {"len\n", "len 0\n", "len x message\n", "len 3-2 message\n", "len 1- message\n",
                            "len kw= (accepted)\n", "len kw=obj message\n"}) {
        error.clear();
        CHECK_FALSE(vm::CallErrors::index(bad, "bad.callerrors", error));
        CHECK(error.starts_with("bad.callerrors:"));
    }
}
