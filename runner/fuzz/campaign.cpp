#include "runner/fuzz/campaign.hpp"

#include "runner/diff.hpp"
#include "runner/fuzz/classify.hpp"
#include "runner/fuzz/shrink.hpp"
#include "runner/interrupt.hpp"
#include "runner/record.hpp"
#include "runner/result_codes.hpp"
#include "runner/run_case.hpp"
#include "runner/scheduler.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <variant>

namespace memconform::fuzz {

namespace {

// Both backends, with their limits.
class Pair {
  public:
    Pair(const Backend& model, const Backend& real, const Limits& defaults)
        : model_(model),
          real_(real),
          model_limits_(limits_for(model, defaults)),
          real_limits_(limits_for(real, defaults)) {}

    Observation model(const std::string& source) const {
        return run_source(source, std::string(kProgramFile), model_, model_limits_);
    }
    Observation real(const std::string& source) const {
        return run_source(source, std::string(kProgramFile), real_, real_limits_);
    }
    const std::string& profile() const { return model_.profile; }

  private:
    const Backend& model_;
    const Backend& real_;
    Limits model_limits_, real_limits_;
};

struct Agreed {};
using Verdict = std::variant<Agreed, Finding, Unstable>;

std::string last_line(std::string_view outcome) {
    auto lines = split_lines(outcome);
    return lines.empty() ? "" : lines.back();
}

// Whether a smaller program still shows the disagreement first seen: of
// the same kind, with a real outcome that ends the same way and raises no
// exception the first one did not (a shrunk program must not fail where
// the original did not).
class SameDisagreement {
  public:
    SameDisagreement(const Pair& pair, std::string kind, const Observation& real)
        : pair_(pair),
          kind_(std::move(kind)),
          ending_(last_line(real.outcome)),
          exceptions_(exception_names(real.outcome)) {}

    bool operator()(const std::string& source) const {
        auto real = pair_.real(source);
        if (real.raw.ending != Ending::Exited || last_line(real.outcome) != ending_) return false;
        auto raised = exception_names(real.outcome);
        if (!std::includes(exceptions_.begin(), exceptions_.end(), raised.begin(), raised.end())) return false;
        auto model = pair_.model(source);
        return model.outcome != real.outcome &&
               classify({model.raw, model.outcome, real.outcome, pair_.profile()}) == kind_;
    }

  private:
    const Pair& pair_;
    std::string kind_;
    std::string ending_;
    std::vector<std::string> exceptions_;
};

// The shrunk program, if its real outcome is stable too and it still
// disagrees when run again, with both outcomes (the shrinker saw it
// disagree once; a program on the edge of an automatic collection may not
// the next time).
std::optional<Finding> shrunk_finding(const Pair& pair, const Program& program, const Removed& removed,
                                      Finding finding) {
    auto source = render(program, removed);
    std::vector<Observation> runs{pair.real(source), pair.real(source), pair.real(source)};
    if (!refusal(runs).empty()) return std::nullopt;
    auto model = pair.model(source);
    if (model.outcome == runs[0].outcome) return std::nullopt;
    finding.program = source;
    finding.real = runs[0].outcome;
    finding.model = model.outcome;
    finding.statements = statement_count(program, removed);
    return finding;
}

Verdict examine(const Pair& pair, std::uint64_t seed, const CampaignSettings& settings) {
    auto program = generate(seed, settings.generator);
    auto source = render(program);
    auto model = pair.model(source);
    std::vector<Observation> real{pair.real(source)};
    if (model.outcome == real[0].outcome && real[0].raw.ending == Ending::Exited) return Agreed{};
    real.push_back(pair.real(source));
    if (auto why = refusal(real); !why.empty()) return Unstable{seed, source, why};
    Finding finding{seed,
                    classify({model.raw, model.outcome, real[0].outcome, pair.profile()}),
                    source,
                    source,
                    model.outcome,
                    real[0].outcome,
                    statement_count(program, program.none_removed()),
                    0};
    finding.statements = finding.original_statements;
    if (!settings.shrink) return finding;
    SameDisagreement same(pair, finding.kind, real[0]);
    auto shrunk = shrink(
        program, [&](const Removed& removed) { return same(render(program, removed)); }, settings.shrink_budget);
    if (auto smaller = shrunk_finding(pair, program, shrunk.removed, finding)) return *smaller;
    return finding;
}

void report_step(Progress& progress, const Verdict& verdict, std::uint64_t seed) {
    auto subject = fmt::format("seed {}", seed);
    if (std::holds_alternative<Agreed>(verdict)) {
        progress.step("AGREE", result_code(Status::Pass).color, false, false, subject, "");
    } else if (const auto* f = std::get_if<Finding>(&verdict)) {
        progress.step("DISAGREE", result_code(Status::Fail).color, true, true,
                      fmt::format("{} [{}], {} statements", subject, f->kind, f->statements),
                      f->program + unified_diff(f->real, f->model));
    } else {
        const auto& u = std::get<Unstable>(verdict);
        progress.step("UNSTABLE", result_code(Status::Crash).color, true, true, subject + " (a generator defect)",
                      u.why);
    }
}

}  // namespace

std::map<std::string, std::size_t> CampaignResult::count_by_kind() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& f : findings) ++counts[f.kind];
    return counts;
}

std::uint64_t campaign_size(const CampaignSettings& settings) {
    std::uint64_t first = settings.shard.index - 1;
    if (first >= settings.count) return 0;
    std::uint64_t from_first = settings.count - first;
    return from_first / settings.shard.count + (from_first % settings.shard.count != 0);
}

std::uint64_t campaign_seed(const CampaignSettings& settings, std::uint64_t k) {
    return settings.seed + (settings.shard.index - 1) + k * settings.shard.count;
}

CampaignResult run_campaign(const Backend& model, const Backend& real, const CampaignSettings& settings,
                            Progress& progress) {
    Pair pair(model, real, settings.limits);
    CampaignResult result;
    std::mutex result_mutex;
    // Only the findings are kept: an agreement is a count.
    run_parallel(campaign_size(settings), settings.workers, [&](std::size_t k) {
        auto seed = campaign_seed(settings, k);
        Verdict verdict;
        try {
            verdict = examine(pair, seed, settings);
        } catch (const std::exception& e) {  // a temporary folder that cannot be made, ...
            verdict = Unstable{seed, "", std::string("not examined: ") + e.what()};
        }
        if (interrupting_signal()) return;  // its runs may have been cut short: no verdict
        report_step(progress, verdict, seed);
        std::lock_guard lock(result_mutex);
        ++result.programs;
        if (std::holds_alternative<Agreed>(verdict)) ++result.agreed;
        else if (auto* f = std::get_if<Finding>(&verdict)) result.findings.push_back(std::move(*f));
        else result.unstable.push_back(std::move(std::get<Unstable>(verdict)));
    });
    auto by_seed = [](const auto& a, const auto& b) { return a.seed < b.seed; };
    std::sort(result.findings.begin(), result.findings.end(), by_seed);
    std::sort(result.unstable.begin(), result.unstable.end(), by_seed);
    return result;
}

}  // namespace memconform::fuzz
