#include "runner/reports/report.hpp"

#include "runner/diff.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace memconform {

namespace {

// summary.md: the counts per backend, every failure with its diff, and the
// comparisons when the run was a `compare`. Printable whatever the backends
// printed: valid UTF-8 without control characters.
class MarkdownReport final : public ReportWriter {
  public:
    std::string_view file_name() const override { return "summary.md"; }

    std::string render(const RunRecord& run) const override {
        return printable(fmt::format("# memconform run {}\n\n`{}` — started {}, {:.1f} s, exit status {}\n\n{}{}{}{}{}",
                                     run.id, run.command, run.started, run.seconds, run.exit_status, interruption(run),
                                     counts(run), capabilities(run), failures(run), comparisons(run)));
    }

  private:
    static std::string interruption(const RunRecord& run) {
        return run.interrupted.empty() ? "" : "**" + run.interruption_note() + "**\n\n";
    }

    static std::string counts(const RunRecord& run) {
        auto shown = run.statuses_seen();
        std::string out = "| backend | profile |", rule = "|---|---|";
        for (Status s : shown) {
            out += fmt::format(" {} |", result_code(s).name);
            rule += "---:|";
        }
        out += "\n" + rule + "\n";
        for (const auto& b : run.backends) {
            out += fmt::format("| {} | {} |", b.name, b.profile.empty() ? "—" : b.profile);
            if (!b.available) {
                out += " skipped: " + b.reason + " |\n";
                continue;
            }
            auto n = run.count(b.name);
            for (Status s : shown) out += fmt::format(" {} |", n[s]);
            out += "\n";
        }
        for (const auto& b : run.not_run)
            out += fmt::format("| {} | {} | not run: {} |\n", b.name, b.profile, b.reason);
        return out;
    }

    // Each backend that lacks a capability the cases require: which, and why.
    static std::string capabilities(const RunRecord& run) {
        std::string out;
        for (const auto& b : run.backends)
            for (const auto& [name, why] : b.lacks) out += fmt::format("- {} lacks `{}`: {}\n", b.name, name, why);
        return out.empty() ? "" : "\n## Capabilities\n\nTheir cases that require it are UNSUPPORTED.\n\n" + out;
    }

    static std::string failure(const RunRecord& run, const Result& r) {
        const auto* c = run.find_case(r.case_id);
        std::string out = fmt::format("\n### {}: {} :: {}\n\n", result_code(r.status).name, r.backend, r.case_id);
        if (c) out += c->summary + "\n\n";
        if (!r.note.empty()) out += r.note + "\n\n";
        if (r.expected && *r.expected == r.actual)  // an XPASS: no diff to show
            return out + "The outcome is the expected one.\n";
        if (r.expected) return out + markdown_fence(unified_diff(*r.expected, r.actual), "diff");
        return out + markdown_fence(r.actual, "text");
    }

    static std::string failures(const RunRecord& run) {
        std::string out;
        for (const auto& r : run.results)
            if (run.fails(r)) out += failure(run, r);
        return out.empty() ? "" : "\n## Failures\n" + out;
    }

    static std::string comparisons(const RunRecord& run) {
        if (run.comparisons.empty()) return "";
        std::string out =
            "\n## Compared with every recorded profile\n\n| case | backend | verdict | matches |\n|---|---|---|---|\n";
        for (const auto& c : run.comparisons)
            out += fmt::format("| {} | {} | {} | {} |\n", c.case_id, c.backend, c.verdict, fmt::join(c.matches, ", "));
        return out;
    }
};

}  // namespace

std::unique_ptr<ReportWriter> markdown_report() { return std::make_unique<MarkdownReport>(); }

}  // namespace memconform
