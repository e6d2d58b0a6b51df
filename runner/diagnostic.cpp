#include "runner/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace memconform {

std::string Diagnostic::str() const {
    std::error_code ignored;
    auto shown = std::filesystem::proximate(file, ignored);
    if (shown.empty()) shown = file;
    auto where = line > 0 ? fmt::format("{}:{}", shown.string(), line) : shown.string();
    return fmt::format("{}: {}: {}", where, is_error ? "error" : "warning", message);
}

bool has_errors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.is_error; });
}

}  // namespace memconform
