#include "runner/session.hpp"

#include "runner/scheduler.hpp"
#include "runner/status.hpp"

#include <fmt/format.h>

namespace memconform {

namespace {

Result skipped(const Case& c, const Backend& b) {
    return {c.id, b.name, Status::Skipped, "", std::nullopt, b.reason, 0};
}

// A case that needs what the backend, or its profile's interpreter, lacks
// is not run.
Result unsupported(const Case& c, const Backend& b, std::string why, bool lacked_as_recorded) {
    return {c.id, b.name, Status::Unsupported, "", std::nullopt, std::move(why), 0, lacked_as_recorded};
}

// A broken case fails only itself, without running.
Result broken(const Case& c, const Backend& b) { return {c.id, b.name, Status::Error, "", std::nullopt, c.broken, 0}; }

// The reason [b]'s baseline gives for [c], if it lists it.
const Located* baseline_entry(const Baselines& baselines, const Backend& b, const Case& c) {
    auto baseline = baselines.find(b.name);
    if (baseline == baselines.end()) return nullptr;
    auto entry = baseline->second.find(c.id);
    return entry != baseline->second.end() ? &entry->second : nullptr;
}

// What a result says of the baseline entry that lists its case: its reason,
// and for an XPASS which line of which file to remove.
std::string baseline_note(Status status, const Case& c, const Backend& b, const Located* listed) {
    if (!listed) return "";
    auto note = "baseline: " + listed->text;
    if (status != Status::XPass) return note;
    return fmt::format("passes now: remove `{}` from baselines/{}.toml:{} ({})", c.id, b.name, listed->line, note);
}

// Nothing when the interruption of the run cut the case short.
std::optional<Result> judged(const Case& c, const Backend& b, const ExpectedStore& store, const Located* listed,
                             const Settings& settings) {
    auto seen = run_case(c, b, limits_for(b, settings.limits));
    if (seen.raw.ending == Ending::Interrupted) return std::nullopt;
    auto expected = store.outcome(b.profile, c.id);
    if (!seen.runner_error.empty())
        return Result{c.id, b.name, Status::Error, seen.outcome, expected, "not run: " + seen.runner_error, 0};
    auto status = apply_baseline(judge(b.kind, seen.raw, seen.outcome, expected), listed != nullptr);
    Result result{c.id, b.name, status, seen.outcome, expected, baseline_note(status, c, b, listed), seen.raw.seconds};
    result.trace = std::move(seen.trace);
    return result;
}

}  // namespace

std::vector<Result> run_matrix(const std::vector<const Case*>& cases, const std::vector<const Backend*>& backends,
                               const ExpectedStore& store, const Baselines& baselines,
                               const CapabilityTable& capabilities, const Settings& settings, Progress& progress) {
    // What each profile's interpreter lacked when it was recorded: a case
    // that requires it has nothing to be judged against.
    std::map<std::string, Capabilities, std::less<>> recorded_lacks;
    for (const Backend* b : backends) {
        auto& lacks = recorded_lacks[b->profile];
        try {
            if (auto info = store.info(b->profile))
                for (const auto& [name, why] : info->lacks)
                    lacks[name] = {false, fmt::format("(profile {}, recorded) {}", b->profile, why)};
        } catch (const std::runtime_error&) {  // a malformed profile.toml: lint reports it
        }
    }
    const auto& lacks_of = recorded_lacks;  // the workers only read it
    std::vector<std::optional<Result>> slots(cases.size() * backends.size());
    run_parallel(slots.size(), settings.workers, [&](std::size_t i) {
        const Case& c = *cases[i / backends.size()];
        const Backend& b = *backends[i % backends.size()];
        auto have = capabilities.find(b.name);
        auto lacking = have == capabilities.end() ? std::nullopt : missing_capability(c.required(), have->second);
        auto lacked_by_profile = missing_capability(c.required(), lacks_of.at(b.profile));
        if (!lacking) lacking = lacked_by_profile;
        std::optional<Result> result;
        try {
            result = c.is_broken()  ? broken(c, b)
                     : !b.available ? skipped(c, b)
                     : lacking      ? unsupported(c, b, *lacking, lacked_by_profile.has_value())
                                    : judged(c, b, store, baseline_entry(baselines, b, c), settings);
        } catch (const std::exception& e) {  // an expected outcome it cannot read, ...: this case's error only
            result = Result{c.id, b.name, Status::Error, "", std::nullopt, std::string("not judged: ") + e.what(), 0};
        }
        if (result) progress.report(*result);
        slots[i] = std::move(result);
    });
    std::vector<Result> results;
    for (auto& slot : slots)
        if (slot) results.push_back(std::move(*slot));
    return results;
}

std::vector<std::vector<Observation>> run_attempts(const std::vector<const Case*>& cases, const Backend& backend,
                                                   int attempts, const Settings& settings, Progress& progress) {
    std::vector<std::vector<Observation>> seen(cases.size(), std::vector<Observation>(attempts));
    auto limits = limits_for(backend, settings.limits);
    run_parallel(cases.size() * attempts, settings.workers, [&](std::size_t i) {
        const Case& c = *cases[i / attempts];
        auto& observation = seen[i / attempts][i % attempts] = run_case(c, backend, limits);
        const auto& code = result_code(Status::Pass);
        progress.step("RAN", code.color, false, false,
                      fmt::format("{} :: {} (run {})", backend.name, c.id, i % attempts + 1), observation.outcome);
    });
    return seen;
}

std::vector<CaseEntry> case_entries(const std::vector<const Case*>& cases) {
    std::vector<CaseEntry> entries;
    for (const Case* c : cases) {
        CaseEntry e{c->id, c->front.summary, {}, c->source};
        for (const auto& tag : c->front.tags) e.tags.push_back(tag.text);
        entries.push_back(std::move(e));
    }
    return entries;
}

std::vector<BackendEntry> backend_entries(const std::vector<const Backend*>& backends,
                                          const CapabilityTable& capabilities) {
    std::vector<BackendEntry> entries;
    for (const Backend* b : backends) {
        BackendEntry e{b->name,
                       std::string(kind_name(b->kind)),
                       b->available ? b->profile : "",
                       b->command,
                       b->version,
                       b->available,
                       b->reason,
                       {},
                       {}};
        if (auto have = capabilities.find(b->name); have != capabilities.end())
            for (const auto& [name, presence] : have->second)
                (presence.has ? e.capabilities : e.lacks)[name] = presence.reason;
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace memconform
