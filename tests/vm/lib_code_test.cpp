// The library's code compiled at build time (backends/vm/lib/precompile.cpp):
// for every shipped profile, each library module's embedded code is what
// compiling its source on that profile gives, field for field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "lang/lang.hpp"
#include "lang/serialize.hpp"
#include "vm/modules/lib_sources.hpp"
#include "vm/profile.hpp"

TEST_CASE("every library module's embedded code is a fresh compile's, on every profile", "[lib]") {
    int profiles = 0, checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(PROFILES_DIR)) {
        if (entry.path().extension() != ".toml") continue;
        std::string error;
        auto profile = vm::Profile::load(PROFILES_DIR, entry.path().stem().string(), error);
        REQUIRE(profile);
        ++profiles;
        std::string key = lang::options_key(profile->compile);
        for (const vm::lib::Module& module : vm::lib::modules()) {
            INFO(entry.path().stem().string() << ": " << module.file);
            lang::CompileResult fresh = lang::compile(module.source, module.filename(), profile->compile);
            std::string_view embedded = vm::lib::compiled(module.name, key);
            // A module that does not compile has nothing embedded: its
            // import compiles it, and reports why it does not.
            REQUIRE(embedded.empty() == !fresh.code);
            if (!fresh.code) continue;
            std::shared_ptr<const lang::Code> code = lang::deserialize(embedded);
            REQUIRE(code);
            CHECK(lang::same_code(*code, *fresh.code));
            ++checked;
        }
    }
    CHECK(profiles >= 9);
    CHECK(checked >= profiles * 20);
}

TEST_CASE("options no shipped profile has find no embedded code", "[lib]") {
    lang::CompileOptions options;
    options.borrow_fast_loads = true;
    options.while_test_at_bottom = true;  // 3.14 borrows, 3.10 to 3.13 test at the bottom
    CHECK(vm::lib::compiled("weakref", lang::options_key(options)).empty());
    CHECK(vm::lib::compiled("no_such_module", lang::options_key(lang::CompileOptions{})).empty());
}
