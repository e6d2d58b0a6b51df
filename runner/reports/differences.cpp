#include "runner/reports/differences.hpp"

#include "runner/diff.hpp"
#include "runner/text.hpp"
#include "runner/trace.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <tuple>

namespace memconform {

namespace {

struct Side {
    std::string_view profile;
    std::string version;
    std::map<std::string, std::string, std::less<>> lacks;  // the capabilities its interpreter lacked
};

Side side(const ExpectedStore& store, std::string_view profile) {
    auto info = store.info(profile);
    if (!info) return {profile, "not recorded", {}};
    return {profile, one_line(info->version), info->lacks};
}

// The recorded outcome of [c] on [s], or, when its interpreter lacks what
// the case requires, that: it is the difference a reader needs to see.
std::optional<std::string> outcome(const ExpectedStore& store, const Side& s, const Case& c) {
    if (auto recorded = store.outcome(s.profile, c.id)) return recorded;
    for (const auto& name : c.required())
        if (auto lacked = s.lacks.find(name); lacked != s.lacks.end())
            return fmt::format("UNSUPPORTED: {} lacks {} ({})\n", s.profile, name, lacked->second);
    return std::nullopt;
}

std::string anchor(std::string_view id) { return case_anchor(id); }

// Two outcomes side by side: an HTML table, which Markdown renderers keep.
std::string side_by_side_outcomes(const Side& left, const std::string& a, const Side& right, const std::string& b) {
    return fmt::format(
        "<table>\n<tr><th>{}</th><th>{}</th></tr>\n<tr>\n<td>\n\n{}\n</td>\n<td>\n\n{}\n</td>\n</tr>\n</table>\n",
        left.profile, right.profile, markdown_fence(a, "text"), markdown_fence(b, "text"));
}

// What the two models' traces say happened to each object whose fate
// differs between them.
std::string what_happened_section(const Case& c, const ModelsTold& models, const ModelTraces& traces) {
    auto lines = what_happened(models.left, traces.left, models.right, traces.right, traced_case_file(c.id));
    // A model that does not reproduce its outcome tells nothing about it:
    // only the objects the two traces name differently are worth a line then.
    bool both_agree = traces.left_agrees && traces.right_agrees;
    if ((!traces.left_agrees && !traces.right_agrees) || (lines.empty() && !both_agree)) return "";
    std::string out = fmt::format("\nWhat happened, as the models' explain traces tell it (`{}`, `{}`):\n\n",
                                  models.left, models.right);
    for (const auto& [agrees, name] :
         {std::pair{traces.left_agrees, &models.left}, {traces.right_agrees, &models.right}})
        if (!agrees) out += fmt::format("(`{}` does not reproduce its profile's outcome here.)\n\n", *name);
    if (lines.empty()) return out + "No object the traces name fares differently.\n";
    for (const auto& line : lines) out += "- " + line + "\n";
    return out;
}

std::string section(const Case& c, const Side& left, const std::string& a, const Side& right, const std::string& b,
                    const ModelsTold& models) {
    std::string out = fmt::format("\n<a id=\"{}\"></a>\n\n### `{}`\n\n{}\n\n", anchor(c.id), c.id, c.front.summary);
    if (!c.front.explain.empty()) out += std::string(trim(c.front.explain)) + "\n\n";
    if (!c.front.portable.empty()) out += "**Portable code:** " + c.front.portable + "\n\n";
    if (!c.front.refs.empty()) out += fmt::format("See: {}\n\n", fmt::join(c.front.refs, ", "));
    out += markdown_fence(c.body(), "python") + "\n";
    // The lines that differ, which a Markdown renderer colours.
    auto changed = unified_diff(a, b);
    changed = changed.substr(changed.find("@@"));
    out +=
        side_by_side_outcomes(left, a, right, b) + fmt::format("\nWhat differs (`-` {}, `+` {}):\n\n{}", left.profile,
                                                               right.profile, markdown_fence(changed, "diff"));
    if (auto traces = models.traces.find(c.id); traces != models.traces.end())
        out += what_happened_section(c, models, traces->second);
    return out;
}

}  // namespace

std::optional<std::string> outcome_or_lack(const ExpectedStore& store, std::string_view profile, const Case& c) {
    return outcome(store, side(store, profile), c);
}

std::string case_anchor(std::string_view id) {
    std::string out;
    for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '-';
    return out;
}

std::vector<const Case*> differing_cases(const Corpus& corpus, const ExpectedStore& store, std::string_view left,
                                         std::string_view right) {
    Side l = side(store, left), r = side(store, right);
    std::vector<const Case*> differ;
    for (const auto& c : corpus.cases) {
        if (c.is_broken()) continue;
        auto a = outcome(store, l, c), b = outcome(store, r, c);
        if (a && b && *a != *b) differ.push_back(&c);
    }
    return differ;
}

namespace {

// The areas in the order a program is likely to meet them: resources first
// (a file or a socket left to the collector), then the patterns of
// long-lived code, then what only a memory-minded program looks at. The
// practical summary ranks its cases by it; an area not listed comes last.
constexpr std::string_view kAreasByExposure[] = {"files",      "sockets",    "asyncio",    "threads",  "weakref",
                                                 "finalizers", "generators", "exceptions", "shutdown", "cycles",
                                                 "refcount",   "pauses",     "allocator",  "api"};

std::size_t exposure_rank(std::string_view area) {
    return static_cast<std::size_t>(std::find(std::begin(kAreasByExposure), std::end(kAreasByExposure), area) -
                                    std::begin(kAreasByExposure));
}

std::string tag_list(const Case& c) {
    std::string out;
    for (const auto& t : c.front.tags) out += fmt::format("{}`{}`", out.empty() ? "" : " ", t.text);
    return out;
}

// The capability whose lack gives [outcome] on [s], if it is such an outcome.
std::optional<std::string> lacked(const Side& s, const Case& c, const std::string& outcome) {
    if (!outcome.starts_with("UNSUPPORTED: ")) return std::nullopt;
    for (const auto& name : c.required())
        if (s.lacks.count(name) && outcome.find(" lacks " + name + " ") != std::string::npos) return name;
    return std::nullopt;
}

std::string table_cell(std::string_view text) {
    std::string out;
    for (char ch : trim(text)) out += ch == '\n' ? ' ' : ch == '|' ? '/' : ch;
    return out;
}

}  // namespace

std::string differences_document(const Corpus& corpus, const ExpectedStore& store, std::string_view left,
                                 std::string_view right, const ModelsTold& models) {
    Side l = side(store, left), r = side(store, right);
    std::string body, contents, area, unrecorded, api_rows;
    std::vector<const Case*> practical;
    std::size_t differ = 0, api_only = 0;
    for (const auto& c : corpus.cases) {
        if (c.is_broken()) continue;  // lint reports it
        auto a = outcome(store, l, c), b = outcome(store, r, c);
        if (!a || !b) {
            unrecorded += fmt::format("- `{}`\n", c.id);
            continue;
        }
        if (*a == *b) continue;
        ++differ;
        auto left_lacks = lacked(l, c, *a), right_lacks = lacked(r, c, *b);
        if (left_lacks || right_lacks) {
            // The difference is that an API is missing: one row, no diff.
            const Side& lacking = left_lacks ? l : r;
            api_rows +=
                fmt::format("| [`{}`](../cases/{}.py) | {} | {} | `{}` |\n", c.id, c.id, table_cell(c.front.summary),
                            lacking.profile, left_lacks ? *left_lacks : *right_lacks);
            ++api_only;
            continue;
        }
        if (c.has_tag("realistic") || c.has_tag("pypy-doc")) practical.push_back(&c);
        if (c.area() != area) {
            area = c.area();
            body += fmt::format("\n## {}\n", area);
            contents += fmt::format("\n**{}**\n\n", area);
        }
        contents += fmt::format("- [`{}`](#{}) — {} ({})\n", c.id, anchor(c.id), c.front.summary, tag_list(c));
        body += section(c, l, *a, r, *b, models);
    }
    // Both tags first (a pattern real code has, which PyPy documents), then
    // the realistic ones, then PyPy's list; within each, by exposure.
    auto rank = [](const Case* c) {
        int tags = c->has_tag("realistic") && c->has_tag("pypy-doc") ? 0 : c->has_tag("realistic") ? 1 : 2;
        return std::tuple(tags, exposure_rank(c->area()), c->id);
    };
    std::stable_sort(practical.begin(), practical.end(),
                     [&](const Case* x, const Case* y) { return rank(x) < rank(y); });
    std::string out = fmt::format(
        "# Differences between {} and {}\n\n"
        "Generated by `memconform report --differences` from `expected/{}` ({}) and `expected/{}` ({}); "
        "do not edit. {} of {} cases differ: {} in what the runtimes do, {} only because one runtime lacks an "
        "API the case needs.\n",
        left, right, left, l.version, right, r.version, differ, corpus.cases.size(), differ - api_only, api_only);
    if (!practical.empty()) {
        out +=
            "\n## The differences that bite in practice\n\n"
            "The cases tagged `realistic` (a pattern real code has) or `pypy-doc` (an item of PyPy's own list of "
            "differences), both tags first, then by how commonly code holds what they show: files, sockets, "
            "the event loop and threads before weak references, finalizers and the collector. Each with what "
            "portable code does instead.\n\n";
        for (const Case* c : practical) {
            out += fmt::format("- [`{}`](#{}) — {}", c->id, anchor(c->id), c->front.summary);
            if (!c->front.portable.empty()) out += fmt::format(" **Portable code:** {}", table_cell(c->front.portable));
            out += "\n";
        }
    }
    if (api_only)
        out += fmt::format(
            "\n## Where one runtime lacks an API\n\n"
            "These {} cases need a capability (cases/tags.toml) that one runtime's probe found missing, so that "
            "runtime has no outcome to compare; they are not repeated below.\n\n"
            "| case | what it shows | runtime | lacks |\n|---|---|---|---|\n{}",
            api_only, api_rows);
    out += "\n## Behavior differences, by area\n" + contents;
    if (!models.traces.empty())
        out += fmt::format(
            "\nUnder each entry, *what happened* lists the objects whose fate differs between the explain traces "
            "(`pymodel --explain`) of `{}` and `{}`, the models of the two runtimes: where each was finalized, "
            "freed or left alive at exit, and why (backends/vm/README.md, \"The explain trace\").\n",
            models.left, models.right);
    if (!unrecorded.empty()) out += fmt::format("\nNot recorded for both profiles:\n\n{}", unrecorded);
    return out + body;
}

}  // namespace memconform
