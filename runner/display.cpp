#include "runner/display.hpp"

#include "runner/capabilities.hpp"
#include "runner/compare.hpp"
#include "runner/diff.hpp"
#include "runner/text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace memconform {

std::string paint(std::string_view name, std::uint32_t rgb, bool color) {
    return color ? fmt::format(fmt::fg(fmt::rgb(rgb)) | fmt::emphasis::bold, "{}", name) : std::string(name);
}

namespace {

// How much of one result's detail -v prints; the reports keep all of it.
constexpr std::size_t kShownDetail = 8 << 10;

// [detail] as a terminal may show it, ending with a line end: printable (no
// escape sequence of a backend's reaches the terminal), cut at kShownDetail
// bytes, on whole lines.
std::string shown(std::string_view detail) {
    if (detail.size() <= kShownDetail) return printable(detail) + (detail.ends_with('\n') ? "" : "\n");
    auto cut = detail.rfind('\n', kShownDetail);
    cut = cut == std::string_view::npos ? kShownDetail : cut + 1;
    return printable(detail.substr(0, cut)) +
           fmt::format("... {} more bytes: the reports hold all of it\n", detail.size() - cut);
}

}  // namespace

Progress::Progress(std::size_t total, std::ostream& out, bool live, bool verbose, bool strict, bool answer_first)
    : out_(out), total_(total), live_(live), verbose_(verbose), strict_(strict), answer_first_(answer_first) {}

void Progress::step(std::string_view code, std::uint32_t rgb, bool notable, bool failed, std::string_view subject,
                    std::string_view detail) {
    std::lock_guard lock(mutex_);
    ++done_;
    failed_ += failed;
    if (live_) out_ << "\r\x1b[K";
    // Answer first, the failures wait (without -v) for their list after the
    // headline: the answer, not the order the cases ended in.
    if (answer_first_ ? notable && verbose_ : notable || !live_) {
        out_ << fmt::format("{}: {} ({} of {})\n", paint(code, rgb, live_), subject, done_, total_);
        if (notable && verbose_ && !detail.empty()) out_ << shown(detail);
    }
    if (live_) redraw(subject);
    out_.flush();
}

void Progress::report(const Result& r) {
    const auto& code = result_code(r.status);
    bool fails = fails_run(r, strict_);
    // On a terminal, a skipped backend and a lacking capability are counted
    // at the end (by reason: unsupported_counts), not a line per case.
    bool quiet = r.status == Status::Pass || r.status == Status::Skipped || r.status == Status::Unsupported;
    bool notable = !quiet || fails;
    std::string detail;
    if (notable && verbose_) detail = r.expected ? unified_diff(*r.expected, r.actual) : r.actual;
    step(code.name, code.color, notable, fails, r.backend + " :: " + r.case_id, detail);
}

void Progress::redraw(std::string_view subject) {
    out_ << fmt::format("[{:>{}}/{}] {} failed | {}", done_, std::to_string(total_).size(), total_, failed_, subject);
}

void Progress::finish() {
    std::lock_guard lock(mutex_);
    if (live_) out_ << "\r\x1b[K";
    out_.flush();
}

namespace {

std::string backend_rows(const RunRecord& run, const std::vector<Status>& shown, bool color) {
    std::string out;
    for (const auto& b : run.backends) {
        out += fmt::format("{:<24} {:<14}", b.name, b.profile.empty() ? "-" : b.profile);
        if (!b.available) {
            out += " skipped: " + b.reason + "\n";
            continue;
        }
        auto counts = run.count(b.name);
        for (Status s : shown) {
            auto n = counts[s];
            auto cell = fmt::format("{:>{}}", n, result_code(s).name.size());
            out += " " + (n && fails_run(s, run.strict) ? paint(cell, result_code(s).color, color) : cell);
        }
        out += "\n";
    }
    for (const auto& b : run.not_run) out += fmt::format("{:<24} {:<14} not run: {}\n", b.name, b.profile, b.reason);
    return out;
}

// What compare found [r]'s outcome to match, when it fails: "against
// cpython-3.11; matches cpython-3.12" tells a version difference from a
// behavior no profile has. Empty for run, which compares with no other profile.
std::string failure_matches(const RunRecord& run, const Result& r) {
    auto c = std::find_if(run.comparisons.begin(), run.comparisons.end(),
                          [&](const Comparison& c) { return c.case_id == r.case_id && c.backend == r.backend; });
    auto b = std::find_if(run.backends.begin(), run.backends.end(),
                          [&](const BackendEntry& b) { return b.name == r.backend; });
    if (c == run.comparisons.end() || b == run.backends.end()) return "";
    return fmt::format(" against {}; matches {}", b->profile,
                       c->matches.empty() ? "no recorded profile" : fmt::format("{}", fmt::join(c->matches, ", ")));
}

// Why a result is UNSUPPORTED, as one reason many cases share: the
// capability its backend lacks (`lacks weakref`), or the model's refusal.
std::string unsupported_reason(const Result& r) {
    if (r.note.empty()) return "the model rejected a construct";
    return r.note.substr(0, r.note.find(':'));
}

// Each backend's recorded profiles, most alike first, and a warning for
// a backend judged against a profile it is less like than another.
std::string likeness_lines(const RunRecord& run, bool color) {
    std::string lines, warnings;
    for (const auto& [backend, ranked] : likeness_by_backend(run)) {
        std::vector<std::string> top;
        for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
            top.push_back(fmt::format("{} {}/{}", ranked[i].profile, ranked[i].alike, ranked[i].compared));
        lines += fmt::format("  {:<24} {}\n", backend, fmt::join(top, ", "));
        const auto& target = std::find_if(run.backends.begin(), run.backends.end(), [&](const BackendEntry& b) {
                                 return b.name == backend;
                             })->profile;
        auto judged =
            std::find_if(ranked.begin(), ranked.end(), [&](const Likeness& l) { return l.profile == target; });
        // A tie with the first is no warning: the target is as alike.
        if (ranked.empty() || judged == ranked.end() || judged->alike >= ranked.front().alike) continue;
        warnings += fmt::format(
            "{}: {} is most like {} ({}/{}), judged against {} ({}/{}) (to change: --backend "
            "NAME:{}='COMMAND {{case}}', or its profile in backends.toml)\n",
            paint("WARNING", 0xd08000, color), backend, ranked.front().profile, ranked.front().alike,
            ranked.front().compared, target, judged->alike, judged->compared, ranked.front().profile);
    }
    if (lines.empty()) return "";
    return "\nMost alike recorded profiles (cases with the same outcome, of those both have):\n" + lines +
           (warnings.empty() ? "" : "\n" + warnings);
}

// What compare found of each backend's capabilities: one statement each,
// where a capability left unprobed is neither had nor lacked.
std::string capability_lines(const RunRecord& run) {
    std::string out;
    for (const auto& b : run.backends) {
        std::vector<std::string> lacks, unprobed;
        for (const auto& [name, why] : b.lacks) lacks.push_back(name);
        std::size_t has = 0;
        for (const auto& [name, how] : b.capabilities) {
            if (how == kNotProbed) unprobed.push_back(name);
            else ++has;
        }
        auto wanted = b.capabilities.size() + b.lacks.size();
        if (wanted == 0) continue;
        if (unprobed.size() == wanted) {
            out += fmt::format(
                "  {:<24} not probed (its probe gave no answer): the cases that require a capability run\n", b.name);
            continue;
        }
        out += fmt::format("  {:<24} has {} of {}", b.name, has, wanted);
        if (!lacks.empty()) out += fmt::format("; lacks {}", fmt::join(lacks, ", "));
        if (!unprobed.empty()) out += fmt::format("; not probed, so their cases run: {}", fmt::join(unprobed, ", "));
        out += "\n";
    }
    return out.empty()
               ? ""
               : "\nCapabilities the cases require (a case needing one the backend lacks is UNSUPPORTED):\n" + out;
}

}  // namespace

std::string headline(const RunRecord& run, bool color) {
    auto shown = run.statuses_seen();
    std::string out = fmt::format("{:<24} {:<14}", "backend", "profile");
    for (Status s : shown) out += " " + std::string(result_code(s).name);
    return out + "\n" + backend_rows(run, shown, color) + likeness_lines(run, color);
}

std::string comparison_details(const RunRecord& run) {
    std::map<std::string, std::size_t> counts;
    for (const auto& c : run.comparisons) ++counts[c.verdict];
    std::string out = capability_lines(run);
    out += "\nVerdicts (all: every profile; none: a new behavior; only F: one family's):\n";
    for (const auto& [verdict, n] : counts) out += fmt::format("  {:<16} {}\n", verdict, n);
    out += "\nPer case:\n";
    for (const auto& c : run.comparisons)
        out += fmt::format("  {:<48} {:<24} {:<12} {}\n", c.case_id, c.backend, c.verdict,
                           c.matches.empty() ? "-" : fmt::format("{}", fmt::join(c.matches, " ")));
    return out;
}

// Each backend's UNSUPPORTED results, one count per reason.
std::string unsupported_counts(const RunRecord& run) {
    std::string out;
    for (const auto& b : run.backends) {
        std::map<std::string, std::size_t> reasons;
        for (const auto& r : run.results)
            if (r.backend == b.name && r.status == Status::Unsupported) ++reasons[unsupported_reason(r)];
        if (reasons.empty()) continue;
        std::vector<std::pair<std::string, std::size_t>> ranked(reasons.begin(), reasons.end());
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        std::vector<std::string> parts;
        for (const auto& [reason, n] : ranked) parts.push_back(fmt::format("{} {}", n, reason));
        out += fmt::format("  {}: {}\n", b.name, fmt::join(parts, ", "));
    }
    return out.empty() ? "" : "\nUNSUPPORTED, by reason:\n" + out;
}

// The failures, those that match no recorded profile first (new behavior),
// then grouped by what they match.
std::string failure_list(const RunRecord& run, bool color) {
    std::vector<std::pair<std::string, const Result*>> failures;
    for (const auto& r : run.results)
        if (run.fails(r)) failures.emplace_back(failure_matches(run, r), &r);
    std::stable_sort(failures.begin(), failures.end(), [](const auto& x, const auto& y) {
        bool x_new = x.first.ends_with("no recorded profile"), y_new = y.first.ends_with("no recorded profile");
        return x_new != y_new ? x_new : x.first < y.first;
    });
    std::string out;
    for (const auto& [matches, r] : failures)
        out +=
            fmt::format("  {}{}: {} :: {}\n", paint(result_code(r->status).name, result_code(r->status).color, color),
                        matches, r->backend, r->case_id);
    return failures.empty() ? "" : fmt::format("\nFailures ({}):\n{}", failures.size(), out);
}

}  // namespace memconform
