// Runtime profiles: the TOML files and their errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

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
