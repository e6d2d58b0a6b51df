#include "runner/diff.hpp"

#include "runner/text.hpp"

#include <dtl/dtl.hpp>

#include <sstream>

namespace memconform {

namespace {

using LineDiff = dtl::Diff<std::string, std::vector<std::string>>;

LineDiff compose(std::string_view left, std::string_view right) {
    LineDiff diff(split_lines(left), split_lines(right));
    diff.compose();
    return diff;
}

// Pairs the removed and added lines of one change as rows, side by side.
void flush_change(std::vector<std::string>& removed, std::vector<std::string>& added, std::vector<DiffRow>& rows) {
    std::size_t both = std::min(removed.size(), added.size());
    for (std::size_t i = 0; i < both; ++i) rows.push_back({DiffRow::Kind::Changed, removed[i], added[i]});
    for (std::size_t i = both; i < removed.size(); ++i) rows.push_back({DiffRow::Kind::Removed, removed[i], ""});
    for (std::size_t i = both; i < added.size(); ++i) rows.push_back({DiffRow::Kind::Added, "", added[i]});
    removed.clear();
    added.clear();
}

}  // namespace

std::vector<DiffRow> side_by_side(std::string_view left, std::string_view right) {
    std::vector<DiffRow> rows;
    std::vector<std::string> removed, added;
    for (const auto& [line, info] : compose(left, right).getSes().getSequence()) {
        if (info.type == dtl::SES_DELETE) {
            removed.push_back(line);
        } else if (info.type == dtl::SES_ADD) {
            added.push_back(line);
        } else {
            flush_change(removed, added, rows);
            rows.push_back({DiffRow::Kind::Same, line, line});
        }
    }
    flush_change(removed, added, rows);
    return rows;
}

std::string unified_diff(std::string_view expected, std::string_view actual) {
    if (expected == actual) return "";
    auto diff = compose(expected, actual);
    diff.composeUnifiedHunks();
    std::ostringstream out;
    out << "--- expected\n+++ actual\n";
    diff.printUnifiedFormat(out);
    return out.str();
}

}  // namespace memconform
