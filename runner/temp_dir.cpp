#include "runner/temp_dir.hpp"

#include <stdlib.h>

#include <mutex>
#include <set>
#include <system_error>

namespace memconform {

namespace fs = std::filesystem;

namespace {

std::mutex live_mutex;
std::set<fs::path> live;

}  // namespace

TempDir::TempDir(const std::string& prefix) {
    std::string pattern = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = pattern;
    std::lock_guard lock(live_mutex);
    live.insert(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    std::lock_guard lock(live_mutex);
    live.erase(path_);
}

void remove_every_temp_dir() {
    std::lock_guard lock(live_mutex);
    std::error_code ignored;
    for (const auto& path : live) fs::remove_all(path, ignored);
}

}  // namespace memconform
