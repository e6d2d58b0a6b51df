#include "runner/display.hpp"

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

Progress::Progress(std::size_t total, std::ostream& out, bool live, bool verbose, bool strict)
    : out_(out), total_(total), live_(live), verbose_(verbose), strict_(strict) {}

void Progress::step(std::string_view code, std::uint32_t rgb, bool notable, bool failed, std::string_view subject,
                    std::string_view detail) {
    std::lock_guard lock(mutex_);
    ++done_;
    failed_ += failed;
    if (live_) out_ << "\r\x1b[K";
    if (notable || !live_) {
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
    // at the end (by reason: summary_table), not a line per case.
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

std::string failure_list(const RunRecord& run, bool color) {
    std::string out;
    std::size_t n = 0;
    for (const auto& r : run.results)
        if (run.fails(r)) {
            out +=
                fmt::format("  {}: {} :: {}\n", paint(result_code(r.status).name, result_code(r.status).color, color),
                            r.backend, r.case_id);
            ++n;
        }
    return n ? fmt::format("\nFailures ({}):\n{}", n, out) : "";
}

// Why a result is UNSUPPORTED, as one reason many cases share: the
// capability its backend lacks (`lacks weakref`), or the model's refusal.
std::string unsupported_reason(const Result& r) {
    if (r.note.empty()) return "the model rejected a construct";
    return r.note.substr(0, r.note.find(':'));
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

}  // namespace

std::string summary_table(const RunRecord& run, bool color) {
    auto shown = run.statuses_seen();
    std::string out = fmt::format("{:<24} {:<14}", "backend", "profile");
    for (Status s : shown) out += " " + std::string(result_code(s).name);
    out += "\n" + backend_rows(run, shown, color) + unsupported_counts(run) + failure_list(run, color);
    return out;
}

}  // namespace memconform
