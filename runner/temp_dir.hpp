// A fresh temporary folder, removed with all it holds when it goes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace memconform {

class TempDir {
  public:
    // Creates <temp>/<prefix>XXXXXX. Throws std::system_error.
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace memconform
