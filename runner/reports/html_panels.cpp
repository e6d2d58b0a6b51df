#include "runner/reports/html_panels.hpp"

#include "runner/diff.hpp"
#include "runner/text.hpp"
#include "runner/trace.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace memconform {

namespace {

std::string diff_class(DiffRow::Kind kind) {
    switch (kind) {
    case DiffRow::Kind::Same: return "same";
    case DiffRow::Kind::Removed: return "removed";
    case DiffRow::Kind::Added: return "added";
    case DiffRow::Kind::Changed: return "changed";
    }
    return "";
}

std::string diff_table(const Result& r, const std::string& profile) {
    std::string rows;
    for (const auto& row : side_by_side(r.expected.value_or(""), r.actual))
        rows += fmt::format("<tr class=\"{}\"><td class=\"l\">{}</td><td class=\"r\">{}</td></tr>\n",
                            diff_class(row.kind), escape_markup(row.left), escape_markup(row.right));
    auto left = r.expected ? "expected (" + profile + ")" : "expected: none recorded for " + profile;
    return fmt::format("<table class=\"diff\"><tr><th>{}</th><th>actual ({})</th></tr>\n{}</table>\n",
                       escape_markup(left), escape_markup(r.backend), rows);
}

// The results of [c] that carry an explain trace, in backend order.
std::vector<const Result*> traced_results(const RunRecord& run, const CaseEntry& c) {
    std::vector<const Result*> traced;
    for (const auto& b : run.backends)
        if (const Result* r = run.find_result(c.id, b.name); r && !r->trace.empty()) traced.push_back(r);
    return traced;
}

// One row of the traced source: a line (or "start", "exit") and what each
// trace did there, marked where the traces disagree.
std::string traced_row(std::string_view number, std::string_view code,
                       const std::vector<const std::vector<std::string>*>& events) {
    std::vector<std::string> cells;
    for (const auto* e : events) cells.push_back(e ? fmt::format("{}", fmt::join(*e, "\n")) : "");
    bool differs = std::adjacent_find(cells.begin(), cells.end(), std::not_equal_to<>()) != cells.end();
    std::string row = fmt::format("<tr><td class=\"ln\">{}</td><td>{}</td>", number, escape_markup(code));
    for (const auto& cell : cells)
        row += fmt::format("<td class=\"event{}\">{}</td>", differs ? " differs" : "", escape_markup(cell));
    return row + "</tr>\n";
}

// The case's lines, and beside each line what each model's explain trace
// says happened while it ran (the cells where the traces differ marked).
std::string traced_source(const CaseEntry& c, const std::vector<const Result*>& traced) {
    std::vector<TraceLines> traces;
    for (const Result* r : traced) traces.push_back(trace_by_line(r->trace, traced_case_file(c.id)));
    std::string out = "<table class=\"traced\"><tr><th></th><th>case</th>";
    for (const Result* r : traced) out += fmt::format("<th>{} trace</th>", escape_markup(r->backend));
    out += "</tr>\n";
    auto events = [&](auto pick) {
        std::vector<const std::vector<std::string>*> picked;
        for (const auto& t : traces) picked.push_back(pick(t));
        return picked;
    };
    bool any_start = std::any_of(traces.begin(), traces.end(), [](const TraceLines& t) { return !t.start.empty(); });
    if (any_start) out += traced_row("", "(start)", events([](const TraceLines& t) { return &t.start; }));
    auto lines = split_lines(c.source);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        int number = static_cast<int>(i + 1);
        out += traced_row(std::to_string(number), lines[i], events([&](const TraceLines& t) {
                              auto it = t.at.find(number);
                              return it == t.at.end() ? nullptr : &it->second;
                          }));
    }
    out += traced_row("", "(exit)", events([](const TraceLines& t) { return &t.exit; }));
    return out + "</table>\n";
}

// A case's file with line numbers (the lines its tracebacks name), and the
// models' explain traces beside its lines when the run has them.
std::string source_panel(const RunRecord& run, const CaseEntry& c) {
    auto heading = fmt::format("<h2>{}</h2>\n<p>{}</p>\n", escape_markup(c.id), escape_markup(c.summary));
    if (c.source.empty()) return heading + "<p>The run holds no copy of the case's file.</p>\n";
    if (auto traced = traced_results(run, c); !traced.empty()) return heading + traced_source(c, traced);
    std::string lines;
    std::size_t number = 0;
    for (const auto& line : split_lines(c.source))
        lines += fmt::format("<span class=\"ln\">{:>4}</span>  {}\n", ++number, escape_markup(line));
    return heading + "<pre class=\"source\">" + lines + "</pre>\n";
}

// Why an UNSUPPORTED result did not run: the capability it lacks, or what
// the model said it rejected.
std::string unsupported_reason(const Result& r) { return std::string(trim(r.note.empty() ? r.actual : r.note)); }

std::string result_panel(const RunRecord& run, const CaseEntry& c, const Result& r) {
    const auto& code = result_code(r.status);
    auto heading = fmt::format("<h2>{}: {} :: {}</h2>\n", code.name, escape_markup(r.backend), escape_markup(c.id));
    // UNSUPPORTED: the reason alone; it has no outcome to show.
    if (r.status == Status::Unsupported)
        return heading + fmt::format("<p class=\"reason\">{}</p>\n", escape_markup(unsupported_reason(r)));
    const auto* b = run.find_backend(r.backend);
    // An outcome equal to the expected one is shown once.
    bool alone = r.expected && *r.expected == r.actual;
    std::string body = r.status == Status::Skipped ? ""
                       : alone                     ? "<pre>" + escape_markup(r.actual) + "</pre>\n"
                                                   : diff_table(r, b ? b->profile : "");
    auto source = c.source.empty() ? ""
                                   : fmt::format("<p><a href=\"#{}\">the case, with line numbers{}</a></p>\n",
                                                 escape_markup(c.id), r.trace.empty() ? "" : " and the models' traces");
    auto note = r.note.empty() ? "" : fmt::format("<p><i>{}</i></p>\n", escape_markup(r.note));
    return heading + fmt::format("<p>{}</p>\n", escape_markup(c.summary)) + note + source + body;
}

}  // namespace

std::string panel_file(std::string_view case_id) {
    // A case id is a path under cases/; one from a results.json that would
    // leave the panels folder is refused rather than written there.
    std::filesystem::path id(case_id);
    bool inside = !case_id.empty() && id.is_relative() &&
                  std::none_of(id.begin(), id.end(), [](const auto& part) { return part == ".." || part == "."; });
    if (!inside) throw std::runtime_error(fmt::format("case id `{}` is not a path under cases/", case_id));
    return fmt::format("panels/{}.js", case_id);
}

std::string result_anchor(std::string_view case_id, std::string_view backend) {
    return fmt::format("{}@{}", case_id, backend);
}

nlohmann::json case_panels(const RunRecord& run, const CaseEntry& c) {
    nlohmann::json results = nlohmann::json::object();
    for (const auto& b : run.backends)
        if (const Result* r = run.find_result(c.id, b.name)) results[b.name] = result_panel(run, c, *r);
    return {{"source", source_panel(run, c)}, {"results", std::move(results)}};
}

std::string case_panels_script(const RunRecord& run, const CaseEntry& c) {
    auto literal = [](const nlohmann::json& value) {
        return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    return fmt::format("memconformCase({}, {});\n", literal(c.id), literal(case_panels(run, c)));
}

}  // namespace memconform
