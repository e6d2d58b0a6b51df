#include "runner/peer_run.hpp"

#include "runner/capabilities.hpp"
#include "runner/scheduler.hpp"
#include "runner/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace memconform {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDriverFile = "peer_driver.py";

PeerSource declared_source(const Backend& b) {
    auto dir = expand(b.peer_dir, b.vars);
    std::error_code error;
    if (!fs::is_directory(dir, error)) return {"", fmt::format("its peer_dir {} (backends.toml) is not a folder", dir)};
    return {dir, "peer_dir in backends.toml"};
}

// Asks [b]'s interpreter where its `test` package is; the answer is cached
// in [cache_dir]/<backend>.peer.json while backend_key() holds.
PeerSource asked_source(const Backend& b, const fs::path& cache_dir, const Limits& limits) {
    auto file = cache_dir / (b.name + ".peer.json");
    auto cache = read_cache(file);
    auto key = backend_key(b);
    if (cache.value("backend", std::string()) == key && cache.contains("dir"))
        return {cache.value("dir", std::string()), cache.value("reason", std::string())};
    auto seen = run_source(kPeerDirProbe, "probe.py", b, limits_for(b, limits));
    PeerSource source;
    if (auto dir = probed_peer_dir(seen.raw.output); dir && seen.raw.ending == Ending::Exited && seen.raw.code == 0)
        source = {*dir, "its interpreter's `test` package"};
    else {
        auto lines = split_lines(seen.outcome);
        source = {
            "", fmt::format("no `test` package: asked where it is, it printed `{}`",
                            lines.size() > 1 ? lines[lines.size() - 2] + " " + lines.back() : one_line(seen.outcome))};
    }
    if (seen.raw.ending == Ending::Exited)  // an answer, not a time limit's or an interruption's
        write_cache(file, {{"backend", key}, {"dir", source.dir}, {"reason", source.reason}});
    return source;
}

PeerSource real_source(const Backend& b, const fs::path& cache_dir, const Limits& limits) {
    return b.peer_dir.empty() ? asked_source(b, cache_dir, limits) : declared_source(b);
}

// A model runs the suite of a real interpreter of its profile.
PeerSource model_source(const Backend& model, Registry& registry, const Vars& base, const fs::path& cache_dir,
                        const Limits& limits) {
    std::vector<Backend*> unprobed;
    for (auto& b : registry.backends)
        if (b.kind == BackendKind::Real && !b.available && b.reason.empty()) unprobed.push_back(&b);
    probe_all(unprobed, base);
    std::vector<std::string> why;
    for (const auto& b : registry.backends) {
        if (b.kind != BackendKind::Real || !b.available || b.profile != model.profile) continue;
        auto source = real_source(b, cache_dir, limits);
        if (!source.dir.empty()) return {source.dir, fmt::format("the suite of {} ({})", b.name, source.reason)};
        why.push_back(b.name + ": " + source.reason);
    }
    return {"", fmt::format("no real backend of profile {} here has a `test` package{}; give {} a peer_dir in "
                            "backends.toml",
                            model.profile, why.empty() ? "" : fmt::format(" ({})", fmt::join(why, "; ")), model.name)};
}

Result skipped(const PeerFile& file, const Backend& b, std::string why) {
    return {peer_case_id(file), b.name, Status::Skipped, "", std::nullopt, std::move(why), 0};
}

}  // namespace

PeerSources find_peer_sources(const std::vector<const Backend*>& backends, Registry& registry, const Vars& base,
                              const fs::path& cache_dir, const Limits& limits) {
    PeerSources sources;
    for (const Backend* b : backends) {
        if (!b->available) continue;
        sources[b->name] = !b->peer_dir.empty()            ? declared_source(*b)
                           : b->kind == BackendKind::Model ? model_source(*b, registry, base, cache_dir, limits)
                                                           : asked_source(*b, cache_dir, limits);
    }
    return sources;
}

Limits peer_limits(const PeerFile& file, const Backend& backend, const Limits& limits) {
    auto mine = limits_for(backend, limits);
    mine.timeout = std::chrono::milliseconds(static_cast<long long>(file.timeout_seconds * 1000));
    return mine;
}

Observation run_peer_file(const PeerFile& file, const std::string& dir, const Backend& backend, std::string_view driver,
                          const Limits& limits) {
    return run_source(peer_program(driver, dir, file.module), std::string(kDriverFile), backend,
                      peer_limits(file, backend, limits));
}

std::string peer_case_id(const PeerFile& file) { return "peer/" + file.module; }

PeerMatrix run_peer_matrix(const std::vector<PeerFile>& files, const std::vector<const Backend*>& backends,
                           const PeerSources& sources, const ExpectedStore& store, std::string_view driver,
                           const Settings& settings, Progress& progress) {
    std::vector<std::optional<Result>> slots(files.size() * backends.size());
    std::vector<std::optional<PeerEntry>> entries(slots.size());
    run_parallel(slots.size(), settings.workers, [&](std::size_t i) {
        const PeerFile& file = files[i / backends.size()];
        const Backend& b = *backends[i % backends.size()];
        auto source = sources.find(b.name);
        std::error_code error;
        if (!b.available) slots[i] = skipped(file, b, b.reason);
        else if (source == sources.end() || source->second.dir.empty())
            slots[i] = skipped(file, b, source == sources.end() ? "no peer suite" : source->second.reason);
        else if (auto path = fs::path(source->second.dir) / (file.module + ".py"); !fs::is_regular_file(path, error))
            slots[i] =
                skipped(file, b, fmt::format("its suite ({}) has no {}", source->second.dir, path.filename().string()));
        else {
            auto seen = run_peer_file(file, source->second.dir, b, driver, settings.limits);
            if (seen.raw.ending == Ending::Interrupted) return;
            auto recorded = store.peer_listing(b.profile, file.module);
            if (!seen.runner_error.empty()) {
                slots[i] = Result{peer_case_id(file),
                                  b.name,
                                  Status::Error,
                                  seen.outcome,
                                  recorded,
                                  "not run: " + seen.runner_error,
                                  0};
                progress.report(*slots[i]);
                return;
            }
            auto verdict = judge_peer(b.kind, seen.raw, seen.outcome, recorded);
            slots[i] = Result{peer_case_id(file), b.name,       verdict.status,  verdict.actual,
                              recorded,           verdict.note, seen.raw.seconds};
            entries[i] = PeerEntry{peer_case_id(file), b.name, source->second.dir, verdict.counts};
        }
        progress.report(*slots[i]);
    });
    PeerMatrix matrix;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i]) matrix.results.push_back(std::move(*slots[i]));
        if (entries[i]) matrix.entries.push_back(std::move(*entries[i]));
    }
    return matrix;
}

std::vector<std::vector<Observation>> run_peer_attempts(const std::vector<PeerFile>& files, const Backend& backend,
                                                        const std::string& dir, std::string_view driver, int attempts,
                                                        const Settings& settings, Progress& progress) {
    std::vector<std::vector<Observation>> seen(files.size(), std::vector<Observation>(attempts));
    run_parallel(files.size() * attempts, settings.workers, [&](std::size_t i) {
        const PeerFile& file = files[i / attempts];
        auto& observation = seen[i / attempts][i % attempts] =
            run_peer_file(file, dir, backend, driver, settings.limits);
        progress.step("RAN", result_code(Status::Pass).color, false, false,
                      fmt::format("{} :: {} (run {})", backend.name, file.module, i % attempts + 1),
                      observation.outcome);
    });
    return seen;
}

std::string peer_summary(const RunRecord& run) {
    std::string text = fmt::format("{:<20} {:<24} {:<12} {:>5} {:>5} {:>5} {:>5}  {}\n", "file", "backend", "status",
                                   "pass", "fail", "error", "skip", "agreement with the backend's profile");
    for (const auto& r : run.results) {
        auto file = r.case_id.substr(r.case_id.find('/') + 1);
        auto status = result_code(r.status).name;
        const PeerEntry* entry = run.find_peer(r.case_id, r.backend);
        if (!entry) {
            text += fmt::format("{:<20} {:<24} {:<12} {}\n", file, r.backend, status, one_line(r.note));
            continue;
        }
        const auto& c = entry->counts;
        text += fmt::format("{:<20} {:<24} {:<12} {:>5} {:>5} {:>5} {:>5}  {}\n", file, r.backend, status, c.passed(),
                            c.failed(), c.error, c.skip, one_line(r.note));
    }
    return text;
}

}  // namespace memconform
