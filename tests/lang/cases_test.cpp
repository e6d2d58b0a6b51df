// Every case of the suite is within pymodel's subset. MEMCONFORM_CASES
// overrides the directory (to check a corpus being written elsewhere).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "support.hpp"

TEST_CASE("every file in cases/ compiles", "[cases]") {
    const char* override_dir = std::getenv("MEMCONFORM_CASES");
    std::filesystem::path dir = override_dir ? override_dir : CASES_DIR;
    auto files = test::files_in(dir, ".py");
    if (files.empty()) WARN("no cases in " << dir.string());
    for (const auto& file : files) {
        std::string source = test::read_file(file);
        lang::CompileResult result = lang::compile(source, file.string());
        INFO(file.string());
        CHECK(!result.diagnostic);
        if (result.diagnostic) INFO(lang::format_diagnostic(*result.diagnostic, source));
    }
}
