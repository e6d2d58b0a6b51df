// Line diffs of two outcomes (Myers' algorithm, from dtl): side by side for
// index.html, unified for the terminal, junit.xml and summary.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace memconform {

struct DiffRow {
    enum class Kind { Same, Removed, Added, Changed };
    Kind kind;
    std::string left;  // empty for Added
    std::string right;  // empty for Removed
};

std::vector<DiffRow> side_by_side(std::string_view left, std::string_view right);

// `--- expected` / `+++ actual` and the hunks; "" when the texts are equal.
std::string unified_diff(std::string_view expected, std::string_view actual);

}  // namespace memconform
