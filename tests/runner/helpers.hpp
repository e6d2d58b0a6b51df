// What the runner's tests share: fixture paths and scratch folders.
#pragma once

#include "runner/temp_dir.hpp"
#include "runner/text.hpp"

#include <filesystem>
#include <string>

namespace memconform::testing {

namespace fs = std::filesystem;

inline fs::path fixture(const std::string& relative) { return fs::path(FIXTURES) / relative; }

// True while [pid] runs: a killed process whose parent has not reaped it
// yet (a zombie) is dead.
inline bool is_running(int pid) {
    std::error_code error;
    auto stat = fs::path("/proc") / std::to_string(pid) / "stat";
    if (!fs::exists(stat, error)) return false;
    auto text = read_file(stat);
    auto state = text.find(") ");
    return state != std::string::npos && text[state + 2] != 'Z' && text[state + 2] != 'X';
}

// A temporary folder for one test, removed at its end.
class Scratch : public TempDir {
  public:
    Scratch() : TempDir("memconform-test-") {}

    fs::path write(const std::string& relative, std::string_view content) const {
        write_file(path() / relative, content);
        return path() / relative;
    }
};

}  // namespace memconform::testing
