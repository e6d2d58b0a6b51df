// Every case of the suite is within pymodel's subset, but for the few that
// expected-unsupported.txt lists (with what pymodel rejects in them).
// MEMCONFORM_CASES overrides the directory (to check a corpus being written
// elsewhere).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <sstream>

#include "support.hpp"

namespace {

// id -> the unsupported construct, from expected-unsupported.txt.
std::map<std::string, std::string> expected_unsupported() {
    std::map<std::string, std::string> expected;
    std::istringstream lines(test::read_file(test::test_dir("expected-unsupported.txt")));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        expected[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return expected;
}

}  // namespace

TEST_CASE("every file in cases/ compiles", "[cases]") {
    const char* override_dir = std::getenv("MEMCONFORM_CASES");
    std::filesystem::path dir = override_dir ? override_dir : CASES_DIR;
    auto files = test::files_in(dir, ".py");
    if (files.empty()) WARN("no cases in " << dir.string());
    auto expected = expected_unsupported();
    for (const auto& file : files) {
        std::string id = std::filesystem::relative(file, dir).replace_extension().generic_string();
        std::string source = test::read_file(file);
        lang::CompileResult result = lang::compile(source, file.string());
        INFO(id << (result.diagnostic ? "\n" + lang::format_diagnostic(*result.diagnostic, source) : ""));
        auto rejected = expected.find(id);
        if (rejected == expected.end()) {
            CHECK(!result.diagnostic);
        } else {
            REQUIRE(result.diagnostic);
            CHECK(result.diagnostic->kind == lang::Diagnostic::Kind::Unsupported);
            CHECK(result.diagnostic->message == rejected->second);
        }
    }
}
