#include "runner/run_diff.hpp"

#include "runner/diff.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace memconform {

namespace {

struct ChangeKind {
    Change change;
    std::string_view heading, count_label;
};

// In the order they are listed: what needs a look first.
constexpr ChangeKind kKinds[] = {
    {Change::Regressed, "Now failing", "now failing"},
    {Change::Fixed, "No longer failing", "no longer failing"},
    {Change::StatusChanged, "Status changed", "with another status"},
    {Change::OutcomeChanged, "Outcome changed, same status", "with another outcome"},
    {Change::Added, "Only in the second run", "new"},
    {Change::Removed, "Only in the first run", "gone"},
};

std::string indented(std::string_view text, std::string_view prefix) {
    std::string out;
    for (auto line : split_lines(text)) out += fmt::format("{}{}\n", prefix, line);
    return out;
}

std::string_view status_text(const std::optional<Status>& s) { return s ? result_code(*s).name : "-"; }

}  // namespace

RunDiff diff_runs(const RunRecord& before, const RunRecord& after) {
    RunDiff diff;
    for (const Result& b : after.results) {
        const Result* a = before.find_result(b.case_id, b.backend);
        // A new result that fails the run is a regression as much as a changed one.
        ResultChange c{
            after.fails(b) ? Change::Regressed : Change::Added, b.case_id, b.backend, std::nullopt, b.status, {}};
        if (a) {
            c.before = a->status;
            bool failed = before.fails(*a), fails = after.fails(b);
            if (failed != fails) c.change = fails ? Change::Regressed : Change::Fixed;
            else if (a->status != b.status) c.change = Change::StatusChanged;
            else if (a->actual != b.actual) c.change = Change::OutcomeChanged;
            else {
                ++diff.unchanged;
                continue;
            }
            if (a->actual != b.actual && !a->actual.empty() && !b.actual.empty()) {
                c.outcome_diff = unified_diff(a->actual, b.actual);
                c.outcome_diff.erase(0, c.outcome_diff.find("@@"));  // its ---/+++ lines name other sides
            }
        }
        diff.changes.push_back(std::move(c));
    }
    for (const Result& a : before.results)
        if (!after.find_result(a.case_id, a.backend))
            diff.changes.push_back({Change::Removed, a.case_id, a.backend, a.status, std::nullopt, {}});
    std::stable_sort(diff.changes.begin(), diff.changes.end(), [](const ResultChange& x, const ResultChange& y) {
        return std::tie(x.change, x.case_id, x.backend) < std::tie(y.change, y.case_id, y.backend);
    });
    return diff;
}

std::string diff_text(const RunDiff& diff, std::string_view before_name, std::string_view after_name) {
    std::map<Change, std::size_t> counts;
    for (const auto& c : diff.changes) ++counts[c.change];
    std::string out = fmt::format("{} -> {}: {} results changed, {} unchanged", before_name, after_name,
                                  diff.changes.size(), diff.unchanged);
    for (const auto& kind : kKinds)
        if (counts[kind.change]) out += fmt::format("; {} {}", counts[kind.change], kind.count_label);
    out += "\n";
    for (const auto& kind : kKinds) {
        if (!counts[kind.change]) continue;
        out += fmt::format("\n{} ({}):\n", kind.heading, counts[kind.change]);
        for (const auto& c : diff.changes) {
            if (c.change != kind.change) continue;
            out += fmt::format("  {} :: {}: {} -> {}\n", c.backend, c.case_id, status_text(c.before),
                               status_text(c.after));
            if (c.change == Change::OutcomeChanged && !c.outcome_diff.empty()) out += indented(c.outcome_diff, "    ");
        }
    }
    return out;
}

std::string diff_html(const RunDiff& diff, std::string_view before_name, std::string_view after_name) {
    auto cell = [](const std::optional<Status>& s) {
        if (!s) return std::string("<td>-</td>");
        return fmt::format("<td style=\"background:#{:06x};color:#fff\">{}</td>", result_code(*s).color,
                           result_code(*s).name);
    };
    std::string out = fmt::format(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>memconform diff</title>\n"
        "<style>body{{font:14px system-ui,sans-serif;margin:1.5em}}table{{border-collapse:collapse}}"
        "td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}}"
        "pre{{margin:0;font-size:12px}}h2{{margin-top:1.2em}}</style></head><body>\n"
        "<h1>{} &rarr; {}</h1>\n<p>{} results changed, {} unchanged.</p>\n",
        escape_markup(before_name), escape_markup(after_name), diff.changes.size(), diff.unchanged);
    for (const auto& kind : kKinds) {
        std::string rows;
        std::size_t n = 0;
        for (const auto& c : diff.changes) {
            if (c.change != kind.change) continue;
            ++n;
            rows += fmt::format("<tr><td>{}</td><td>{}</td>{}{}<td>{}</td></tr>\n", escape_markup(c.case_id),
                                escape_markup(c.backend), cell(c.before), cell(c.after),
                                c.outcome_diff.empty() ? "" : "<pre>" + escape_markup(c.outcome_diff) + "</pre>");
        }
        if (!n) continue;
        out += fmt::format(
            "<h2>{} ({})</h2>\n<table><tr><th>case</th><th>backend</th><th>before</th><th>after</th>"
            "<th>outcome, before &rarr; after</th></tr>\n{}</table>\n",
            kind.heading, n, rows);
    }
    if (diff.changes.empty()) out += "<p>Nothing changed.</p>\n";
    return out + "</body></html>\n";
}

}  // namespace memconform
