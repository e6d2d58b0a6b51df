// Where things are: the project tree memconform works on, and the build tree
// it runs from.
#pragma once

#include <filesystem>
#include <string>

namespace memconform {

struct Project {
    std::filesystem::path root;  // holds backends.toml, cases/, expected/, baselines/
    std::filesystem::path build;  // the build tree of the running memconform ({build})

    std::filesystem::path registry_file() const { return root / "backends.toml"; }
    std::filesystem::path cases() const { return root / "cases"; }
    std::filesystem::path expected() const { return root / "expected"; }
    std::filesystem::path baselines() const { return root / "baselines"; }
    std::filesystem::path reports() const { return root / "reports"; }
    std::filesystem::path differences() const { return root / "docs" / "differences.md"; }
    std::filesystem::path versions() const { return root / "docs" / "versions.md"; }
    // The peer suites (runner/peer.hpp): which test files, and their driver.
    std::filesystem::path peer_suites() const { return root / "peer" / "suites.toml"; }
    std::filesystem::path peer_driver() const { return root / "peer" / "driver.py"; }
};

// The project at [given], or else the nearest folder holding backends.toml
// from the current one upward. Throws std::runtime_error when there is none.
Project find_project(const std::string& given);

}  // namespace memconform
