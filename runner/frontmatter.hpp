// The TOML front matter of a case: the comment block between two `# ---`
// lines at the top of the file (format: docs/case-format.md).
#pragma once

#include "runner/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memconform {

struct FrontMatter {
    std::string summary;
    std::vector<Located> tags;  // lines kept for "unknown tag" errors
    std::vector<Located> required;  // `requires`: the capabilities it needs (runner/capabilities.hpp)
    std::vector<std::string> refs;
    std::string explain;
    std::string portable;  // how to write the code so that every runtime behaves alike
    bool long_timeout = false;  // `timeout = "long"`: it may run kLongTimeoutFactor times the backend's limit
    int end_line = 0;  // the closing `# ---`
};

// How many times its backend's time limit a case marked `timeout = "long"`
// may run (web-platform-tests' long timeout is 6 times its default too).
inline constexpr int kLongTimeoutFactor = 6;

// Parses the front matter of [source], the text of [file]. On a missing,
// malformed or incomplete block, appends every problem found to [out] with
// its line and returns nothing.
std::optional<FrontMatter> parse_front_matter(std::string_view source, const std::filesystem::path& file,
                                              Diagnostics& out);

}  // namespace memconform
