// A fresh temporary folder, removed with all it holds when it goes (or
// by remove_every_temp_dir(), when memconform must end at once).
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

// Removes every TempDir that exists now; they must not be used afterwards.
void remove_every_temp_dir();

}  // namespace memconform
