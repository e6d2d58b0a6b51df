// Runtime profiles: the TOML files and their errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "vm/profile.hpp"

TEST_CASE("the cpython-3.11 profile loads", "[profile]") {
    std::string error;
    auto p = vm::Profile::load(PROFILES_DIR, "cpython-3.11", error);
    REQUIRE(p);
    CHECK(error.empty());
    CHECK(p->manager == "refcount");
    CHECK(p->implementation_name == "cpython");
    CHECK(p->version_info == std::array<int, 3>{3, 11, 7});
    CHECK(p->recursion_limit == 1000);
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
