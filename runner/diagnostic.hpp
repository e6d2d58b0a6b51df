// A problem found in an input file, reported as `FILE:LINE: error: MESSAGE`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace memconform {

// A piece of text from an input file and the line it stands on.
struct Located {
    std::string text;
    int line = 0;
};

struct Diagnostic {
    std::filesystem::path file;
    int line = 0;  // 1-based; 0 when the problem is the whole file
    std::string message;
    bool is_error = true;  // false: a warning, which never fails lint

    // `FILE:LINE: error: MESSAGE`, FILE relative to the current directory.
    std::string str() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

}  // namespace memconform
