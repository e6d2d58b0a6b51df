#include "runner/reports/report.hpp"

#include "runner/compare.hpp"
#include "runner/diff.hpp"
#include "runner/text.hpp"
#include "runner/trace.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace memconform {

namespace {

// index.html: one self-contained page (no script, no server). A case x
// backend matrix coloured by status, which a checkbox narrows to the cases
// that fail; every cell links to a panel with the expected and actual
// outcomes side by side, which CSS shows when it is the URL's target. Then
// the behavior map: which runtimes behave alike, case by case.
constexpr std::string_view kStyle = R"(
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: 2px 6px; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.case { font-family: monospace; }
td.status a, td.status span { color: #fff; text-decoration: none; font-size: 12px; }
tr.area td { background: #eee; font-weight: bold; }
.panel { display: none; position: fixed; inset: 0 0 0 30%; overflow: auto; background: #fff;
         border-left: 3px solid #888; padding: 1em 1.5em; box-shadow: -4px 0 12px #0003; }
.panel:target { display: block; }
table.diff { width: 100%; }
table.diff td { font: 12px monospace; white-space: pre-wrap; vertical-align: top; width: 50%; }
tr.removed td.l, tr.changed td.l { background: #fdd; }
tr.added td.r, tr.changed td.r { background: #dfd; }
pre { background: #f8f8f8; padding: .5em; white-space: pre-wrap; }
body:has(#failures-only:checked) tr.passing { display: none; }
td.behavior { text-align: center; font: bold 12px monospace; color: #fff; }
td.behavior.new { background: #c00; }
th small.like { font-weight: normal; color: #555; }
pre.source span.ln { color: #888; user-select: none; }
table.traced td { font: 12px monospace; white-space: pre-wrap; vertical-align: top; border: none;
                  border-bottom: 1px solid #eee; }
table.traced td.ln { color: #888; text-align: right; user-select: none; }
table.traced { width: 100%; }
table.traced td.event { color: #135; background: #f4f8ff; min-width: 22em; }
table.traced td.event:empty:not(.differs) { background: none; }
table.traced td.event.differs { background: #fff3c4; }
table.capabilities td.has { background: #dfd; text-align: center; }
table.capabilities td.lacks { background: #fdd; text-align: center; cursor: help; }
div.below-fold { content-visibility: auto; width: max-content; }
table.peer td.status { font-size: 12px; color: #fff; }
table.peer td.status small { display: block; }
)";

// Opens a box whose content is laid out only when it scrolls into view
// (content-visibility): with 16 backends x 250 cases, the behavior map's
// layout was a fifth of the page's load time (docs/reports.md, "How fast
// index.html opens"). Until then the box has about the size of a table of
// [rows] x [columns]; as wide as its table once laid out, as the content
// it would otherwise clip may be wider than the window.
std::string below_fold(std::size_t rows, std::size_t columns) {
    constexpr std::size_t kRowHeight = 21, kHeaderHeight = 60, kColumnWidth = 85;  // px, in kStyle's font
    return fmt::format("<div class=\"below-fold\" style=\"contain-intrinsic-size: auto {}px auto {}px\">",
                       kColumnWidth * columns, kHeaderHeight + kRowHeight * rows);
}

// One color per behavior letter, then grey for the rest.
constexpr std::uint32_t kBehaviorColors[] = {0x3b6fb6, 0xe08a1e, 0x2f9e44, 0x8e44ad, 0x16a2a2,
                                             0xb5651d, 0xd6336c, 0x5c7cfa, 0x66a80f, 0x868e96};

std::string css_color(std::uint32_t rgb) { return fmt::format("#{:06x}", rgb); }

std::string cell_id(std::size_t index) { return fmt::format("r{}", index); }

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

std::string source_id(const RunRecord& run, const CaseEntry& c) { return fmt::format("s{}", &c - run.cases.data()); }

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
// models' explain traces beside its lines when the run has them; once per
// case: each of its result panels links to it.
std::string source_panel(const RunRecord& run, const CaseEntry& c) {
    if (c.source.empty()) return "";
    auto traced = traced_results(run, c);
    std::string body;
    if (!traced.empty()) {
        body = traced_source(c, traced);
    } else {
        std::string lines;
        std::size_t number = 0;
        for (const auto& line : split_lines(c.source))
            lines += fmt::format("<span class=\"ln\">{:>4}</span>  {}\n", ++number, escape_markup(line));
        body = "<pre class=\"source\">" + lines + "</pre>";
    }
    return fmt::format(
        "<section class=\"panel\" id=\"{}\"><p><a href=\"#matrix\">close</a></p>\n<h2>{}</h2>\n{}</section>\n",
        source_id(run, c), escape_markup(c.id), body);
}

std::string panel(const RunRecord& run, const Result& r, std::size_t index) {
    const auto& code = result_code(r.status);
    const auto* c = run.find_case(r.case_id);
    const auto* b = run.find_backend(r.backend);
    // UNSUPPORTED: what the backend said it cannot do, not a diff; an
    // outcome equal to the expected one, once.
    bool alone = r.status == Status::Unsupported || (r.expected && *r.expected == r.actual);
    std::string body = r.status == Status::Skipped ? ""
                       : alone                     ? "<pre>" + escape_markup(r.actual) + "</pre>\n"
                                                   : diff_table(r, b ? b->profile : "");
    auto source = c && !c->source.empty()
                      ? fmt::format(" &nbsp; <a href=\"#{}\">the case, with line numbers{}</a>", source_id(run, *c),
                                    r.trace.empty() ? "" : " and the models' traces")
                      : "";
    return fmt::format(
        "<section class=\"panel\" id=\"{}\"><p><a href=\"#matrix\">close</a>{}</p>\n"
        "<h2>{}: {} :: {}</h2>\n<p>{}</p><p><i>{}</i></p>{}</section>\n",
        cell_id(index), source, code.name, escape_markup(r.backend), escape_markup(r.case_id),
        escape_markup(c ? c->summary : ""), escape_markup(r.note), body);
}

std::string status_cell(const Result* r, std::size_t index) {
    if (!r) return "<td></td>";
    const auto& code = result_code(r->status);
    auto label = fmt::format("<a href=\"#{}\">{}</a>", cell_id(index), code.name);
    return fmt::format("<td class=\"status\" style=\"background:{}\" title=\"{}\">{}</td>", css_color(code.color),
                       code.label, label);
}

std::string matrix(const RunRecord& run) {
    std::string out = "<table id=\"matrix\"><tr><th>case</th>";
    for (const auto& b : run.backends)
        out += fmt::format("<th title=\"{}\">{}<br><small>{}</small></th>",
                           escape_markup(b.available ? b.version : b.reason), escape_markup(b.name),
                           escape_markup(b.profile));
    out += "</tr>\n";
    std::string area;
    for (const auto& c : run.cases) {
        if (auto a = c.id.substr(0, c.id.find('/')); a != area) {
            area = a;
            out += fmt::format("<tr class=\"area\"><td colspan=\"{}\">{}</td></tr>\n", run.backends.size() + 1,
                               escape_markup(area));
        }
        std::string cells;
        bool fails = false;
        for (const auto& b : run.backends) {
            const Result* r = run.find_result(c.id, b.name);
            fails = fails || (r && run.fails(*r));
            cells += status_cell(r, r ? static_cast<std::size_t>(r - run.results.data()) : 0);
        }
        out += fmt::format("<tr{}><td class=\"case\" title=\"{}\">{}</td>{}</tr>\n", fails ? "" : " class=\"passing\"",
                           escape_markup(c.summary), escape_markup(c.id), cells);
    }
    return out + "</table>\n";
}

std::string behavior_cell(std::optional<std::size_t> index, const std::string& title, std::string_view href) {
    auto text = index ? behavior_letter(*index) : "new";
    if (!href.empty()) text = fmt::format("<a href=\"#{}\" style=\"color:#fff\">{}</a>", href, text);
    if (!index) return fmt::format("<td class=\"behavior new\" title=\"{}\">{}</td>", escape_markup(title), text);
    auto color = kBehaviorColors[std::min(*index, std::size(kBehaviorColors) - 1)];
    return fmt::format("<td class=\"behavior\" style=\"background:{}\" title=\"{}\">{}</td>", css_color(color),
                       escape_markup(title), text);
}

// Each case's recorded behaviors (one column per profile), and the behavior
// each backend showed; a backend's header names the profiles it is most
// like.
std::string behavior_map(const RunRecord& run) {
    std::set<std::string, decltype(&natural_less)> profile_set(natural_less);
    for (const auto& c : run.behaviors)
        for (const auto& b : c.behaviors) profile_set.insert(b.profiles.begin(), b.profiles.end());
    if (profile_set.empty()) return "";
    std::map<std::string, std::string> headline;
    for (const auto& [backend, ranked] : likeness_by_backend(run)) {
        const auto& best = ranked.front();
        headline[backend] = fmt::format("like {} on {}/{}", best.profile, best.alike, best.compared);
    }
    std::string out =
        "<h2 id=\"behaviors\">Behavior map</h2>\n<p>For each case, the recorded outcomes grouped into behaviors: "
        "profiles with the same letter recorded the same outcome; each backend shows the behavior its outcome "
        "matches, or <b>new</b> when no profile recorded it.</p>\n" +
        below_fold(run.behaviors.size(), 3 + profile_set.size() + run.backends.size()) + "<table><tr><th>case</th>";
    for (const auto& p : profile_set) out += fmt::format("<th>{}</th>", escape_markup(p));
    for (const auto& b : run.backends)
        out += fmt::format("<th>{}<br><small class=\"like\">{}</small></th>", escape_markup(b.name),
                           escape_markup(headline[b.name]));
    out += "</tr>\n";
    for (const auto& c : run.behaviors) {
        out += fmt::format("<tr><td class=\"case\">{}</td>", escape_markup(c.case_id));
        for (const auto& p : profile_set) {
            std::optional<std::size_t> index;
            for (std::size_t i = 0; i < c.behaviors.size(); ++i)
                if (std::find(c.behaviors[i].profiles.begin(), c.behaviors[i].profiles.end(), p) !=
                    c.behaviors[i].profiles.end())
                    index = i;
            out += index ? behavior_cell(index, p, "") : "<td></td>";
        }
        for (const auto& b : run.backends) {
            const Result* r = run.find_result(c.case_id, b.name);
            if (!r || !ran(*r)) {
                out += "<td></td>";
                continue;
            }
            auto index = behavior_index(c, r->actual);
            auto title = index ? fmt::format("{}: as {}", b.name, fmt::join(c.behaviors[*index].profiles, ", "))
                               : b.name + ": an outcome no profile recorded";
            out += behavior_cell(index, title, cell_id(static_cast<std::size_t>(r - run.results.data())));
        }
        out += "</tr>\n";
    }
    return out + "</table></div>\n";
}

std::string legend() {
    std::string out = "<p>";
    for (const auto& code : kResultCodes)
        out += fmt::format("<span style=\"background:{};color:#fff;padding:1px 5px\">{}</span> {} &nbsp; ",
                           css_color(code.color), code.name, code.label);
    return out + "</p>\n";
}

std::string comparisons(const RunRecord& run) {
    if (run.comparisons.empty()) return "";
    std::string out =
        "<h2>Compared with every recorded profile</h2>\n"
        "<table><tr><th>case</th><th>backend</th><th>verdict</th><th>matches</th><th>recorded</th></tr>\n";
    for (const auto& c : run.comparisons)
        out += fmt::format("<tr><td class=\"case\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           escape_markup(c.case_id), escape_markup(c.backend), escape_markup(c.verdict),
                           escape_markup(fmt::format("{}", fmt::join(c.matches, ", "))),
                           escape_markup(fmt::format("{}", fmt::join(c.recorded, ", "))));
    return out + "</table>\n";
}

// `memconform peer`: a cell per file and backend with its status, what the
// backend's methods did and how many agree with the recording of its
// profile; each opens the file's panel (the listings side by side).
std::string peer_table(const RunRecord& run) {
    if (run.peer.empty()) return "";
    std::string out = "<h2 id=\"peer\">Peer suites</h2>\n<table class=\"peer\"><tr><th>file</th>";
    for (const auto& b : run.backends)
        out += fmt::format("<th>{}<br><small>{}</small></th>", escape_markup(b.name), escape_markup(b.profile));
    out += "</tr>\n";
    for (const auto& c : run.cases) {
        out += fmt::format("<tr><td class=\"case\" title=\"{}\">{}</td>", escape_markup(c.summary),
                           escape_markup(c.id.substr(c.id.find('/') + 1)));
        for (const auto& b : run.backends) {
            const Result* r = run.find_result(c.id, b.name);
            if (!r) {
                out += "<td></td>";
                continue;
            }
            const auto& code = result_code(r->status);
            std::string counts;
            if (const PeerEntry* entry = run.find_peer(c.id, b.name)) {
                const auto& n = entry->counts;
                counts = fmt::format("<small>{} pass · {} fail · {} error · {} skip</small>", n.passed(), n.failed(),
                                     n.error, n.skip);
                if (r->expected) counts += fmt::format("<small>{} of {} agree</small>", n.agree, n.recorded());
            }
            out +=
                fmt::format("<td class=\"status\" style=\"background:{}\" title=\"{}\"><a href=\"#{}\">{}</a>{}</td>",
                            css_color(code.color), escape_markup(r->note),
                            cell_id(static_cast<std::size_t>(r - run.results.data())), code.name, counts);
        }
        out += "</tr>\n";
    }
    return out +
           "</table>\n<p>Each file of CPython's or PyPy's own test suite on each backend: its test methods' "
           "outcomes, and how many have the status recorded for the backend's profile (docs/peer.md).</p>\n";
}

std::string interruption(const RunRecord& run) {
    if (run.interrupted.empty()) return "";
    return fmt::format("<p class=\"interrupted\"><strong>{}</strong></p>\n", escape_markup(run.interruption_note()));
}

// The backends a default run left out, once each, with why.
std::string not_run(const RunRecord& run) {
    std::string out;
    for (const auto& b : run.not_run)
        out += fmt::format("<li>{} ({}): {}</li>", escape_markup(b.name), escape_markup(b.profile),
                           escape_markup(b.reason));
    return out.empty() ? "" : "<p>Not run:</p><ul class=\"not-run\">" + out + "</ul>\n";
}

// What each backend has of the capabilities the cases require: a cell per
// capability, its reason on hover when it lacks it.
std::string capabilities(const RunRecord& run) {
    std::set<std::string> names;
    for (const auto& b : run.backends) {
        for (const auto& [name, how] : b.capabilities) names.insert(name);
        for (const auto& [name, why] : b.lacks) names.insert(name);
    }
    if (names.empty()) return "";
    std::string out = "<h2 id=\"capabilities\">Capabilities</h2>\n<table class=\"capabilities\"><tr><th>backend</th>";
    for (const auto& name : names) out += fmt::format("<th>{}</th>", escape_markup(name));
    out += "</tr>\n";
    for (const auto& b : run.backends) {
        if (b.capabilities.empty() && b.lacks.empty()) continue;
        out += fmt::format("<tr><td>{}</td>", escape_markup(b.name));
        for (const auto& name : names) {
            if (auto why = b.lacks.find(name); why != b.lacks.end())
                out += fmt::format("<td class=\"lacks\" title=\"{}\">lacks</td>", escape_markup(why->second));
            else if (auto how = b.capabilities.find(name); how != b.capabilities.end())
                out += fmt::format("<td class=\"has\" title=\"{}\">has</td>", escape_markup(how->second));
            else out += "<td></td>";
        }
        out += "</tr>\n";
    }
    return out +
           "</table>\n<p>A case that requires what its backend lacks is UNSUPPORTED there and does not run "
           "(hover a cell for the probe's answer).</p>\n";
}

class HtmlReport final : public ReportWriter {
  public:
    std::string_view file_name() const override { return "index.html"; }

    std::string render(const RunRecord& run) const override {
        std::string panels;
        for (std::size_t i = 0; i < run.results.size(); ++i) panels += panel(run, run.results[i], i);
        for (const auto& c : run.cases) panels += source_panel(run, c);
        return fmt::format(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>memconform run {0}</title>\n"
            "<style>{1}</style></head>\n<body>\n<h1>memconform run {0}</h1>\n<p><code>{2}</code> — started {3}, "
            "{4:.1f} s, exit status {5}</p>\n{6}{12}{7}"
            "<p><label><input type=\"checkbox\" id=\"failures-only\"> only the cases that fail</label> &nbsp; "
            "<a href=\"#behaviors\">behavior map</a></p>\n{8}{9}{13}{10}{11}</body></html>\n",
            escape_markup(run.id), kStyle, escape_markup(run.command), escape_markup(run.started), run.seconds,
            run.exit_status, interruption(run) + peer_table(run), legend(), matrix(run), behavior_map(run),
            comparisons(run), panels, not_run(run), capabilities(run));
    }
};

}  // namespace

std::unique_ptr<ReportWriter> html_report() { return std::make_unique<HtmlReport>(); }

}  // namespace memconform
