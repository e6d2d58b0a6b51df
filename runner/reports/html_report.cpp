#include "runner/reports/report.hpp"

#include "runner/capabilities.hpp"
#include "runner/compare.hpp"
#include "runner/reports/html_panels.hpp"
#include "runner/reports/html_script.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace memconform {

namespace {

// index.html: the page a reader opens first, kept small whatever the size
// of the run: the counts per backend, a filter, a case x backend matrix
// coloured by status, the behavior map (which runtimes behave alike, case
// by case). Each cell opens a panel whose contents the page's script loads
// from the case's file beside it (html_panels.hpp), so the page holds no
// outcome, diff or source.
constexpr std::string_view kStyle = R"(
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: 2px 6px; }
th { background: #f4f4f4; }
td.case { font-family: monospace; }
td.case a { color: inherit; text-decoration: none; }
div.scroll { overflow: auto; max-height: calc(100vh - 3em); max-width: 100%; width: max-content;
             border: 1px solid #ccc; }
#matrix th { position: sticky; top: 0; z-index: 1; }
#matrix td.case, #matrix th:first-child, #matrix tr.area td { position: sticky; left: 0; background: #fff; z-index: 1; }
#matrix th:first-child { z-index: 2; background: #f4f4f4; }
table.cases th.backend { vertical-align: bottom; padding: 4px 2px; }
th.backend span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
th.backend small { font-weight: normal; color: #555; }
td.status { text-align: center; padding: 1px 3px; }
td.status a { color: #fff; text-decoration: none; font-size: 11px; }
tr.area td { background: #eee; font-weight: bold; }
#matrix tr.current td.case { background: #ffe9a8; }
form#filter { margin: .5em 0; display: flex; flex-wrap: wrap; gap: .6em; align-items: center; }
form#filter input[type=search] { width: 16em; }
p.no-match { font-style: italic; color: #a00; }
table.counts td { text-align: right; }
table.counts td.profile { text-align: left; color: #555; }
table.counts a { color: inherit; }
.panel { position: fixed; inset: 0 0 0 30%; overflow: auto; background: #fff; z-index: 3;
         border-left: 3px solid #888; padding: 1em 1.5em; box-shadow: -4px 0 12px #0003; }
.panel[hidden] { display: none; }
p.reason { white-space: pre-wrap; }
table.diff { width: 100%; }
table.diff td { font: 12px monospace; white-space: pre-wrap; vertical-align: top; width: 50%; }
tr.removed td.l, tr.changed td.l { background: #fdd; }
tr.added td.r, tr.changed td.r { background: #dfd; }
pre { background: #f8f8f8; padding: .5em; white-space: pre-wrap; }
td.behavior { text-align: center; font: bold 12px monospace; color: #fff; }
td.behavior a { color: #fff; }
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

std::string css_color(std::uint32_t rgb) { return fmt::format("#{:06x}", rgb); }

// One color per behavior letter, then grey for the rest.
constexpr std::uint32_t kBehaviorColors[] = {0x3b6fb6, 0xe08a1e, 0x2f9e44, 0x8e44ad, 0x16a2a2,
                                             0xb5651d, 0xd6336c, 0x5c7cfa, 0x66a80f, 0x868e96};

// A class per status, coloured from the result code table; one per behavior letter.
std::string status_style() {
    std::string out;
    for (const auto& code : kResultCodes)
        out += fmt::format(".st-{} {{ background: {}; }}\n", code.name, css_color(code.color));
    for (std::size_t k = 0; k < std::size(kBehaviorColors); ++k)
        out += fmt::format("td.behavior.k{} {{ background: {}; }}\n", k, css_color(kBehaviorColors[k]));
    return out;
}

// Opens a box whose content is laid out only when it scrolls into view
// (content-visibility): the behavior map is below the first screen, and
// its layout was a fifth of the page's load time (docs/reports.md, "How
// fast index.html opens"). Until then the box has about the size of a table
// of [rows] x [columns].
std::string below_fold(std::size_t rows, std::size_t columns) {
    constexpr std::size_t kRowHeight = 21, kHeaderHeight = 60, kColumnWidth = 85;  // px, in kStyle's font
    return fmt::format("<div class=\"below-fold\" style=\"contain-intrinsic-size: auto {}px auto {}px\">",
                       kColumnWidth * columns, kHeaderHeight + kRowHeight * rows);
}

// A status as a matrix cell shows it: short, so that two dozen backends fit
// a screen; the legend has the whole name.
std::string_view cell_label(Status status) {
    switch (status) {
    case Status::Unsupported: return "UNSUP";
    case Status::NoExpected: return "NO-EXP";
    case Status::Skipped: return "SKIP";
    case Status::Timeout: return "TIME";
    default: return result_code(status).name;
    }
}

std::string area_of(std::string_view case_id) { return std::string(case_id.substr(0, case_id.find('/'))); }

std::string status_cell(const CaseEntry& c, const Result* r) {
    if (!r) return "<td></td>";
    const auto& code = result_code(r->status);
    // No title: ten thousand of them were a fifth of a large page.
    return fmt::format("<td class=\"status st-{}\"><a href=\"#{}\">{}</a></td>", code.name,
                       escape_markup(result_anchor(c.id, r->backend)), cell_label(r->status));
}

// A backend's column head: its name and profile, written upwards.
std::string backend_head(const BackendEntry& b, std::string_view below) {
    return fmt::format("<th class=\"backend\" title=\"{}\"><span>{}<br><small>{}</small></span></th>",
                       escape_markup(b.available ? b.version : b.reason), escape_markup(b.name), escape_markup(below));
}

std::string matrix(const RunRecord& run) {
    std::string out =
        "<div class=\"scroll\"><table id=\"matrix\" class=\"cases\" data-first-backend-column=\"2\">"
        "<thead><tr><th>case</th>";
    for (const auto& b : run.backends) out += backend_head(b, b.profile);
    out += "</tr></thead><tbody>\n";
    std::string area;
    for (std::size_t i = 0; i < run.cases.size(); ++i) {
        const auto& c = run.cases[i];
        if (auto a = area_of(c.id); a != area) {
            area = a;
            out += fmt::format("<tr class=\"area\" data-area=\"{0}\"><td colspan=\"{1}\">{0}</td></tr>\n",
                               escape_markup(area), run.backends.size() + 1);
        }
        std::string cells;
        for (const auto& b : run.backends) cells += status_cell(c, run.find_result(c.id, b.name));
        out += fmt::format(
            "<tr data-c=\"{}\" id=\"row:{}\"><td class=\"case\" title=\"{}\"><a href=\"#{}\">{}</a></td>{}</tr>\n", i,
            escape_markup(c.id), escape_markup(c.summary), escape_markup(c.id), escape_markup(c.id), cells);
    }
    return out + "</tbody></table></div>\n<p class=\"no-match\" hidden>No case matches the filter.</p>\n";
}

// How many results of each status each backend has, the statuses the run
// has at all as columns; a count narrows the matrix to them.
std::string counts(const RunRecord& run) {
    std::map<std::string, std::map<Status, std::size_t>> per_backend;
    std::map<std::string, std::size_t> failing;
    std::set<Status> present;
    for (const auto& r : run.results) {
        ++per_backend[r.backend][r.status];
        present.insert(r.status);
        if (run.fails(r)) ++failing[r.backend];
    }
    std::string out = "<h2 id=\"counts\">Counts</h2>\n<table class=\"counts\"><tr><th>backend</th><th>profile</th>";
    for (auto status : present)
        out += fmt::format("<th class=\"st-{0}\" style=\"color:#fff\" title=\"{1}\">{0}</th>", result_code(status).name,
                           result_code(status).label);
    out += "<th>fail the run</th></tr>\n";
    for (const auto& b : run.backends) {
        out += fmt::format("<tr><th>{}</th><td class=\"profile\">{}</td>", escape_markup(b.name),
                           escape_markup(b.profile));
        auto link = [&](std::size_t n, std::string_view status) {
            return n == 0 ? std::string()
                          : fmt::format("<a href=\"#matrix\" data-backend=\"{}\" data-status=\"{}\">{}</a>",
                                        escape_markup(b.name), status, n);
        };
        for (auto status : present)
            out += "<td>" + link(per_backend[b.name][status], result_code(status).name) + "</td>";
        out += "<td>" + link(failing[b.name], "fails") + "</td></tr>\n";
    }
    return out + "</table>\n";
}

// The filter: the same rows of the matrix and of the behavior map are kept.
std::string filter_form(const RunRecord& run) {
    std::set<std::string> areas, tags;
    for (const auto& c : run.cases) {
        areas.insert(area_of(c.id));
        tags.insert(c.tags.begin(), c.tags.end());
    }
    auto options = [](const auto& values, std::string_view any) {
        std::string out = fmt::format("<option value=\"\">{}</option>", any);
        for (const auto& v : values) out += fmt::format("<option>{}</option>", escape_markup(v));
        return out;
    };
    std::vector<std::string> backends;
    for (const auto& b : run.backends) backends.push_back(b.name);
    std::string status_options = "<option value=\"\">any status</option><option value=\"fails\">fails the run</option>";
    for (const auto& code : kResultCodes) status_options += fmt::format("<option>{}</option>", code.name);
    return fmt::format(
        "<form id=\"filter\"><input type=\"search\" name=\"text\" placeholder=\"case, summary or tag\" "
        "aria-label=\"text\"><select name=\"area\" aria-label=\"area\">{}</select>"
        "<select name=\"tag\" aria-label=\"tag\">{}</select><select name=\"status\" aria-label=\"status\">{}</select>"
        "<select name=\"backend\" aria-label=\"backend\">{}</select><button type=\"reset\">all cases</button>"
        "<span id=\"filter-count\"></span> &nbsp; <a href=\"#behaviors\">behavior map</a></form>\n",
        options(areas, "every area"), options(tags, "every tag"), status_options, options(backends, "every backend"));
}

// What the script filters on, in the page: per case its area, tags and
// each backend's status (an index into `statuses`, -1: none).
std::string run_data(const RunRecord& run) {
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : run.cases) {
        nlohmann::json status = nlohmann::json::array(), fails = nlohmann::json::array();
        for (std::size_t b = 0; b < run.backends.size(); ++b) {
            const Result* r = run.find_result(c.id, run.backends[b].name);
            status.push_back(r ? static_cast<int>(r->status) : -1);
            if (r && run.fails(*r)) fails.push_back(b);
        }
        cases.push_back({{"id", c.id},
                         {"area", area_of(c.id)},
                         {"summary", c.summary},
                         {"tags", c.tags},
                         {"status", std::move(status)},
                         {"fails", std::move(fails)}});
    }
    nlohmann::json statuses = nlohmann::json::array(), backends = nlohmann::json::array();
    for (const auto& code : kResultCodes) statuses.push_back(code.name);
    for (const auto& b : run.backends) backends.push_back(b.name);
    auto text = nlohmann::json{{"cases", cases}, {"statuses", statuses}, {"backends", backends}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    // `<` only ever stands in a JSON string: escaped, no `</script>` ends the block early.
    std::string safe;
    for (char ch : text) safe += ch == '<' ? std::string("\\u003c") : std::string(1, ch);
    return "<script type=\"application/json\" id=\"run-data\">" + safe + "</script>\n";
}

std::string behavior_cell(std::optional<std::size_t> index, const std::string& title, std::string_view href) {
    auto text = index ? behavior_letter(*index) : "new";
    if (!href.empty()) text = fmt::format("<a href=\"#{}\">{}</a>", escape_markup(href), text);
    auto titled = title.empty() ? "" : fmt::format(" title=\"{}\"", escape_markup(title));
    if (!index) return fmt::format("<td class=\"behavior new\"{}>{}</td>", titled, text);
    return fmt::format("<td class=\"behavior k{}\"{}>{}</td>", std::min(*index, std::size(kBehaviorColors) - 1), titled,
                       text);
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
    std::map<std::string, std::size_t> case_index;
    for (std::size_t i = 0; i < run.cases.size(); ++i) case_index[run.cases[i].id] = i;
    std::string out = fmt::format(
        "<h2 id=\"behaviors\">Behavior map</h2>\n<p>For each case, the recorded outcomes grouped into behaviors: "
        "profiles with the same letter recorded the same outcome; each backend shows the behavior its outcome "
        "matches, or <b>new</b> when no profile recorded it.</p>\n{}<table class=\"cases\" "
        "data-first-backend-column=\"{}\"><thead><tr><th>case</th>",
        below_fold(run.behaviors.size(), 1 + profile_set.size() + run.backends.size()), 2 + profile_set.size());
    for (const auto& p : profile_set)
        out += fmt::format("<th class=\"backend\"><span>{}</span></th>", escape_markup(p));
    for (const auto& b : run.backends) out += backend_head(b, headline[b.name]);
    out += "</tr></thead><tbody>\n";
    for (const auto& c : run.behaviors) {
        auto index = case_index.find(c.case_id);
        out += fmt::format("<tr{}><td class=\"case\"><a href=\"#{}\">{}</a></td>",
                           index == case_index.end() ? "" : fmt::format(" data-c=\"{}\"", index->second),
                           escape_markup(c.case_id), escape_markup(c.case_id));
        for (const auto& p : profile_set) {
            std::optional<std::size_t> index;
            for (std::size_t i = 0; i < c.behaviors.size(); ++i)
                if (std::find(c.behaviors[i].profiles.begin(), c.behaviors[i].profiles.end(), p) !=
                    c.behaviors[i].profiles.end())
                    index = i;
            out += index ? behavior_cell(index, "", "") : "<td></td>";  // the column head names the profile
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
            out += behavior_cell(index, title, result_anchor(c.case_id, b.name));
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table></div>\n<p class=\"no-match\" hidden>No case matches the filter.</p>\n";
}

// What each cell's colour and label stand for.
std::string legend() {
    std::string out = "<p>";
    for (const auto& code : kResultCodes) {
        auto name = cell_label(code.status) == code.name ? std::string(code.name)
                                                         : fmt::format("{} ({})", cell_label(code.status), code.name);
        out += fmt::format("<span class=\"st-{}\" style=\"color:#fff;padding:1px 5px\">{}</span> {} &nbsp; ", code.name,
                           name, code.label);
    }
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
            out += fmt::format("<td class=\"status st-{}\" title=\"{}\"><a href=\"#{}\">{}</a>{}</td>", code.name,
                               escape_markup(r->note), escape_markup(result_anchor(c.id, b.name)), code.name, counts);
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
            else if (auto how = b.capabilities.find(name); how != b.capabilities.end() && how->second == kNotProbed)
                out += "<td title=\"its probe gave no answer: the cases that require it run\">not probed</td>";
            else if (how != b.capabilities.end())
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
        return fmt::format(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>memconform run {0}</title>\n"
            "<style>{1}{2}</style><style id=\"column-filter\"></style></head>\n<body>\n<h1>memconform run {0}</h1>\n"
            "<p><code>{3}</code> — started {4}, {5:.1f} s, exit status {6}</p>\n{7}{8}{9}{10}{11}{12}{13}{14}{15}"
            "<section class=\"panel\" id=\"panel\" hidden><p><a href=\"\" id=\"panel-close\">close</a> "
            "<small>(Esc)</small></p><div id=\"panel-body\"></div></section>\n{16}<script>{17}</script>\n"
            "</body></html>\n",
            escape_markup(run.id), kStyle, status_style(), escape_markup(run.command), escape_markup(run.started),
            run.seconds, run.exit_status, interruption(run), counts(run), not_run(run), peer_table(run), legend(),
            filter_form(run), matrix(run), behavior_map(run) + capabilities(run), comparisons(run), run_data(run),
            kPageScript);
    }

    std::vector<ReportFile> companions(const RunRecord& run) const override {
        std::vector<ReportFile> files;
        for (const auto& c : run.cases) files.push_back({panel_file(c.id), case_panels_script(run, c)});
        return files;
    }
};

}  // namespace

std::unique_ptr<ReportWriter> html_report() { return std::make_unique<HtmlReport>(); }

}  // namespace memconform
